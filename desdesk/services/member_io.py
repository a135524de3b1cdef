"""Member import and export: the register to and from CSV or XLSX (issue 2, point 9).

Import is two steps so that the GUI can show a preview: `plan()` reads and checks the
whole file and writes nothing; `apply()` writes a plan without problems in one
transaction. A plan with any problem is never applied, so a file is imported whole or
not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from desdesk.db.models import Member, Referent
from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import DesdeskError, FieldProblem
from desdesk.domain.member_columns import (
    COLUMNS,
    NUMERIC_CODE_WIDTHS,
    HeaderMatch,
    format_bool,
    format_list,
    format_phone,
    match_headers,
)
from desdesk.domain.member_rows import PersonValues, parse_row
from desdesk.domain.progress import report
from desdesk.i18n import _, ngettext
from desdesk.schemas import ImportPlan, ImportProblem, MemberEntry, MemberInput, ReferentInput
from desdesk.services.base import Service, SessionFactory
from desdesk.services.members import MembersService
from desdesk.services.spreadsheets import Cell, Row, check_suffix, read_rows, write_rows


class MemberIOService(Service):
    def __init__(self, sessions: SessionFactory, members: MembersService) -> None:
        super().__init__(sessions)
        self._members = members

    def plan(self, path: Path) -> ImportPlan:
        """Read and check a member file (.csv or .xlsx); nothing is written."""
        rows = read_rows(path)
        (header_number, header_cells), data_rows = rows[0], rows[1:]
        headers = [cell_text(cell) for cell in header_cells]
        match = match_headers(headers)
        plan = ImportPlan(extra_columns=list(match.extra_columns))
        plan.problems += [
            ImportProblem(header_number, match.header_of(p.field), p.message)
            for p in match.problems
        ]
        if plan.problems:
            # Without its columns the rows cannot be read; one problem says it all.
            return plan
        plan.extra_columns += _headerless_columns(headers, data_rows)
        checker = _DuplicateChecker(self._tax_code_owners())
        for position, (number, cells) in enumerate(data_rows):
            report(position, len(data_rows))  # a long job's progress; raises if cancelled
            entry, problems = entry_from_row(row_cells(cells, match))
            problems += checker.check(number, entry)
            plan.problems += [
                ImportProblem(number, match.header_of(p.field), p.message) for p in problems
            ]
            if entry is not None and not problems:
                plan.entries.append(entry)
        return plan

    def apply(self, plan: ImportPlan) -> int:
        """Write every member of the plan in one transaction; returns how many."""
        if not plan.ok:
            count = len(plan.problems)
            raise DesdeskError(
                ngettext(
                    "Il file ha {n} problema: nessun aderente è stato importato.",
                    "Il file ha {n} problemi: nessun aderente è stato importato.",
                    count,
                ).format(n=count)
            )
        report(0, len(plan.entries))  # the last moment to cancel: the batch is one INSERT
        return len(self._members.add_many(plan.entries))

    def export(self, path: Path) -> int:
        """Write every member, active and former, to a .csv or .xlsx file; returns how many."""
        check_suffix(path)
        rows = self._export_rows()
        write_rows(path, COLUMNS, rows, title=_("Aderenti"))
        return len(rows)

    def _tax_code_owners(self) -> dict[str, str]:
        query = select(Member.tax_code, Member.name).where(Member.tax_code.is_not(None))
        with self._reading() as session:
            return {code: name for code, name in session.execute(query) if code}

    def _export_rows(self) -> list[list[Cell]]:
        current = select(Referent).where(Referent.end_date.is_(None))
        with self._reading() as session:
            members = session.execute(select(Member).order_by(Member.name, Member.id)).scalars()
            referents = {(r.member_id, r.kind): r for r in session.execute(current).scalars()}
            return [export_row(member, referents) for member in members]


# Import


def cell_text(value: Cell, column: str = "") -> str:
    """The text of a cell as the row parser wants it.

    Spreadsheets turn codes made of digits into numbers and drop their leading zeros
    (CAP 00100, codice fiscale 00743110157): `column` says which widths to pad back to.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return format_bool(value)
    if isinstance(value, int | float):
        return _number_text(value, NUMERIC_CODE_WIDTHS.get(column))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    return value.isoformat()


