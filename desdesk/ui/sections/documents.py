"""Documenti: create the PDFs desdesk produces (Crea) and find them again (Archivio).

Every "Crea PDF…" builds the document through the catalog, keeps it in the archive as
the latest draft, and shows it in the preview, from where it is printed, saved or
approved. Given a `target` (tests, scripts), the create methods write the file instead
of showing it, and still keep the draft.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from desdesk.document_schemas import ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from desdesk.ui.document_jobs import generate_document
from desdesk.ui.errors import show_error
from desdesk.ui.sections.base import Section
from desdesk.ui.widgets.archive_view import ArchiveView
from desdesk.ui.widgets.document_cards import button, card, labelled, this_year, year_spin
from desdesk.ui.widgets.forms import DateField, Form
from desdesk.ui.widgets.pdf import write_pdf

if TYPE_CHECKING:
    from desdesk.ui.widgets.outbox_view import OutboxView

# The money documents' kinds (desdesk.services.money_documents.KINDS) and file names.
MONEY_FILE_NAMES = {
    "budget": "rendiconto",
    "plan": "piano-finanziario",
    "indicators": "indicatori",
}
CREATE_TAB, ARCHIVE_TAB, OUTBOX_TAB = 0, 1, 2


class DocumentsSection(Section):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.preview_dialog: PdfPreviewDialog | None = None  # the last one opened
        self.archive = ArchiveView(workspace, parent=self)
        self.archive.setObjectName("archiveView")
        self.archive.changed.connect(self.changed.emit)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("documentsTabs")
        self.tabs.addTab(self._create_page(), _("Crea"))
        self.tabs.addTab(self.archive, _("Archivio"))
        # Built when first shown, inside the window whose preferences it sends with.
        self.outbox: OutboxView | None = None
        self.tabs.addTab(QWidget(), _("Posta in uscita"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # -- the Crea tab ------------------------------------------------------------------
    def _create_page(self) -> QScrollArea:
        page = QWidget()
        layout = QVBoxLayout(page)
        for box in (
            self._simple_card(
                DocumentKind.REGISTER,
                _(
                    "Il registro degli aderenti attivi e usciti, con forma giuridica, codice "
                    "fiscale, sede e referente."
                ),
                "registerButton",
            ),
            self._simple_card(
                DocumentKind.CONTACTS,
                _(
                    "Titolari e supplenti di ogni aderente con ruolo, e-mail e telefono. "
                    "Contiene dati personali: solo per uso interno."
                ),
                "contactsButton",
            ),
            self._attendance_card(),
            self._money_card(),
            self._annual_card(),
            self._agreement_card(),
            self._simple_card(
                DocumentKind.CHECK,
                _(
                    "I requisiti per la costituzione e i segnali della salute del distretto, "
                    "con l'esito e i motivi: da consegnare al Centro con la domanda."
                ),
                "checkButton",
            ),
        ):
            layout.addWidget(box)
        note = QLabel(
            _(
                "Le convocazioni e i verbali si creano dalla sezione Assemblee, scegliendo "
                "l'assemblea."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("emptyStateText")
        layout.addWidget(note)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _simple_card(self, kind: DocumentKind, text: str, name: str) -> QWidget:
        create = button(_("Crea PDF…"), name, lambda: self.create_pdf(DocumentRequest(kind)))
        return card(kind.label, text, [create])

    def _attendance_card(self) -> QWidget:
        self.period = Form()
        self.period_from = self.period.add("start", _("Dal"), DateField())
        self.period_to = self.period.add("end", _("Al"), DateField())
        today = date.today()
        self.period_from.set_date(today - timedelta(days=365))
        self.period_to.set_date(today)
        text = _(
            "Le presenze di ogni aderente alle assemblee del periodo, con la percentuale "
            "e le assenze consecutive."
        )
        create = button(_("Crea PDF…"), "attendanceButton", self.create_attendance_pdf)
        return card(_("Registro presenze"), text, [self.period, create])

    def _money_card(self) -> QWidget:
        self.money_year = year_spin("moneyYear", this_year())
        documents = self.workspace.money_documents
        buttons: list[QWidget] = [
            button(
                documents.title(kind) + "…",
                f"{kind}Button",
                lambda k=kind: self.create_money_pdf(k),  # type: ignore[misc]
            )
            for kind in MONEY_FILE_NAMES
        ]
        text = _(
            "Il rendiconto per cassa dell'anno (preventivo, consuntivo e anno precedente), "
            "il piano finanziario (investimenti iniziali e previsione triennale) e gli "
            "indicatori di monitoraggio con i loro grafici."
        )
        return card(
            _("Bilancio e monitoraggio"), text, [*labelled(_("Anno"), self.money_year), *buttons]
        )

    def _annual_card(self) -> QWidget:
        self.annual_year = year_spin("annualYear", this_year() - 1)
        text = _(
            "Il resoconto dell'anno da pubblicare e inviare al Centro per l'Economia "
            "Solidale: profilo del distretto, aderenti e variazioni, cariche, assemblee e "
            "presenze, attività e obiettivi, bilancio, indicatori, criticità e rimedi."
        )
        create = button(_("Crea PDF…"), "annualButton", self.create_annual_pdf)
        return card(
            DocumentKind.ANNUAL.label, text, [*labelled(_("Anno"), self.annual_year), create]
        )

    def _agreement_card(self) -> QWidget:
        text = _(
            "L'accordo volontario di costituzione con le parti (gli aderenti attivi) e uno "
            "spazio per la firma di ciascuna, da stampare e firmare in assemblea. Il testo "
            "è un modello che puoi adattare al distretto."
        )
        create = button(
            _("Crea PDF…"),
            "agreementButton",
            lambda: self.create_pdf(DocumentRequest(DocumentKind.AGREEMENT)),
        )
        edit = button(_("Modifica il testo…"), "agreementTemplateButton", self.edit_agreement)
        return card(DocumentKind.AGREEMENT.label, text, [edit, create])

    # -- creating ----------------------------------------------------------------------
    def create_money_pdf(self, kind: str, target: Path | None = None) -> None:
        """The budget, plan or indicators PDF of the year chosen in the card."""
        request = DocumentRequest(DocumentKind(kind), year=self.money_year.value())
        self.create_pdf(request, target)

    def create_annual_pdf(self, target: Path | None = None) -> None:
        request = DocumentRequest(DocumentKind.ANNUAL, year=self.annual_year.value())
        self.create_pdf(request, target)

    def create_attendance_pdf(self, target: Path | None = None) -> None:
        problems: list[FieldProblem] = []
        start = self.period.read_date("start", problems)
        end = self.period.read_date("end", problems)
        self.period.show_problems(problems)
        if problems:
            return
        self.create_pdf(DocumentRequest(DocumentKind.ATTENDANCE, start=start, end=end), target)

    def create_pdf(
        self, request: DocumentRequest, target: Path | None = None
    ) -> ArchivedDocumentRow | None:
        """Build (a long job: the window stays alive, Annulla keeps nothing), keep as a
        draft, then show it (or write it to `target`)."""
        ws = self.workspace
        if target is not None:
            try:
                ws.documents.check_target(target)  # before anything is kept
            except Exception as exc:
                show_error(self, exc)
                return None
        made = generate_document(self, ws, request)
        if made is None:
            return None
        row, data = made
        self._archive_changed(row.id)
        if target is not None:
            return row if write_pdf(self, ws, data, target) else None
        self.preview(row, data)
        return row

    def preview(self, row: ArchivedDocumentRow, data: bytes) -> None:
        dialog = PdfPreviewDialog(data, row.title, self.workspace, document=row, parent=self)
        dialog.approved.connect(lambda approved: self._archive_changed(approved.id))
        self.preview_dialog = dialog
        dialog.exec()

    def edit_agreement(self) -> None:
        from desdesk.ui.dialogs.agreement_template import AgreementTemplateDialog

        self.run_dialog(AgreementTemplateDialog(self.workspace, self))

    # -- the outbox tab -----------------------------------------------------------------
    def _tab_shown(self, index: int) -> None:
        if index == OUTBOX_TAB:
            self.show_outbox()
        elif index == ARCHIVE_TAB:
            self.archive.refresh()

    def show_outbox(self) -> OutboxView:
        """The Posta in uscita tab (built the first time), refreshed and shown."""
        if self.outbox is None:
            from desdesk.ui.widgets.outbox_view import OutboxView

            self.outbox = OutboxView(self.workspace, self.archive.prefs, self)
            self.outbox.setObjectName("outboxView")
            with QSignalBlocker(self.tabs):
                self.tabs.removeTab(OUTBOX_TAB)
                self.tabs.insertTab(OUTBOX_TAB, self.outbox, _("Posta in uscita"))
        self.outbox.refresh()
        self.tabs.setCurrentIndex(OUTBOX_TAB)
        return self.outbox

    # -- the rest ----------------------------------------------------------------------
    def refresh(self) -> None:
        self.archive.refresh()
        if self.outbox is not None:
            self.outbox.refresh()

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """A document of the archive, by id: the Archivio tab, with it selected."""
        if record != "document" or record_id is None:
            return False
        self.tabs.setCurrentIndex(ARCHIVE_TAB)
        return self.archive.select_document(record_id)

    def _archive_changed(self, document_id: int) -> None:
        self.reload()
        self.archive.select_document(document_id)
        self.changed.emit()
