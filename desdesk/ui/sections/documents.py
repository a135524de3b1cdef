"""Documenti: the PDFs desdesk produces, saved where the secretary chooses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem
from desdesk.domain.money_checks import FIRST_YEAR, LAST_YEAR
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.sections.base import Section
from desdesk.ui.widgets.forms import DateField, Form
from desdesk.ui.widgets.pdf import save_pdf_as

# The money documents' kinds (desdesk.services.money_documents.KINDS) and file names.
MONEY_FILE_NAMES = {
    "budget": "rendiconto",
    "plan": "piano-finanziario",
    "indicators": "indicatori",
}


class DocumentsSection(Section):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        documents = workspace.documents
        layout = QVBoxLayout(self)
        layout.addWidget(
            self._card(
                _("Libro degli aderenti"),
                _(
                    "Il registro degli aderenti attivi e usciti, con forma giuridica, codice "
                    "fiscale, sede e referente."
                ),
                "libro-aderenti.pdf",
                documents.register_pdf,
                "registerButton",
            )
        )
        layout.addWidget(
            self._card(
                _("Contatti dei referenti"),
                _(
                    "Titolari e supplenti di ogni aderente con ruolo, e-mail e telefono. "
                    "Contiene dati personali: solo per uso interno."
                ),
                "contatti-referenti.pdf",
                documents.contacts_pdf,
                "contactsButton",
            )
        )
        layout.addWidget(self._attendance_card())
        layout.addWidget(self._money_card())
        layout.addWidget(
            self._card(
                _("Verifica del distretto"),
                _(
                    "I requisiti per la costituzione e i segnali della salute del distretto, "
                    "con l'esito e i motivi: da consegnare al Centro con la domanda."
                ),
                "verifica-distretto.pdf",
                workspace.check.pdf,
                "checkButton",
            )
        )
        later = QLabel(
            _(
                "Le convocazioni e i verbali si creano dalla sezione Assemblee, scegliendo "
                "l'assemblea. Rendicontazione annuale e accordo di costituzione arriveranno "
                "con le prossime versioni di desdesk."
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

    def _attendance_card(self) -> QGroupBox:
        box = QGroupBox(_("Registro presenze"))
        description = QLabel(
            _(
                "Le presenze di ogni aderente alle assemblee del periodo, con la percentuale "
                "e le assenze consecutive."
            )
        )
        description.setWordWrap(True)
        self.period = Form()
        self.period_from = self.period.add("start", _("Dal"), DateField())
        self.period_to = self.period.add("end", _("Al"), DateField())
        today = date.today()
        self.period_from.set_date(today - timedelta(days=365))
        self.period_to.set_date(today)
        button = QPushButton(_("Crea PDF…"))
        button.setObjectName("attendanceButton")
        button.clicked.connect(lambda _checked=False: self.create_attendance_pdf())
        row = QHBoxLayout(box)
        row.addWidget(description, 1)
        row.addWidget(self.period)
        row.addWidget(button)
        return box

    def _money_card(self) -> QGroupBox:
        box = QGroupBox(_("Bilancio e monitoraggio"))
        description = QLabel(
            _(
                "Il rendiconto per cassa dell'anno (preventivo, consuntivo e anno precedente), "
                "il piano finanziario (investimenti iniziali e previsione triennale) e gli "
                "indicatori di monitoraggio con i loro grafici."
            )
        )
        description.setWordWrap(True)
        self.money_year = QSpinBox()
        self.money_year.setObjectName("moneyYear")
        self.money_year.setRange(FIRST_YEAR, LAST_YEAR)
        self.money_year.setValue(date.today().year)
        self.money_year.setAccessibleName(_("Anno"))
        year_label = QLabel(_("Anno"))
        year_label.setBuddy(self.money_year)
        row = QHBoxLayout(box)
        row.addWidget(description, 1)
        row.addWidget(year_label)
        row.addWidget(self.money_year)
        documents = self.workspace.money_documents
        for kind in MONEY_FILE_NAMES:
            button = QPushButton(documents.title(kind) + "…")
            button.setObjectName(f"{kind}Button")
            button.clicked.connect(lambda _checked=False, k=kind: self.create_money_pdf(k))
            row.addWidget(button)
        return box

    def create_money_pdf(self, kind: str, target: Path | None = None) -> None:
        """The budget, plan or indicators PDF of the year chosen in the card."""
        documents = self.workspace.money_documents
        year = self.money_year.value()
        self.create_pdf(
            documents.title(kind),
            f"{MONEY_FILE_NAMES[kind]}-{year}.pdf",
            lambda: documents.pdf(kind, year),
            target,
        )

    def create_attendance_pdf(self, target: Path | None = None) -> None:
        problems: list[FieldProblem] = []
        start = self.period.read_date("start", problems)
        end = self.period.read_date("end", problems)
        self.period.show_problems(problems)
        if problems:
            return
        documents = self.workspace.documents
        self.create_pdf(
            _("Registro presenze"),
            "registro-presenze.pdf",
            lambda: documents.attendance_pdf(start, end),
            target,
        )

    def create_pdf(
        self, title: str, file_name: str, build: Callable[[], bytes], target: Path | None = None
    ) -> None:
        save_pdf_as(self, self.workspace, title, file_name, build, target=target)
