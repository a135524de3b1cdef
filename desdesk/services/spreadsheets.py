"""Tables of cells in and out of files: CSV as spreadsheet programs write it, and XLSX.

Reading gives the non-blank rows with the row number a spreadsheet shows (so problems
can point at them); writing goes through `desdesk.atomic`, so a failure never leaves
half a file.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from desdesk.atomic import atomic_write
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _

Cell = str | int | float | bool | Decimal | date | datetime | time | None
Row = tuple[int, list[Cell]]

SUFFIXES = (".csv", ".xlsx")
CSV_DELIMITER = ";"
_DELIMITER_CANDIDATES = (";", ",", "\t")
_DATE_FORMAT_XLSX = "DD/MM/YYYY"
# Amounts (Decimal cells): real numbers shown as euros, negatives in red.
_MONEY_FORMAT_XLSX = '#,##0.00 "€";[Red]-#,##0.00 "€"'
_MAX_WIDTH = 50
# Control characters an XLSX file cannot hold (the same set openpyxl refuses).
_ILLEGAL_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def check_suffix(path: Path) -> str:
    """The lower-case suffix if it is one we read and write; DesdeskError otherwise."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DesdeskError(
            _(
                "Formato di “{name}” non supportato: usa un file .csv oppure .xlsx (Excel, LibreOffice)."
            ).format(name=path.name)
        )
    return suffix


# Reading


def read_rows(path: Path) -> list[Row]:
    """The non-blank rows of a CSV or XLSX file, each with its spreadsheet row number."""
    suffix = check_suffix(path)
    rows = _read_csv(path) if suffix == ".csv" else _read_xlsx(path)
    if not rows:
        raise DesdeskError(_("Il file “{name}” è vuoto.").format(name=path.name))
    return rows


def _is_blank(cells: Sequence[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _unreadable(path: Path, reason: object) -> DesdeskError:
    return DesdeskError(
        _("Non riesco a leggere “{name}”: {reason}").format(name=path.name, reason=reason)
    )


def _read_csv(path: Path) -> list[Row]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, os_error_reason(exc)) from None
    text = decode_csv(data, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    rows: list[Row] = []
    try:
        # Records, not physical lines: a quoted cell with a new line is still one row.
        for number, record in enumerate(reader, start=1):
            cells: list[Cell] = list(record)
            if not _is_blank(cells):
                rows.append((number, cells))
    except csv.Error as exc:
        raise _unreadable(path, exc) from None
    return rows


def decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 with or without BOM; else cp1252, which older Excel for Windows writes for
    "CSV (delimitato dal separatore di elenco)"; UTF-16 with its BOM ("Testo Unicode")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DesdeskError(
        _("Codifica dei caratteri di “{name}” non riconosciuta: salvalo come CSV UTF-8.").format(
            name=path.name
        )
    )


def detect_delimiter(text: str) -> str:
    """`;` (Italian spreadsheets), `,` or tab: the one most frequent in the header line."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {candidate: header.count(candidate) for candidate in _DELIMITER_CANDIDATES}
    best = max(_DELIMITER_CANDIDATES, key=lambda candidate: counts[candidate])
    return best if counts[best] else CSV_DELIMITER


def _read_xlsx(path: Path) -> list[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise _unreadable(path, os_error_reason(exc)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
        raise DesdeskError(
            _("“{name}” non è un file Excel (.xlsx) leggibile.").format(name=path.name)
        ) from None
    try:
        if not workbook.worksheets:
            return []
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size: read every row that is really there.
        sheet.reset_dimensions()
        return [
            (number, list(cells))
            for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
            if not _is_blank(cells)
        ]
    finally:
        workbook.close()


# Writing


def _unwritable(path: Path, exc: OSError) -> DesdeskError:
    return DesdeskError(
        _("Non riesco a scrivere “{path}”: {reason}").format(path=path, reason=os_error_reason(exc))
    )


def write_rows(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    title: str,
    *,
    private: bool = False,
) -> None:
    """Write a table to `.csv` or `.xlsx` (by suffix); `title` names the XLSX sheet.

    The file is written whole or not at all (`desdesk.atomic`); `private` makes it
    readable by its owner only (0600), for tables holding personal data.
    """
    suffix = check_suffix(path)
    try:
        with atomic_write(path, private=private) as handle:
            if suffix == ".csv":
                _write_csv(handle, header, rows)
            else:
                _write_xlsx(handle, header, rows, title)
    except OSError as exc:
        raise _unwritable(path, exc) from None


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, Decimal):
        # `-1.234,56`: how an Italian spreadsheet reads an amount from a CSV file.
        return f"{cell:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    return str(cell)


def _write_csv(handle: BinaryIO, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """UTF-8 with BOM, `;` and CRLF: what Italian Excel and LibreOffice open as they are."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_csv_text(cell) for cell in row] for row in rows)
    text.flush()
    text.detach()  # the caller's file stays open: it is flushed to disk before it replaces


def _column_widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[float]:
    widths = [len(text) for text in header]
    for row in rows:
        for index, cell in enumerate(row):
            length = 10 if isinstance(cell, date) else len(_csv_text(cell))
            widths[index] = max(widths[index], length)
    return [min(width + 2, _MAX_WIDTH) for width in widths]


def _write_xlsx(
    handle: BinaryIO, header: Sequence[str], rows: Sequence[Sequence[Cell]], title: str
) -> None:
    """Header in bold and frozen, columns as wide as their content, dates as date cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    # A write-only sheet (the type stubs know only the ordinary one).
    sheet: Any = workbook.create_sheet(title=title)
    for index, width in enumerate(_column_widths(header, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def header_cell(text: str) -> object:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        return cell

    def body_cell(value: Cell) -> object:
        if isinstance(value, Decimal):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = _MONEY_FORMAT_XLSX
            return cell
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = _DATE_FORMAT_XLSX
            return cell
        if isinstance(value, str):
            value = _ILLEGAL_XLSX.sub("", value)
            if value.startswith("="):
                # Text, never a formula, whatever the member's notes say.
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                return cell
        return value

    sheet.append([header_cell(text) for text in header])
    for row in rows:
        sheet.append([body_cell(value) for value in row])
    workbook.save(handle)
