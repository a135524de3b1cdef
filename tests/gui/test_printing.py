"""Printing a PDF through a QPrinter writing to a file (offscreen): every page printed,
one sheet per page, landscape pages on landscape sheets, the dialog's range honoured."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader, PdfWriter
from PySide6.QtCore import QSize, QSizeF
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter

from desdesk.services.workspace import Workspace
from desdesk.ui.printing import PrintFailed, fitted, print_pdf


def _printer(target: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def _joined(*documents: bytes) -> bytes:
    writer = PdfWriter()
    for data in documents:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _landscape(reader: PdfReader) -> list[bool]:
    return [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]


def _has_ink(page: PageObject) -> bool:
    """The printed sheet carries the page's picture, and it is not blank paper."""
    pictures = page.images
    if not pictures:
        return False
    picture = pictures[0].image
    assert picture is not None
    darkest, lightest = picture.convert("L").getextrema()
    assert isinstance(darkest, int) and isinstance(lightest, int)
    return darkest < 100 < lightest


@pytest.fixture
def mixed(populated: Workspace) -> bytes:
    """The register (landscape) followed by the referents' contacts (portrait)."""
    return _joined(populated.documents.register_pdf(), populated.documents.contacts_pdf())


def test_every_page_printed_in_its_orientation(qtbot, mixed: bytes, tmp_path: Path) -> None:
    source = PdfReader(io.BytesIO(mixed))
    target = tmp_path / "stampa.pdf"
    printed = print_pdf(mixed, _printer(target))
    out = PdfReader(target)
    assert printed == len(source.pages) == len(out.pages)
    assert _landscape(out) == _landscape(source)
    assert True in _landscape(out) and False in _landscape(out)
    assert all(_has_ink(page) for page in out.pages)


def test_the_dialogs_page_range(qtbot, mixed: bytes, tmp_path: Path) -> None:
    count = len(PdfReader(io.BytesIO(mixed)).pages)
    target = tmp_path / "ultima.pdf"
    printer = _printer(target)
    ranges = QPageRanges()
    ranges.addPage(count)
    ranges.addPage(count + 5)  # beyond the end: nothing
    printer.setPageRanges(ranges)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    assert print_pdf(mixed, printer) == 1
    out = PdfReader(target)
    assert len(out.pages) == 1
    assert _landscape(out) == [False]  # the last page is the portrait contacts list


def test_unreadable_bytes_are_refused_with_a_message(qtbot, tmp_path: Path) -> None:
    target = tmp_path / "niente.pdf"
    with pytest.raises(PrintFailed, match="non è un PDF leggibile"):
        print_pdf(b"not a pdf", _printer(target))
    assert not target.exists()


def test_a_page_fits_the_printable_area_with_its_proportions() -> None:
    a4 = QSizeF(595.0, 842.0)
    rect = fitted(a4, QSize(1000, 1000))
    assert (rect.y(), rect.height()) == (0, 1000)
    assert rect.width() == round(595 * 1000 / 842)
    assert rect.x() == (1000 - rect.width()) // 2
