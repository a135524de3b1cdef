"""One row of a movement file (a bank export, a treasurer's spreadsheet) read into a
`MovementInput`, or the problems, field by field, that prevent it. Which column holds
which field is `desdesk.services.movement_mapping`'s business.
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.errors import InvalidValue
from desdesk.domain.money import CENT, MAX_DIGITS, parse_money, to_cents
from desdesk.domain.money_enums import Account, Flow, FundingSource
from desdesk.domain.text import match_key
from desdesk.domain.values import parse_date
from desdesk.i18n import _, format_date, format_money
from desdesk.money_schemas import CategoryRead, MovementInput
from desdesk.schemas import ImportProblem
from desdesk.services.member_io import cell_text
from desdesk.services.movement_mapping import AMOUNT_FIELDS
from desdesk.services.spreadsheets import Cell

# A problem where a spreadsheet shows it: row (header = 1), column as the file names it.
RowProblem = ImportProblem
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MemberKey:
    id: int
    name: str
    tax_code: str | None


class Lookups:
    """Categories and members found by what a file writes for them."""

    def __init__(self, categories: Sequence[CategoryRead], members: Sequence[MemberKey]) -> None:
        self.exact: dict[str, CategoryRead] = {}
        self.by_name: dict[str, list[CategoryRead]] = defaultdict(list)
        self.groups: dict[str, CategoryRead] = {}  # by name: a leaf's name wins
        for category in categories:
            self.exact[match_key(category.code)] = category
            self.exact[match_key(category.label)] = category
            if category.is_leaf:
                self.by_name[match_key(category.name)].append(category)
            else:
                self.groups[match_key(category.name)] = category
        self.members: dict[str, MemberKey | None] = {}
        for member in members:
            for key in (match_key(member.name), _compact(member.tax_code or "")):
                if key:
                    # Two members under one key: neither is guessed.
                    self.members[key] = None if key in self.members else member

    def category(self, cell: Cell) -> CategoryRead:
        """The leaf category a cell names (code, "code name", or a name used once)."""
        text = cell_text(cell).strip()
        key = match_key(text)
        found = self.exact.get(key)
        if found is None and key not in self.by_name:
            found = self.groups.get(key)
        if found is None:
            named = self.by_name.get(key, [])
            if len(named) > 1:
                codes = ", ".join(c.code for c in named)
                raise InvalidValue(
                    _("“{name}” è il nome di più categorie ({codes}): scrivi il codice.").format(
                        name=text, codes=codes
                    )
                )
            if not named:
                raise InvalidValue(
                    _(
                        "“{name}” non è una categoria del bilancio: scrivi il codice (ad esempio UA2) o il nome."
                    ).format(name=text)
                )
            found = named[0]
        if not found.is_leaf:
            raise InvalidValue(
                _("“{category}” raggruppa altre categorie: scegline una delle sue voci.").format(
                    category=found.label
                )
            )
        return found

    def member(self, text: str) -> MemberKey | None:
        return self.members.get(_compact(text)) or self.members.get(match_key(text))


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text).upper()


@dataclass(slots=True)
class PreviewLine:
    """One data row of the file: what it says, and the movement or the problems."""

    row: int
    texts: dict[str, str]  # display column → text (see `DISPLAY_FIELDS`)
    movement: MovementInput | None
    problems: dict[str, str] = field(default_factory=dict)  # field → message
    # Not a problem: the row seems registered already (see movement_duplicates).
    warning: str = ""

    @property
    def ok(self) -> bool:
        return self.movement is not None and not self.problems

    @property
    def duplicate(self) -> bool:
        return self.ok and bool(self.warning)


# The columns a preview shows: the amount fields are shown as one signed amount.
DISPLAY_FIELDS: tuple[str, ...] = (
    "data", "importo", "categoria", "descrizione", "fonte", "controparte", "documento", "conto",
    "quota_anno",
)  # fmt: skip


def display_field(name: str) -> str:
    return "importo" if name in AMOUNT_FIELDS else name


def read_line(row: int, cells: Mapping[str, Cell], lookups: Lookups) -> PreviewLine:
    """Read one row (field → cell of its mapped column). Whether the year is open is
    checked by the caller (MovementIOService.preview_table), with the service's rule."""
    reader = _LineReader(cells)
    day = reader.read("data", _date, _("Manca la data."))
    signed = _signed_amount(reader)
    category = reader.read("categoria", lookups.category, _("Manca la categoria."))
    source = reader.read("fonte", _source)
    account = reader.read("conto", _account) or Account.BANK.value
    if category is not None and signed is not None:
        _check_flow(reader, category, signed)
        if source and category.flow is Flow.EXPENSE:
            reader.problem("fonte", _("La fonte di finanziamento si indica solo per le entrate."))
    counterparty = reader.text("controparte")
    member = lookups.member(counterparty) if counterparty else None
    fee_year = reader.read("quota_anno", _year)
    if fee_year is not None and category is not None and category.role != MEMBERSHIP_FEES_ROLE:
        reader.problem(
            "quota_anno",
            _("L'anno della quota si indica solo per la categoria delle quote degli aderenti."),
        )
    if fee_year is not None and member is None:
        reader.problem(
            "quota_anno",
            _("Una quota è di un aderente: in Controparte scrivi il nome o il codice fiscale."),
        )
    # What was understood of each cell; a cell that could not be read shows the file's text.
    texts = {name: reader.text(name) for name in DISPLAY_FIELDS}
    texts["importo"] = reader.amount_text if signed is None else format_money(signed)
    texts["controparte"] = member.name if member else counterparty
    if day is not None:
        texts["data"] = format_date(day)
    if category is not None:
        texts["categoria"] = category.label
    if source is not None:
        texts["fonte"] = FundingSource(source).label()
    if "conto" not in reader.problems:
        texts["conto"] = Account(account).label()
    line = PreviewLine(row=row, texts=texts, movement=None, problems=reader.problems)
    if reader.problems or day is None or signed is None or category is None:
        return line
    line.movement = MovementInput(
        date=day,
        amount=abs(signed),
        category_id=category.id,
        description=reader.text("descrizione"),
        source=source,
        member_id=member.id if member else None,
        counterparty="" if member else counterparty,
        document_ref=reader.text("documento"),
        account=account,
        fee_year=fee_year,
    )
    return line


