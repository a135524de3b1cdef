"""A task: new or edited (member, what, due date), and marking it done."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.schemas import TaskInput, TaskRead
from desdesk.services.base import ConcurrentEdit
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)


class TaskDialog(QDialog):
    """`task=None` adds a task; otherwise the task is edited."""

    def __init__(
        self, workspace: Workspace, task: TaskRead | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.task = task
        self.setWindowTitle(_("Nuovo compito") if task is None else _("Modifica il compito"))
        self.form = Form()
        self.member = self.form.add("member_id", _("Aderente *"), QComboBox())
        self.member.addItem(_("— scegli l'aderente —"), 0)
        for member_id, name, _active in workspace.members.names():
            self.member.addItem(name, member_id)
        self.description = self.form.add("description", _("Che cosa *"), QLineEdit())
        self.due = self.form.add("due_date", _("Entro il"), DateField())
        self.assembly = self.form.add("assembly_id", _("Assegnato nell'assemblea"), QComboBox())
        self.assembly.addItem(_("— nessuna —"), None)
        for assembly_id, label in workspace.tasks.assembly_choices():
            self.assembly.addItem(label, assembly_id)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(520, 260)
        if task is not None:
            self._load(task)

    def _load(self, task: TaskRead) -> None:
        if self.member.findData(task.data.member_id) < 0:
            self.member.addItem(task.member_name, task.data.member_id)
        select_data(self.member, task.data.member_id)
        self.description.setText(task.data.description)
        self.due.set_date(task.data.due_date)
        select_data(self.assembly, task.data.assembly_id)

    def save(self) -> None:
        save_or_show(self, self.form, self._write, self._conflict)

    def _conflict(self, exc: ConcurrentEdit) -> None:
        """Someone saved the task since the form read it: reload it if the user wants,
        with its new edit count."""
        if self.task is None or not ask_to_reload(self, exc, _("Compito non salvato")):
            return
        self.task = self.workspace.tasks.get(self.task.id)
        self._load(self.task)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        due = self.form.read_date("due_date", problems)
        raise_if(problems)
        data = TaskInput(
            member_id=int(self.member.currentData()),
            description=self.description.text(),
            due_date=due,
            assembly_id=self.assembly.currentData(),
            minutes_item_id=self.task.data.minutes_item_id if self.task else None,
        )
        if self.task is None:
            self.workspace.tasks.add(data)
        else:
            self.workspace.tasks.update(self.task.id, data, expected_version=self.task.version)


class DoneDialog(QDialog):
    """Mark a task as done: when, and (optionally) at which assembly it was checked."""

    def __init__(self, workspace: Workspace, task_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.task_id = task_id
        self.setWindowTitle(_("Segna come fatto"))
        self.form = Form()
        self.done_on = self.form.add("done_on", _("Fatto il *"), DateField())
        self.done_on.set_date(date.today())
        self.checked = self.form.add(
            "checked_assembly_id", _("Verificato nell'assemblea"), QComboBox()
        )
        self.checked.addItem(_("— nessuna —"), None)
        for assembly_id, label in workspace.tasks.assembly_choices():
            self.checked.addItem(label, assembly_id)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        done_on = self.form.read_date("done_on", problems)
        if done_on is None and not problems:
            problems.append(FieldProblem("done_on", _("Indica quando è stato fatto.")))
        raise_if(problems)
        assert done_on is not None
        self.workspace.tasks.mark_done(self.task_id, done_on, self.checked.currentData())
