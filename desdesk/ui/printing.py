"""Printing a PDF through Qt: every page drawn on the printer the print dialog set up.

Qt has no "send this PDF to the printer": each page is rendered by Qt PDF to an image
and painted on the QPrinter, one PDF page per sheet, fitted into the printable area
with its proportions kept. A landscape page turns the sheet (where the printer
allows changing orientation mid-job; PDF output does). The page range chosen in the
print dialog and the page order are honoured; copies and collation are the printer's
job. Rendering stops at `MAX_DPI`: a 1200 dpi printer would otherwise need a
half-gigabyte image per A4 page for documents that are text and simple charts.

`print_pdf` makes its own Qt PDF document and painter, so the preview runs it on a pool
thread as a long job (`desdesk.ui.long_job`); it reports each page, and a cancel between
pages aborts the print run (the printer discards what it was sent, a PDF is not kept).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from desdesk.domain.errors import DesdeskError
from desdesk.domain.progress import Cancelled, report
from desdesk.i18n import _

MAX_DPI = 300


class PrintFailed(DesdeskError):
    """The PDF could not be read, or the printer could not start."""


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print `data` on `printer`; returns how many pages were printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise PrintFailed(_("Il documento da stampare non è un PDF leggibile."))
        pages = pages_to_print(printer, document.pageCount())
        if pages:
            _print_pages(document, printer, pages)
        return len(pages)
    finally:
        document.close()
        buffer.close()


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages to print, in printing order: the dialog's range if one was
    chosen (pages beyond the end are skipped), the last first if so asked."""
    pages = list(range(page_count))
    ranges = printer.pageRanges()
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        pages = [page for page in pages if ranges.contains(page + 1)]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def _print_pages(document: QPdfDocument, printer: QPrinter, pages: list[int]) -> None:
    try:
        _paint_pages(document, printer, pages)
    except Cancelled:
        printer.abort()  # a real printer drops the job
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            Path(printer.outputFileName()).unlink(missing_ok=True)  # no half-printed file
        raise


def _paint_pages(document: QPdfDocument, printer: QPrinter, pages: list[int]) -> None:
    painter = QPainter()
    _turn_sheet(printer, document.pagePointSize(pages[0]))
    if not painter.begin(printer):
        raise PrintFailed(
            _("La stampante non è pronta: controlla che sia accesa e collegata, poi riprova.")
        )
    try:
        for position, page in enumerate(pages):
            report(position, len(pages))  # a long job's progress; raises if cancelled
            size = document.pagePointSize(page)
            if position:
                _turn_sheet(printer, size)
                printer.newPage()
            target = fitted(size, QSize(printer.width(), printer.height()))
            painter.drawImage(target, _render(document, page, target.size(), printer))
    finally:
        painter.end()


def _turn_sheet(printer: QPrinter, page_size: QSizeF) -> None:
    """Landscape sheets for landscape pages (a printer that cannot, keeps its own)."""
    landscape = page_size.width() > page_size.height()
    wanted = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    if printer.pageLayout().orientation() != wanted:
        printer.setPageOrientation(wanted)


def fitted(page_points: QSizeF, area: QSize) -> QRect:
    """The rectangle of `area` (device pixels) a page of `page_points` fills: as large
    as fits with its proportions kept, centred across, from the top."""
    if page_points.isEmpty() or area.isEmpty():
        return QRect(0, 0, max(area.width(), 0), max(area.height(), 0))
    scale = min(area.width() / page_points.width(), area.height() / page_points.height())
    width = round(page_points.width() * scale)
    height = round(page_points.height() * scale)
    return QRect((area.width() - width) // 2, 0, width, height)


def _render(document: QPdfDocument, page: int, target: QSize, printer: QPrinter) -> QImage:
    """The page as an image for `target` device pixels, at most MAX_DPI."""
    resolution = max(printer.resolution(), 1)
    shrink = min(1.0, MAX_DPI / resolution)
    size = QSize(max(1, round(target.width() * shrink)), max(1, round(target.height() * shrink)))
    image = document.render(page, size)
    if image.isNull():
        raise PrintFailed(
            _("Non riesco a preparare la pagina {page} per la stampa.").format(page=page + 1)
        )
    return image
