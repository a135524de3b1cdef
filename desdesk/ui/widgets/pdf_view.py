"""A PDF shown inside the app (Qt PDF): the preview of documents and of the agreement.

`set_pdf(bytes)` replaces what is shown; the view keeps the bytes and the buffer Qt
reads them from alive for as long as the document is displayed. Qt PDF is imported
with this module, which the window loads only when a preview is first opened.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desdesk.i18n import _


class PdfView(QWidget):
    """Every page of a PDF one below the other, fitted to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName(_("Anteprima del documento"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self._buffer: QBuffer | None = None
        self._data = b""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_pdf(self, data: bytes) -> bool:
        """Show `data`; False (and the previous document kept) if Qt cannot read it."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        position = self.view.verticalScrollBar().value()
        self.document.close()
        self.document.load(buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            buffer.deleteLater()
            if self._buffer is not None and self._data:
                self.document.load(self._buffer)
            return False
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer, self._data = buffer, data
        self.view.verticalScrollBar().setValue(position)
        return True

    def pdf(self) -> bytes:
        return self._data

    def page_count(self) -> int:
        return self.document.pageCount()

    def page_text(self, page: int) -> str:
        """The text of `page` (0-based), as Qt PDF reads it (for tests and search)."""
        return self.document.getAllText(page).text()
