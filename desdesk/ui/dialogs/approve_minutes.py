"""Approve a revision of the minutes on a given day (usually the next assembly's)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.forms import DateField, Form, raise_if, save_or_show


class ApproveMinutesDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        minutes_id: int,
        warnings: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.minutes_id = minutes_id
        self.setWindowTitle(_("Approva verbale"))
        text = _(
            "Dopo l'approvazione il verbale non si potrà più modificare: eventuali "
            "correzioni richiederanno una nuova revisione."
        )
        self.explanation = QLabel("\n\n".join([text, *warnings]))
        self.explanation.setWordWrap(True)
        self.form = Form()
        self.approved_on = self.form.add("approved_on", _("Approvato il *"), DateField())
        self.approved_on.set_date(date.today())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        approve = buttons.addButton(_("Approva"), QDialogButtonBox.ButtonRole.AcceptRole)
        approve.setObjectName("approve")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        day = self.form.read_date("approved_on", problems)
        if day is None and not problems:
            problems.append(FieldProblem("approved_on", _("Indica la data di approvazione.")))
        raise_if(problems)
        assert day is not None
        self.workspace.minutes.approve(self.minutes_id, day)
