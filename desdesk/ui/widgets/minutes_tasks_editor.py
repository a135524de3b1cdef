"""The tasks assigned within one item of the minutes: member, what, due date; add/remove."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.i18n import _
from desdesk.schemas import TaskRead
from desdesk.services.minutes_tasks import ItemTask
from desdesk.ui.widgets.forms import DateField, ErrorLabel, select_data


class TaskRow(QWidget):
    """One task: who, what, by when, and a button that removes it."""

    def __init__(self, members: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task_id: int | None = None
        self.member = QComboBox()
        self.member.addItem(_("— scegli l'aderente —"), 0)
        for member_id, name in members:
            self.member.addItem(name, member_id)
        self.what = QLineEdit()
        self.what.setPlaceholderText(_("Che cosa deve fare"))
        self.due = DateField()
        self.remove = QPushButton(_("Rimuovi"))
        self.error = ErrorLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.member, 0, 0)
        grid.addWidget(self.what, 0, 1)
        grid.addWidget(self.due, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.error, 1, 0, 1, 4)
        grid.setColumnStretch(1, 1)

    def load(self, task: TaskRead) -> None:
        self.task_id = task.id
        if self.member.findData(task.data.member_id) < 0:  # a member that has left since
            self.member.addItem(task.member_name, task.data.member_id)
        select_data(self.member, task.data.member_id)
        self.what.setText(task.data.description)
        self.due.set_date(task.data.due_date)

    def read(self, problems: list[str]) -> ItemTask:
        try:
            due = self.due.date_value()
        except InvalidValue as exc:
            problems.append(exc.message)
            due = None
        return ItemTask(int(self.member.currentData()), self.what.text(), due, self.task_id)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.member, self.what, self.due, self.remove):
            widget.setEnabled(not read_only)


class ItemTasksEditor(QWidget):
    """The list of task rows of an item, with "Aggiungi compito"."""

    def __init__(self, members: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = list(members)
        self.rows: list[TaskRow] = []
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(_("Aggiungi compito"))
        self.add_button.clicked.connect(self.add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._column)
        layout.addLayout(buttons)

    def add_row(self) -> TaskRow:
        row = TaskRow(self._members)
        row.remove.clicked.connect(lambda _checked=False, r=row: self.remove_row(r))
        self.rows.append(row)
        self._column.addWidget(row)
        return row

    def remove_row(self, row: TaskRow) -> None:
        self.rows.remove(row)
        self._column.removeWidget(row)
        row.deleteLater()

    def set_tasks(self, tasks: Sequence[TaskRead]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for task in tasks:
            self.add_row().load(task)

    def tasks(self, problems: list[FieldProblem]) -> list[ItemTask]:
        """The tasks typed; a date that is not a date goes in `problems` ("tasks.<m>.due_date")."""
        typed = []
        for number, row in enumerate(self.rows):
            messages: list[str] = []
            typed.append(row.read(messages))
            problems += [FieldProblem(f"tasks.{number}.due_date", m) for m in messages]
        return typed

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Show "tasks.<m>.<field>" problems on their rows."""
        for number, row in enumerate(self.rows):
            prefix = f"tasks.{number}."
            messages = [p.message for p in problems if p.field.startswith(prefix)]
            row.error.show_message(" ".join(messages) or None)

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setVisible(not read_only)
        for row in self.rows:
            row.set_read_only(read_only)