def _number_text(value: int | float, width: int | None) -> str:
    if isinstance(value, float) and not value.is_integer():
        return str(value)
    text = str(int(value))
    return text.zfill(width) if width and value >= 0 else text


def row_cells(cells: Sequence[Cell], match: HeaderMatch) -> dict[str, str]:
    """Column → text for one row, following the header; missing cells are empty."""
    return {
        column: cell_text(cells[index], column) if index < len(cells) else ""
        for column, (index, _header) in match.positions.items()
    }


def _headerless_columns(headers: list[str], rows: list[Row]) -> list[str]:
    """Columns with data under a blank header (reported as extra and ignored)."""
    from openpyxl.utils import get_column_letter

    filled = {
        index
        for _number, cells in rows
        for index, cell in enumerate(cells)
        if (index >= len(headers) or not headers[index].strip()) and cell_text(cell).strip()
    }
    return [
        _("colonna {letter} senza intestazione").format(letter=get_column_letter(index + 1))
        for index in sorted(filled)
    ]


def entry_from_row(cells: dict[str, str]) -> tuple[MemberEntry | None, list[FieldProblem]]:
    """A member to write from one row (column → text), or the problems (by column) that
    prevent it.

    The row parser applies the same normalisers as `clean_member` and `clean_referent`,
    so the entry is already in the form `MembersService.add` would store (the tests hold
    this); not validating twice halves the time of planning a large file.
    """
    parsed = parse_row(cells)
    if not parsed.ok:
        return None, list(parsed.problems)
    entry = MemberEntry(
        member=MemberInput(**parsed.member),
        primary=_referent(parsed.primary),
        substitute=_referent(parsed.substitute),
        left_on=parsed.left_on,
        leave_reason=parsed.leave_reason,
    )
    return entry, []


def _referent(person: PersonValues | None) -> ReferentInput | None:
    if person is None:
        return None
    return ReferentInput(
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
    )


class _DuplicateChecker:
    """A codice fiscale may appear once: not twice in the file, not again in the register."""

    def __init__(self, owners: dict[str, str]) -> None:
        self._owners = owners
        self._rows: dict[str, int] = {}

    def check(self, number: int, entry: MemberEntry | None) -> list[FieldProblem]:
        code = entry.member.tax_code if entry else ""
        if not code:
            return []
        if code in self._owners:
            message = _("Il codice fiscale {code} è già di “{name}”.").format(
                code=code, name=self._owners[code]
            )
        elif code in self._rows:
            message = _("Il codice fiscale {code} è già alla riga {row}.").format(
                code=code, row=self._rows[code]
            )
        else:
            self._rows[code] = number
            return []
        return [FieldProblem("codice_fiscale", message)]


# Export


def export_row(member: Member, referents: dict[tuple[int, str], Referent]) -> list[Cell]:
    """The cells of one member in the order of `COLUMNS`."""
    assert member.id is not None
    primary = referents.get((member.id, ReferentKind.PRIMARY.value))
    substitute = referents.get((member.id, ReferentKind.SUBSTITUTE.value))
    values: dict[str, Cell] = {
        "denominazione": member.name,
        "forma_giuridica": member.legal_form,
        "codice_fiscale": member.tax_code or "",
        "partita_iva": member.vat_number or "",
        "indirizzo": member.address,
        "comune": member.comune,
        "provincia": member.provincia,
        "cap": member.cap,
        "email": member.email,
        "pec": member.pec,
        "telefono": format_phone(member.phone),
        "sito_web": member.website,
        "iscritto_disciplinari": format_bool(member.aes_subscriber),
        "settori_disciplinari": format_list(member.disciplinari),
        "ruoli_filiera": format_list(member.supply_chain_roles),
        "data_adesione": member.joined_on,
        "data_uscita": member.left_on,
        "motivo_uscita": member.leave_reason,
        "note": member.notes,
        "legale_rappresentante": member.legal_representative,
    }
    for prefix, referent in (("referente", primary), ("supplente", substitute)):
        values[f"{prefix}_nome"] = referent.first_name if referent else ""
        values[f"{prefix}_cognome"] = referent.last_name if referent else ""
        values[f"{prefix}_email"] = referent.email if referent else ""
        values[f"{prefix}_telefono"] = format_phone(referent.phone) if referent else ""
    return [values[column] for column in COLUMNS]
