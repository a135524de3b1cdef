"""One row of a member file (column → text) parsed into plain, normalised values.

Pure: no file, no database. Every problem names the column (its code in
`member_columns.COLUMNS`) and says what is wrong in words the secretary understands;
the caller adds the row number and the header as the file writes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TypeVar

from desdesk.domain import member_fields, values
from desdesk.domain.enums import Sector, SupplyChainRole
from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.legal_forms import parse_legal_form
from desdesk.domain.member_columns import FIELD_COLUMNS
from desdesk.i18n import N_, _

T = TypeVar("T")

_LIST_SEPARATORS = re.compile(r"[,;\n]")

# Member text fields normalised by `member_fields.normalize_field` (name apart).
_TEXT_FIELDS = (
    "tax_code", "vat_number", "address", "comune", "provincia", "cap",
    "email", "pec", "phone", "website", "notes", "legal_representative",
)  # fmt: skip

# Per person column prefix: no first name, no last name, contacts without a name.
_PERSON_MESSAGES: dict[str, tuple[str, str, str]] = {
    "referente": (
        N_("Manca il nome del referente."),
        N_("Manca il cognome del referente."),
        N_("Ci sono i contatti del referente ma mancano nome e cognome."),
    ),
    "supplente": (
        N_("Manca il nome del supplente."),
        N_("Manca il cognome del supplente."),
        N_("Ci sono i contatti del supplente ma mancano nome e cognome."),
    ),
}


@dataclass(frozen=True, slots=True)
class PersonValues:
    """A referent or substitute as the row gives them (validated, normalised)."""

    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""


@dataclass(slots=True)
class ParsedRow:
    """The values of one row. `member` holds the keyword arguments of `MemberInput`."""

    member: dict[str, object] = field(default_factory=dict)
    primary: PersonValues | None = None
    substitute: PersonValues | None = None
    left_on: date | None = None
    leave_reason: str = ""
    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Reader:
    """Reads the cells of one row, collecting a problem for each cell it cannot accept."""

    def __init__(self, cells: Mapping[str, str]) -> None:
        self._cells = cells
        self.problems: list[FieldProblem] = []

    def text(self, column: str) -> str:
        return (self._cells.get(column) or "").strip()

    def problem(self, column: str, message: str) -> None:
        self.problems.append(FieldProblem(column, message))

    def parse(self, column: str, parser: Callable[[str], T], default: T) -> T:
        """`parser(text)` for a non-empty cell; `default` if empty or refused."""
        text = self.text(column)
        if not text:
            return default
        try:
            return parser(text)
        except InvalidValue as exc:
            self.problem(column, exc.message)
            return default


def split_list(text: str) -> list[str]:
    """Items of a list cell, separated by `,` or `;` (or a new line inside the cell)."""
    return [item.strip() for item in _LIST_SEPARATORS.split(text) if item.strip()]


def parse_legal_form_code(text: str) -> str:
    try:
        return parse_legal_form(text).code
    except ValueError:
        raise InvalidValue(
            _(
                "Forma giuridica “{value}” non riconosciuta: usa il codice (es. cooperativa_sociale_a) o il nome (es. Cooperativa sociale di tipo A)."
            ).format(value=text.strip())
        ) from None


def parse_sectors(text: str) -> list[int]:
    """Sector numbers, sorted and without repetitions (as the register stores them)."""
    sectors: set[int] = set()
    for item in split_list(text):
        try:
            sector = Sector.parse(item)
        except ValueError:
            raise InvalidValue(
                _(
                    "Settore “{value}” non riconosciuto: usa un numero da 1 a 13 o il nome del settore."
                ).format(value=item)
            ) from None
        sectors.add(sector.value)
    return sorted(sectors)


def parse_roles(text: str) -> list[str]:
    """Role codes, sorted and without repetitions (as the register stores them)."""
    roles: set[str] = set()
    for item in split_list(text):
        try:
            role = SupplyChainRole.parse(item)
        except ValueError:
            raise InvalidValue(
                _(
                    "Ruolo nella filiera “{value}” non riconosciuto: usa finanziamento, produzione, distribuzione o consumo."
                ).format(value=item)
            ) from None
        roles.add(role.value)
    return sorted(roles)


def parse_row(cells: Mapping[str, str]) -> ParsedRow:
    """Parse one row; a column missing from `cells` counts as empty."""
    reader = _Reader(cells)
    member = _member_values(reader)
    left_on = reader.parse("data_uscita", values.parse_date, None)
    leave_reason = reader.text("motivo_uscita")
    joined_on = member["joined_on"]
    assert joined_on is None or isinstance(joined_on, date)
    for problem in member_fields.check_dates(joined_on, left_on):
        reader.problem(FIELD_COLUMNS[problem.field], problem.message)
    if leave_reason and left_on is None and not reader.text("data_uscita"):
        reader.problem("data_uscita", _("C'è il motivo dell'uscita ma manca la data di uscita."))
    primary = _person(reader, "referente")
    substitute = _person(reader, "supplente")
    return ParsedRow(
        member=member,
        primary=primary,
        substitute=substitute,
        left_on=left_on,
        leave_reason=leave_reason,
        problems=reader.problems,
    )


def _member_values(reader: _Reader) -> dict[str, object]:
    member: dict[str, object] = {"name": reader.text("denominazione")}
    if not member["name"]:
        reader.problem("denominazione", _("La denominazione è obbligatoria."))
    member["legal_form"] = reader.parse("forma_giuridica", parse_legal_form_code, "")
    if not reader.text("forma_giuridica"):
        reader.problem("forma_giuridica", _("La forma giuridica è obbligatoria."))
    for name in _TEXT_FIELDS:
        column = FIELD_COLUMNS[name]
        member[name] = reader.parse(column, partial(member_fields.normalize_field, name), "")
    member["aes_subscriber"] = reader.parse("iscritto_disciplinari", values.parse_bool, False)
    no_sectors: list[int] = []
    no_roles: list[str] = []
    member["disciplinari"] = reader.parse("settori_disciplinari", parse_sectors, no_sectors)
    member["supply_chain_roles"] = reader.parse("ruoli_filiera", parse_roles, no_roles)
    member["joined_on"] = reader.parse("data_adesione", values.parse_date, None)
    return member


def _person(reader: _Reader, prefix: str) -> PersonValues | None:
    """The referent (`prefix` "referente") or substitute ("supplente") the row names, if any."""
    no_first, no_last, no_name = _PERSON_MESSAGES[prefix]
    first, last = reader.text(f"{prefix}_nome"), reader.text(f"{prefix}_cognome")
    has_contact = bool(reader.text(f"{prefix}_email") or reader.text(f"{prefix}_telefono"))
    if not (first or last):
        if has_contact:
            reader.problem(f"{prefix}_nome", _(no_name))
        return None
    if not first:
        reader.problem(f"{prefix}_nome", _(no_first))
    if not last:
        reader.problem(f"{prefix}_cognome", _(no_last))
    email = reader.parse(f"{prefix}_email", values.normalize_email, "")
    phone = reader.parse(f"{prefix}_telefono", values.normalize_phone, "")
    return PersonValues(first_name=first, last_name=last, email=email, phone=phone)
