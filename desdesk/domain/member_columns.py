"""The columns of the member import/export format (issue 2, point 9) and header matching.

Column names are fixed codes, written as they are in every language. On import a header
matches a column when their `match_key`s agree (case, accents, spaces, hyphens, dots and
underscores ignored), or when it is the label the app shows for that field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from desdesk.domain.errors import FieldProblem
from desdesk.domain.member_fields import FIELD_LABELS
from desdesk.domain.text import match_key
from desdesk.i18n import _

COLUMNS: tuple[str, ...] = (
    "denominazione", "forma_giuridica", "codice_fiscale", "partita_iva", "indirizzo",
    "comune", "provincia", "cap", "email", "pec", "telefono", "sito_web",
    "iscritto_disciplinari", "settori_disciplinari", "ruoli_filiera", "data_adesione",
    "data_uscita", "motivo_uscita", "referente_nome", "referente_cognome",
    "referente_email", "referente_telefono", "supplente_nome", "supplente_cognome",
    "supplente_email", "supplente_telefono", "note", "legale_rappresentante",
)  # fmt: skip

REQUIRED_COLUMNS: tuple[str, ...] = ("denominazione", "forma_giuridica")

DATE_COLUMNS: frozenset[str] = frozenset({"data_adesione", "data_uscita"})

# Spreadsheets drop leading zeros of numbers: these columns are padded back to their width.
NUMERIC_CODE_WIDTHS: dict[str, int] = {"cap": 5, "codice_fiscale": 11, "partita_iva": 11}

# Member fields (the names of `MemberInput`) and the column that carries each.
FIELD_COLUMNS: dict[str, str] = {
    "name": "denominazione",
    "legal_form": "forma_giuridica",
    "tax_code": "codice_fiscale",
    "vat_number": "partita_iva",
    "address": "indirizzo",
    "comune": "comune",
    "provincia": "provincia",
    "cap": "cap",
    "email": "email",
    "pec": "pec",
    "phone": "telefono",
    "website": "sito_web",
    "legal_representative": "legale_rappresentante",
    "aes_subscriber": "iscritto_disciplinari",
    "disciplinari": "settori_disciplinari",
    "supply_chain_roles": "ruoli_filiera",
    "joined_on": "data_adesione",
    "left_on": "data_uscita",
    "leave_reason": "motivo_uscita",
    "notes": "note",
}

# A few names people commonly give these columns in their own spreadsheets.
_ALIASES: dict[str, str] = {
    "ragionesociale": "denominazione",
    "cf": "codice_fiscale",
    "piva": "partita_iva",
    "partitaiva": "partita_iva",
    "mail": "email",
    "tel": "telefono",
    "sito": "sito_web",
    "web": "sito_web",
    "aes": "iscritto_disciplinari",
    "settori": "settori_disciplinari",
    "ruoli": "ruoli_filiera",
}


def _build_keys() -> dict[str, str]:
    keys = {match_key(column): column for column in COLUMNS}
    for field_name, label in FIELD_LABELS.items():
        column = FIELD_COLUMNS.get(field_name)
        if column is not None:
            keys.setdefault(match_key(label), column)
    for alias, column in _ALIASES.items():
        keys.setdefault(alias, column)
    return keys


_KEYS = _build_keys()


def column_for_header(header: str) -> str | None:
    """The column a header stands for (`"Codice Fiscale"` → `codice_fiscale`), or None."""
    key = match_key(header)
    return _KEYS.get(key) if key else None


@dataclass(slots=True)
class HeaderMatch:
    """How the header row of a file maps onto the columns of the format.

    `positions` gives, for each recognised column, its index in the row and the header
    as written in the file. `problems` name the column (canonical) that is missing or
    repeated.
    """

    positions: dict[str, tuple[int, str]] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)

    def header_of(self, column: str) -> str:
        """The header as the file writes it, or the column's code if the file lacks it."""
        position = self.positions.get(column)
        return position[1] if position else column


def match_headers(headers: Sequence[str]) -> HeaderMatch:
    """Map a header row onto the columns; blank headers are skipped."""
    result = HeaderMatch()
    for index, raw in enumerate(headers):
        header = raw.strip()
        if not header:
            continue
        column = column_for_header(header)
        if column is None:
            result.extra_columns.append(header)
        elif column in result.positions:
            result.problems.append(
                FieldProblem(
                    column,
                    _("La colonna “{header}” è ripetuta (è già “{first}”).").format(
                        header=header, first=result.positions[column][1]
                    ),
                )
            )
        else:
            result.positions[column] = (index, header)
    for column in REQUIRED_COLUMNS:
        if column not in result.positions:
            result.problems.append(
                FieldProblem(
                    column, _("Manca la colonna obbligatoria “{column}”.").format(column=column)
                )
            )
    return result


# Export: what goes into each cell.


def format_bool(value: bool) -> str:
    """`sì` / `no`: a code of the format, the same in every language."""
    return "sì" if value else "no"


def format_list(items: Sequence[object]) -> str:
    return ", ".join(str(item) for item in items)


def format_date(value: date | None) -> str:
    """`GG/MM/AAAA`, whatever the language, so that the file reads back everywhere."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_phone(stored: str) -> str:
    """A phone as a spreadsheet should hold it: never starting with `+`, which Excel and
    LibreOffice read as the start of a formula. Italian numbers go in national form
    (`0461 123456`), foreign ones with the `00` prefix; import reads both back."""
    if not stored.startswith("+"):
        return stored
    import phonenumbers

    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    if number.country_code == 39:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return (
        "00" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)[1:]
    )
