"""Documenti: the PDFs desdesk produces, saved where the secretary chooses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.sections.base import Section
from desdesk.ui.widgets.busy import busy_cursor


class DocumentsSection(Section):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            self._card(
                _("Libro degli aderenti"),
                _(
                    "Il registro degli aderenti attivi e usciti, con forma giuridica, codice fiscale, sede e referente."
                ),
                "libro-aderenti.pdf",
                workspace.documents.register_pdf,
                "registerButton",
            )
        )
        layout.addWidget(
            self._card(
                _("Contatti dei referenti"),
                _(
                    "Titolari e supplenti di ogni aderente con ruolo, e-mail e telefono. Contiene dati personali: solo per uso interno."
                ),
                "contatti-referenti.pdf",
                workspace.documents.contacts_pdf,
                "contactsButton",
            )
        )
        later = QLabel(
            _(
                "Convocazioni, verbali, registro presenze, bilancio, rendicontazione annuale e "
                "accordo di costituzione arriveranno con le prossime versioni di desdesk."
            )
        )
        later.setWordWrap(True)
        later.setObjectName("emptyStateText")
        layout.addWidget(later)
        layout.addStretch(1)

    def _card(
        self, title: str, text: str, file_name: str, build: Callable[[], bytes], name: str
    ) -> QGroupBox:
        box = QGroupBox(title)
        description = QLabel(text)
        description.setWordWrap(True)
        button = QPushButton(_("Crea PDF…"))
        button.setObjectName(name)
        button.clicked.connect(lambda: self.create_pdf(title, file_name, build))
        row = QHBoxLayout(box)
        row.addWidget(description, 1)
        row.addWidget(button)
        return box

    def create_pdf(
        self, title: str, file_name: str, build: Callable[[], bytes], target: Path | None = None
    ) -> None:
        if target is None:
            start = str(self.workspace.path.parent / file_name)
            name, _filter = QFileDialog.getSaveFileName(self, title, start, "PDF (*.pdf)")
            if not name:
                return
            target = Path(name)
        try:
            with busy_cursor():
                self.workspace.documents.save_pdf(build(), target)
        except Exception as exc:
            show_error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
