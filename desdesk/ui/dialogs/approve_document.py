"""Approve a draft of the archive: who (name and office) and on which day.

Approving fixes the PDF for good: the footer "Documento approvato il … da … —
revisione N — impronta …" is stamped on every page and the exact bytes are kept.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desdesk import settings
from desdesk.document_schemas import Approval, ArchivedDocumentRow
from desdesk.domain.enums import OfficeKind
from desdesk.domain.errors import FieldProblem
from desdesk.domain.text import match_key
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.forms import DateField, Form, raise_if, save_or_show


def default_approver(workspace: Workspace, secretary_name: str) -> tuple[str, str]:
    """(name, office) to propose: the current coordinator, else the secretary named in
    the preferences (with "Segretario" when the district's secretary is that person)."""
    coordinators = workspace.offices.current_holders(OfficeKind.COORDINATOR)
    if coordinators:
        return coordinators[0].person_name, OfficeKind.COORDINATOR.label()
    name = secretary_name.strip()
    if not name:
        return "", ""
    secretaries = workspace.offices.current_holders(OfficeKind.SECRETARY)
    if any(match_key(s.person_name) == match_key(name) for s in secretaries):
        return name, OfficeKind.SECRETARY.label()
    return name, ""


class ApproveDocumentDialog(QDialog):
    """`approved_row` is the approved revision once the dialog is accepted."""

    def __init__(
        self,
        workspace: Workspace,
        document_id: int,
        parent: QWidget | None = None,
        *,
        secretary_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document_id = document_id
        self.approved_row: ArchivedDocumentRow | None = None
        document = workspace.archive.get(document_id)
        self.setWindowTitle(_("Approva documento"))
        title = QLabel(f"<b>{html.escape(document.title)}</b>")
        title.setObjectName("documentTitle")
        self.explanation = QLabel(_explanation())
        self.explanation.setWordWrap(True)
        self.form = Form()
        self.name = self.form.add("approver", _("Approvato da *"), QLineEdit())
        self.office = self.form.add("office", _("Carica"), QLineEdit())
        self.day = self.form.add("day", _("Approvato il *"), DateField())
        if secretary_name is None:
            secretary_name = settings.load().secretary_name
        name, office = default_approver(workspace, secretary_name)
        self.name.setText(name)
        self.office.setText(office)
        self.office.setPlaceholderText(_("per esempio Coordinatore"))
        self.day.set_date(date.today())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        approve = buttons.addButton(_("Approva"), QDialogButtonBox.ButtonRole.AcceptRole)
        approve.setObjectName("approve")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        day = self.form.read_date("day", problems, missing=_("Indica la data di approvazione."))
        raise_if(problems)
        assert day is not None
        approval = Approval(name=self.name.text(), office=self.office.text(), day=day)
        self.approved_row = self.workspace.archive.approve(self.document_id, approval)


def _explanation() -> str:
    return _(
        "Dopo l'approvazione il PDF non cambierà più, anche se i dati del distretto "
        "cambiano: desdesk ne conserva i byte esatti nel file del distretto. Ogni pagina "
        "porterà in fondo la riga «Documento approvato il … da … — revisione N — "
        "impronta …», con cui chiunque può verificare che il documento non è stato "
        "modificato. Per aggiornarlo si crea di nuovo il documento e lo si approva: "
        "diventa una nuova revisione e quella precedente resta nell'archivio."
    )
