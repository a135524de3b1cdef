"""A growth action: something done to bring in new members, and whom it brought in."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from desdesk.check_schemas import GrowthActionInput, GrowthActionRead
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)

_NO_MEMBER = 0  # the combo's data for "nobody (yet)"; member ids start at 1


def _text_area(hint: str, height: int = 70) -> QPlainTextEdit:
    area = QPlainTextEdit()
    area.setPlaceholderText(hint)
    area.setMaximumHeight(height)
    return area


class GrowthActionDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        action: GrowthActionRead | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.action = action
        self.setWindowTitle(
            _("Nuova azione per nuovi aderenti") if action is None else _("Modifica azione")
        )
        form = self.form = Form()
        self.day = form.add("day", _("Data *"), DateField())
        self.description = form.add(
            "description",
            _("Che cosa è stato fatto *"),
            _text_area(_("es. serata di presentazione al GAS di Rovereto")),
        )
        self.outcome = form.add(
            "outcome", _("Esito"), _text_area(_("es. tre organizzazioni interessate"), 60)
        )
        choices: list[tuple[str, object]] = [(_("Nessuno"), _NO_MEMBER)]
        for member_id, name, active in workspace.members.names(include_former=True):
            choices.append((name if active else _("{name} (uscito)").format(name=name), member_id))
        self.member = form.add("member_id", _("Aderente entrato"), combo_with(choices))
        self.member.setToolTip(_("L'aderente che l'azione ha portato nel distretto, se c'è."))
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(520, 340)
        if action is None:
            self.day.set_date(today or date.today())
        else:
            data = action.data
            self.day.set_date(data.day)
            self.description.setPlainText(data.description)
            self.outcome.setPlainText(data.outcome)
            select_data(self.member, data.member_id or _NO_MEMBER)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        day = self.form.read_date("day", problems, missing=_("Indica la data dell'azione."))
        if not self.description.toPlainText().strip():
            problems.append(FieldProblem("description", _("Scrivi che cosa è stato fatto.")))
        raise_if(problems)
        assert day is not None
        data = GrowthActionInput(
            day=day,
            description=self.description.toPlainText(),
            outcome=self.outcome.toPlainText(),
            member_id=self.member.currentData() or None,
        )
        if self.action is None:
            self.workspace.growth.add(data)
        else:
            self.workspace.growth.update(self.action.id, data)
