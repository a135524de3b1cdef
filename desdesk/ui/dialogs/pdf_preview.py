"""Anteprima: a document shown in the app, to print, save, open elsewhere or approve.

The dialog shows exactly the bytes it was given (a draft just generated, or what the
archive keeps). Approving a draft from here swaps them for the approved, stamped bytes
the archive now holds, and the Approva… button goes away.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.i18n import _, ngettext
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.approve_document import ApproveDocumentDialog
from desdesk.ui.errors import show_error
from desdesk.ui.long_job import Cancelled, run_long_job
from desdesk.ui.models.archive import file_name as archive_file_name
from desdesk.ui.models.archive import slug, state_text
from desdesk.ui.printing import print_pdf
from desdesk.ui.widgets.pdf import ask_pdf_target, open_in_system_viewer, write_pdf
from desdesk.ui.widgets.pdf_view import PdfView

PREFERRED_SIZE = QSize(900, 1000)
SCREEN_SHARE = 0.9  # never larger than this share of the screen
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 5.0)


class PdfPreviewDialog(QDialog):
    """`approved` is emitted with the approved revision when a draft is approved here."""

    approved = Signal(object)

    def __init__(
        self,
        pdf: bytes,
        title: str,
        workspace: Workspace,
        *,
        document: ArchivedDocumentRow | None = None,
        file_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.title = title
        self.document = document
        self._file_name = file_name
        self.setWindowTitle(_("Anteprima — {title}").format(title=title))
        self.view = PdfView(self)
        self.pages = QLabel()
        self.pages.setObjectName("pageCount")
        self.state = QLabel()
        self.state.setObjectName("documentState")
        self.state.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.view, 1)
        layout.addWidget(self.state)
        layout.addWidget(self._button_box())
        self.show_pdf(pdf)
        self._size_to_screen()

    # -- building ----------------------------------------------------------------------
    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.pages, 1)
        for key, text, tip, slot, keys in (
            ("zoomOut", "−", _("Riduci"), self.zoom_out, QKeySequence.StandardKey.ZoomOut),
            ("zoomIn", "+", _("Ingrandisci"), self.zoom_in, QKeySequence.StandardKey.ZoomIn),
            ("fitWidth", _("Adatta alla larghezza"), "", self.fit_width, None),
        ):
            button = QPushButton(text)
            button.setObjectName(key)
            button.setAutoDefault(False)  # Enter is not "zoom out"
            button.setToolTip(tip)
            button.setAccessibleName(tip or text)
            if keys is not None:
                button.setShortcut(QKeySequence(keys))
            button.clicked.connect(lambda _checked=False, s=slot: s())
            row.addWidget(button)
            self.buttons[key] = button
        return row

    def _button_box(self) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        role = QDialogButtonBox.ButtonRole.ActionRole
        for key, text, slot in (
            ("print", _("Stampa…"), self.print_document),
            ("save", _("Salva come…"), self.save_as),
            ("open", _("Apri con il visualizzatore di sistema"), self.open_externally),
            ("approve", _("Approva…"), self.approve),
        ):
            button = box.addButton(text, role)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[key] = button
        return box

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(PREFERRED_SIZE)
            return
        room = screen.availableGeometry().size()
        self.resize(
            min(PREFERRED_SIZE.width(), int(room.width() * SCREEN_SHARE)),
            min(PREFERRED_SIZE.height(), int(room.height() * SCREEN_SHARE)),
        )

    # -- what is shown -----------------------------------------------------------------
    def show_pdf(self, data: bytes) -> bool:
        shown = self.view.set_pdf(data)
        count = self.view.page_count()
        self.pages.setText(ngettext("{n} pagina", "{n} pagine", count).format(n=count))
        self.state.setText(state_text(self.document) if self.document is not None else "")
        self.state.setVisible(self.document is not None)
        self.buttons["approve"].setVisible(self.document is not None and not self.document.approved)
        return shown

    def pdf(self) -> bytes:
        return self.view.pdf()

    def default_file_name(self) -> str:
        if self._file_name:
            return self._file_name
        if self.document is not None:
            signed = self.document.signed and self._showing_signed_copy()
            return archive_file_name(self.document, signed=signed)
        return slug(self.title) + ".pdf"

    def _showing_signed_copy(self) -> bool:
        assert self.document is not None
        return self.document.sha256 != hashlib.sha256(self.pdf()).hexdigest()

    # -- zoom --------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._zoom(self._current_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self._current_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def zoom_factor(self) -> float:
        return self._current_zoom()

    def _zoom(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        view = self.view.view
        view.setZoomMode(QPdfView.ZoomMode.Custom)
        view.setZoomFactor(min(high, max(low, factor)))

    def _current_zoom(self) -> float:
        """The factor shown: Qt reports 1 while fitting the width, so it is worked out
        from the widest page, the viewport and the screen's resolution, as Qt does."""
        view = self.view.view
        if view.zoomMode() == QPdfView.ZoomMode.Custom:
            return float(view.zoomFactor())
        document = self.view.document
        widest = max(
            (document.pagePointSize(p).width() for p in range(document.pageCount())),
            default=0.0,
        )
        if widest <= 0:
            return 1.0
        margins = view.documentMargins()
        room = view.viewport().width() - margins.left() - margins.right()
        return max(room, 1) / (widest * view.logicalDpiX() / 72)

    # -- actions -----------------------------------------------------------------------
    def save_as(self, target: Path | None = None) -> Path | None:
        """Write the bytes shown to `target` (asked when None); the path, or None."""
        if target is None:
            target = ask_pdf_target(self, self.workspace, self.title, self.default_file_name())
            if target is None:
                return None
        return target if write_pdf(self, self.workspace, self.pdf(), target) else None

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Stampa — {title}").format(title=self.title))
        dialog.setMinMax(1, max(1, self.view.page_count()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print on a printer already set up (a long job: the window stays alive, Annulla
        stops between pages); the pages printed (0 after a failure or a cancel)."""
        data = self.pdf()
        try:
            return run_long_job(
                self,
                lambda: print_pdf(data, printer),
                title=_("Stampa — {title}").format(title=self.title),
                label=_("Stampa in corso…"),
            )
        except Cancelled:
            return 0
        except Exception as exc:
            show_error(self, exc, _("Stampa non riuscita"))
            return 0

    def open_externally(self) -> Path | None:
        try:
            return open_in_system_viewer(self.pdf(), self.default_file_name())
        except Exception as exc:
            show_error(self, exc)
            return None

    def approve(self) -> ArchivedDocumentRow | None:
        if self.document is None or self.document.approved:
            return None
        dialog = ApproveDocumentDialog(self.workspace, self.document.id, self)
        if not dialog.exec() or dialog.approved_row is None:
            return None
        return self.take_approved(dialog.approved_row)

    def take_approved(self, row: ArchivedDocumentRow) -> ArchivedDocumentRow:
        """Show the approved revision `row` (its stamped bytes, from the archive)."""
        self.document = row
        self.approved.emit(row)  # approved and kept, whatever happens to the preview
        try:
            self.show_pdf(self.workspace.archive.pdf(row.id))
        except Exception as exc:
            show_error(self, exc)
        return row
