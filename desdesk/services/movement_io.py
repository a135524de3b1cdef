"""Movements to and from CSV or XLSX (issue 4, point 5): bank exports and the treasurer's
spreadsheets in, the year's movements out.

Import is read → map → preview → import. The preview reads every row, checks it as
`insert_movement` would (years open, categories, sources) and writes nothing; the import
writes every row of a preview without problems in one transaction (`add_movements`),
so a file is imported whole or not at all. Export writes what import reads back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from desdesk.db.models import Member
from desdesk.domain.errors import DesdeskError, ValidationFailed
from desdesk.domain.money_enums import Account, Flow, FundingSource
from desdesk.domain.progress import report
from desdesk.i18n import _, ngettext
from desdesk.money_schemas import MovementInput, MovementRead
from desdesk.services.base import Service, SessionFactory
from desdesk.services.member_io import cell_text
from desdesk.services.movement_duplicates import mark_duplicates
from desdesk.services.movement_mapping import (
    AMOUNT_FIELDS,
    mapping_problems,
    resolve_columns,
    suggest_mapping,
)
from desdesk.services.movement_rows import Lookups, MemberKey, PreviewLine, RowProblem, read_line
from desdesk.services.movements import Lookups as CheckLookups
from desdesk.services.movements import RowsRefused, check_movement
from desdesk.services.spreadsheets import Cell, check_suffix, read_rows, write_rows

if TYPE_CHECKING:
    from desdesk.services.budget import BudgetService

# The columns `export` writes, in Italian whatever the language: the file's format.
EXPORT_HEADERS: tuple[str, ...] = (
    "Data", "Importo", "Entrata/Uscita", "Categoria", "Descrizione",
    "Fonte", "Controparte", "Documento", "Conto", "Quota anno",
)  # fmt: skip

# Fields of `MovementInput` (as `check_movement` names them) → the file's field.
_INPUT_FIELDS = {
    "date": "data",
    "category_id": "categoria",
    "source": "fonte",
    "member_id": "controparte",
    "account": "conto",
    "counterparty": "controparte",
    "description": "descrizione",
    "document_ref": "documento",
    "fee_year": "quota_anno",
}


@dataclass(frozen=True, slots=True)
class RawTable:
    """A file as read: the header's texts and the cells of each non-blank row below it,
    with the row number a spreadsheet shows."""

    headers: list[str]
    rows: list[list[Cell]]
    numbers: list[int]


@dataclass(slots=True)
class MovementPreview:
    """A file read with a mapping, nothing written: import it only when `ok`."""

    mapping: dict[str, str]
    lines: list[PreviewLine] = field(default_factory=list)
    header_problems: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[MovementInput]:
        """The movements of the rows without problems, in file order."""
        return [line.movement for line in self.lines if line.movement is not None]

    def rows_to_import(self, include_duplicates: bool = False) -> list[MovementInput]:
        """The movements to write: without the rows that seem registered already,
        unless `include_duplicates`."""
        return [
            line.movement
            for line in self.lines
            if line.movement is not None and (include_duplicates or not line.duplicate)
        ]

    @property
    def duplicates(self) -> list[PreviewLine]:
        """The rows without problems that seem registered already."""
        return [line for line in self.lines if line.duplicate]

    def warnings(self) -> list[str]:
        """Every duplicate warning as the user reads it (`riga N: sembra già…`)."""
        return [
            _("riga {row}: {warning}").format(row=line.row, warning=line.warning)
            for line in self.duplicates
        ]

    @property
    def problems(self) -> list[RowProblem]:
        return [
            RowProblem(line.row, self.column_of(name), message)
            for line in self.lines
            for name, message in line.problems.items()
        ]

    @property
    def ok(self) -> bool:
        return not self.header_problems and all(line.ok for line in self.lines)

    def column_of(self, name: str) -> str:
        """The column, as the file names it, that a field was read from."""
        return self.mapping.get(name, name)

    def messages(self) -> list[str]:
        """Every problem as the user reads it (`riga N, colonna X: …`)."""
        return self.header_problems + [str(problem) for problem in self.problems]


class MovementImportRefused(DesdeskError):
    """A file with problems: nothing was imported; `problems` lists them all."""

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        summary = ngettext(
            "Il file ha {n} problema: nessun movimento è stato importato.",
            "Il file ha {n} problemi: nessun movimento è stato importato.",
            count,
        ).format(n=count)
        super().__init__("\n".join([summary, *problems]))
        self.problems = problems


class MovementIOService(Service):
    def __init__(self, sessions: SessionFactory, budget: BudgetService) -> None:
        # The preview reads members and checks rows the way `insert_movement` does.
        super().__init__(sessions)
        self._budget = budget

    # -- import --------------------------------------------------------------------------
    def read_table(self, path: Path) -> RawTable:
        """A .csv (`;` or `,`, UTF-8 or Windows) or .xlsx (first sheet) file, as it is,
        from its header row on (see `header_position`)."""
        rows = read_rows(path)
        texts = [[cell_text(cell).strip() for cell in cells] for _number, cells in rows]
        start = header_position(texts)
        data = rows[start + 1 :]
        return RawTable(
            headers=texts[start],
            rows=[cells for _number, cells in data],
            numbers=[number for number, _cells in data],
        )

    @staticmethod
    def suggest_mapping(headers: Sequence[str]) -> dict[str, str]:
        return suggest_mapping(headers)

    def preview(self, path: Path, mapping: Mapping[str, str]) -> MovementPreview:
        return self.preview_table(self.read_table(path), mapping)

    def preview_table(self, table: RawTable, mapping: Mapping[str, str]) -> MovementPreview:
        """Read every row with `mapping` (field → column) and check it; writes nothing."""
        mapping = resolve_columns(table.headers, mapping)
        preview = MovementPreview(mapping=mapping)
        preview.header_problems = mapping_problems(table.headers, mapping)
        if not table.rows:
            preview.header_problems.append(_("Il file non ha movimenti sotto l'intestazione."))
        if preview.header_problems:
            return preview
        positions = {name: table.headers.index(column) for name, column in mapping.items()}
        lookups = Lookups(self._budget.categories(), self._members())
        for number, cells in zip(table.numbers, table.rows, strict=True):
            report(len(preview.lines), len(table.rows))  # a long job's; raises if cancelled
            row = {
                name: cells[index] if index < len(cells) else None
                for name, index in positions.items()
            }
            preview.lines.append(read_line(number, row, lookups))
        self._check_with_service(preview)
        years = sorted({row.date.year for row in preview.rows})
        existing = [movement for year in years for movement in self._budget.movements(year)]
        mark_duplicates(preview.lines, existing)
        return preview

    def import_movements(
        self, path: Path, mapping: Mapping[str, str], include_duplicates: bool = False
    ) -> int:
        """Import a whole file or nothing (MovementImportRefused lists every problem).
        Rows that seem registered already are left out unless `include_duplicates`.
        Returns how many movements were written."""
        return self.import_table(self.read_table(path), mapping, include_duplicates)

    def import_table(
        self, table: RawTable, mapping: Mapping[str, str], include_duplicates: bool = False
    ) -> int:
        preview = self.preview_table(table, mapping)
        if not preview.ok:
            raise MovementImportRefused(preview.messages())
        try:
            return self._budget.add_movements(preview.rows_to_import(include_duplicates))
        except RowsRefused as refused:
            # Something changed since the preview (a year closed meanwhile).
            lines = [
                line
                for line in preview.lines
                if line.movement is not None and (include_duplicates or not line.duplicate)
            ]
            problems = [
                str(RowProblem(lines[position - 1].row, _column(preview, p.field), p.message))
                for position, p in refused.problems
            ]
            raise MovementImportRefused(problems) from None

    def _members(self) -> list[MemberKey]:
        query = select(Member.id, Member.name, Member.tax_code)
        with self._reading() as session:
            return [MemberKey(*row) for row in session.execute(query)]

    def _check_with_service(self, preview: MovementPreview) -> None:
        """The checks a movement gets when it is written (the year open above all), on
        every row read without problems, so the preview shows them too."""
        with self._reading() as session:
            lookups = CheckLookups(session)
            for line in preview.lines:
                if line.movement is None:
                    continue
                try:
                    check_movement(session, line.movement, lookups)
                except ValidationFailed as invalid:
                    for problem in invalid.problems:
                        line.problems.setdefault(_field(preview, problem.field), problem.message)
                    line.movement = None

    # -- export --------------------------------------------------------------------------
    def export(self, path: Path, year: int | None = None) -> int:
        """Write the movements (of `year`, or all), oldest first, to .csv or .xlsx; the
        import reads the file back as it is. Returns how many."""
        check_suffix(path)
        movements = list(reversed(self._budget.movements(year)))
        rows = [export_row(movement) for movement in movements]
        title = _("Movimenti {year}").format(year=year) if year else _("Movimenti")
        write_rows(path, EXPORT_HEADERS, rows, title=title)
        return len(rows)


def header_position(rows: Sequence[Sequence[str]], looked_at: int = 20) -> int:
    """Which of the first rows is the header: the one where most fields are recognised
    (bank exports put the account and the period above it), else the first."""
    scores = [len(suggest_mapping(cells)) for cells in rows[:looked_at]]
    best = max(scores)
    return scores.index(best) if best >= 2 else 0


def _field(preview: MovementPreview, input_field: str) -> str:
    """The file's field a problem of `check_movement` belongs to (one that was mapped)."""
    name = _INPUT_FIELDS.get(input_field)
    if name is None:  # "amount": the column the amount came from
        name = next((n for n in AMOUNT_FIELDS if n in preview.mapping), "")
    return name if name in preview.mapping else "categoria"


def _column(preview: MovementPreview, input_field: str) -> str:
    return preview.column_of(_field(preview, input_field))


def export_row(movement: MovementRead) -> list[Cell]:
    """The cells of one movement in the order of `EXPORT_HEADERS`: the amount is a
    Decimal (`-1.234,56` in CSV, an exact euro number in XLSX)."""
    data = movement.data
    signed = movement.signed_amount
    income = movement.flow is Flow.INCOME
    return [
        data.date,
        signed,
        "Entrata" if income else "Uscita",
        f"{movement.category_code} {movement.category_name}",
        data.description,
        FundingSource(data.source).label() if data.source and income else "",
        movement.counterparty_label,
        data.document_ref,
        Account(data.account).label(),
        movement.fee_year if movement.fee_year is not None else "",
    ]