class _LineReader:
    """The cells of one row and the problems found in them, by field (first one wins)."""

    def __init__(self, cells: Mapping[str, Cell]) -> None:
        self.cells = cells
        self.problems: dict[str, str] = {}
        self.amount_text = " ".join(filter(None, (self.text(n) for n in AMOUNT_FIELDS)))
        self.amount_field = "importo"

    def text(self, name: str) -> str:
        return cell_text(self.cells.get(name)).strip()

    def problem(self, name: str, message: str) -> None:
        self.problems.setdefault(name, message)

    def read(self, name: str, parse: Callable[[Cell], T], missing: str = "") -> T | None:
        """The parsed value of a non-empty cell; None when empty or refused (noted), and
        when empty `missing`, if given, is the problem."""
        cell = self.cells.get(name)
        if not self.text(name):
            if missing:
                self.problem(name, missing)
            return None
        try:
            return parse(cell)
        except InvalidValue as exc:
            self.problem(name, exc.message)
            return None


def _date(cell: Cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    return parse_date(cell_text(cell).strip())


def _year(cell: Cell) -> int:
    """The year a fee is for: 2026 (a number or text)."""
    text = cell_text(cell).strip()
    if isinstance(cell, int | float) and not isinstance(cell, bool) and cell == int(cell):
        text = str(int(cell))
    if not re.fullmatch(r"(19|20|21)\d\d", text):
        raise InvalidValue(_("“{value}” non è un anno: scrivi ad esempio 2026.").format(value=text))
    return int(text)


E = TypeVar("E", FundingSource, Account)


def _coded(kind: type[E], cell: Cell) -> E | None:
    """The member of `kind` a cell names: its code, its Italian label or its label in
    the current language (what `export` wrote)."""
    text = cell_text(cell).strip()
    try:
        return kind(kind.parse(text))
    except ValueError:
        key = match_key(text)
        return next((member for member in kind if match_key(member.label()) == key), None)


def _source(cell: Cell) -> str:
    source = _coded(FundingSource, cell)
    if source is None:
        sources = ", ".join(source.label() for source in FundingSource)
        raise InvalidValue(
            _("“{value}” non è una fonte di finanziamento: usa {sources}.").format(
                value=cell_text(cell).strip(), sources=sources
            )
        )
    return source.value


def _account(cell: Cell) -> str:
    account = _coded(Account, cell)
    if account is None:
        raise InvalidValue(
            _("“{value}” non è un conto: scrivi cassa o banca.").format(
                value=cell_text(cell).strip()
            )
        )
    return account.value


def _money(cell: Cell) -> Decimal:
    """The amount in a non-empty cell, exact: a spreadsheet's number as it is (to the
    cent), text the Italian way (`1.234,56`)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        # 15 significant digits, as the spreadsheet shows the number: 0.1 + 0.2 is 0,3.
        value = Decimal(format(cell, ".15g"))
        if not value.is_finite() or abs(value) >= Decimal(10) ** MAX_DIGITS:
            raise _not_an_amount(cell)  # an IBAN's digits, infinity, NaN
        if value != value.quantize(CENT):
            # Rounding 12,345 to 12,34 or 12,35 would be a guess: the file must say.
            raise InvalidValue(
                _("{value} ha più di due decimali.").format(value=str(value).replace(".", ","))
            )
        return to_cents(value)
    if isinstance(cell, str):
        with contextlib.suppress(InvalidValue):
            return parse_money(cell, "it")
    raise _not_an_amount(cell)


def _not_an_amount(cell: Cell) -> InvalidValue:
    # Files are read the Italian way whatever the interface language: say so.
    return InvalidValue(
        _(
            "“{value}” non è un importo valido: nel file gli importi vanno scritti "
            "all'italiana, ad esempio 1.234,56 o -12,50."
        ).format(value=cell_text(cell).strip())
    )


def _signed_amount(reader: _LineReader) -> Decimal | None:
    """Positive for an entrata, negative for an uscita; None (with a problem) if unusable."""
    mapped = [name for name in AMOUNT_FIELDS if name in reader.cells]
    values: dict[str, Decimal] = {}
    for name in mapped:
        value = reader.read(name, _money)
        if value:  # 0,00 in the other column of a two-column export means empty
            values[name] = value
    if any(name in reader.problems for name in mapped):
        return None
    if not values:
        reader.problem(mapped[0] if mapped else "importo", _("Manca l'importo (o è zero)."))
        return None
    if len(values) > 1:
        reader.problem("entrata", _("Compila solo una tra Entrata e Uscita."))
        return None
    ((name, value),) = values.items()
    if name == "entrata" and value < 0:
        reader.problem(name, _("Un'entrata non può essere negativa: mettila tra le uscite."))
        return None
    reader.amount_field = name
    # Some banks write the uscite column with a minus sign, some without.
    return -abs(value) if name == "uscita" else value


def _check_flow(reader: _LineReader, category: CategoryRead, signed: Decimal) -> None:
    """An income category takes only entrate, an expense category only uscite."""
    flow = Flow.INCOME if signed > 0 else Flow.EXPENSE
    if flow is category.flow:
        return
    if category.flow is Flow.INCOME:
        message = _("“{category}” è una categoria di entrate, ma l'importo è un'uscita.")
    else:
        message = _("“{category}” è una categoria di uscite, ma l'importo è un'entrata.")
    reader.problem(reader.amount_field, message.format(category=category.label))
