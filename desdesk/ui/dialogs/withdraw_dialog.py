"""Record that a member leaves the district: date and reason; it stays as a former member."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.services.base import ConcurrentEdit
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.widgets.forms import DateField, Form, raise_if, save_or_show


class WithdrawDialog(QDialog):
    def __init__(
        self, workspace: Workspace, member_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.member_id = member_id
        # The edit count the member had when the form opened: a withdrawal is refused
        # if someone saved the member since (perhaps recording the same exit).
        self.version: int | None = workspace.members.get(member_id).version
        self.setWindowTitle(_("Uscita dal distretto"))
        intro = QLabel(
            _(
                "“{name}” resterà nel registro come ex aderente, con la data e il motivo dell'uscita."
            ).format(name=name)
        )
        intro.setWordWrap(True)
        self.form = Form()
        self.left_on = self.form.add("left_on", _("Data di uscita"), DateField())
        self.left_on.set_date(date.today())
        self.reason = self.form.add("leave_reason", _("Motivo"), QLineEdit())
        self.reason.setPlaceholderText(
            _("es. recesso volontario, esclusione per assenze, cessazione attività")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Registra l'uscita"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(520, 220)

    def save(self) -> None:
        save_or_show(self, self.form, self._write, self._conflict)

    def _conflict(self, exc: ConcurrentEdit) -> None:
        """Reloading takes the member as saved now; date and reason stay as typed."""
        if ask_to_reload(self, exc, _("Uscita non registrata")):
            self.version = self.workspace.members.get(self.member_id).version

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        left_on = self.form.read_date("left_on", problems)
        if left_on is None and not problems:
            problems.append(FieldProblem("left_on", _("Indica la data di uscita.")))
        if not self.reason.text().strip():
            problems.append(FieldProblem("leave_reason", _("Indica il motivo dell'uscita.")))
        raise_if(problems)
        assert left_on is not None
        self.workspace.members.withdraw(
            self.member_id, left_on, self.reason.text(), expected_version=self.version
        )
