"""All the tasks of the district: who, what, by when, status ("in ritardo" in red)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import TaskStatus
from desdesk.i18n import N_, _, format_date
from desdesk.schemas import TaskRead
from desdesk.services.tasks import OVERDUE
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.task_dialogs import DoneDialog, TaskDialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.rows import RowsTableModel, TextColumn
from desdesk.ui.widgets.tables import make_table, selected_source_row

_RED = QBrush(QColor("#b00020"))
_STATUS_COLUMN = 3


def status_text(task: TaskRead) -> str:
    if task.overdue:
        return _("In ritardo")
    if task.status == TaskStatus.DONE.value and task.done_on is not None:
        return _("Fatto il {date}").format(date=format_date(task.done_on))
    return TaskStatus(task.status).label()


class TasksModel(RowsTableModel[TaskRead]):
    """The tasks table; the status of a late task is red."""

    def __init__(self, assembly_label: Callable[[int | None], str]) -> None:
        columns = [
            TextColumn[TaskRead](N_("Aderente"), lambda t: t.member_name),
            TextColumn[TaskRead](N_("Compito"), lambda t: t.data.description),
            TextColumn[TaskRead](
                N_("Entro il"),
                lambda t: format_date(t.data.due_date),
                lambda t: t.data.due_date or date.max,
            ),
            TextColumn[TaskRead](N_("Stato"), status_text),
            TextColumn[TaskRead](N_("Assemblea"), lambda t: assembly_label(t.data.assembly_id)),
        ]
        super().__init__(columns, muted=lambda t: t.status == TaskStatus.DONE.value)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == _STATUS_COLUMN
            and self.row_at(index.row()).overdue
        ):
            return _RED
        return super().data(index, role)


class TasksView(QWidget):
    """Filters by member and status, and the actions on the selected task."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._assemblies: dict[int, str] = {}
        self.model = TasksModel(lambda i: self._assemblies.get(i, "") if i is not None else "")
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.member = QComboBox()
        self.status = QComboBox()
        for label, value in (
            (_("Tutti"), None),
            (_("Aperti"), TaskStatus.OPEN.value),
            (_("In ritardo"), OVERDUE),
            (_("Fatti"), TaskStatus.DONE.value),
        ):
            self.status.addItem(label, value)
        self.add_button = QPushButton(_("Nuovo compito…"))
        self.done_button = QPushButton(_("Segna come fatto…"))
        self.reopen_button = QPushButton(_("Riapri"))
        self.delete_button = QPushButton(_("Elimina…"))
        self._lay_out()
        self.add_button.clicked.connect(self.add)
        self.done_button.clicked.connect(self.mark_done)
        self.reopen_button.clicked.connect(self.reopen)
        self.delete_button.clicked.connect(self.delete)
        self.member.currentIndexChanged.connect(self.reload)
        self.status.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for caption, combo in ((_("Aderente"), self.member), (_("Stato"), self.status)):
            label = QLabel(caption)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.done_button, self.reopen_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """Read the members, the assemblies and the tasks again."""
        chosen = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(_("Tutti"), None)
        for member_id, name, _active in self.workspace.members.names(include_former=True):
            self.member.addItem(name, member_id)
        self.member.setCurrentIndex(max(self.member.findData(chosen), 0))
        self.member.blockSignals(False)
        self._assemblies = dict(self.workspace.tasks.assembly_choices())
        self.reload()

    def reload(self) -> None:
        try:
            rows = self.workspace.tasks.list(self.member.currentData(), self.status.currentData())
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        self._update_buttons()

    def selected(self) -> TaskRead | None:
        row = selected_source_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _update_buttons(self) -> None:
        task = self.selected()
        done = task is not None and task.status == TaskStatus.DONE.value
        self.done_button.setEnabled(task is not None and not done)
        self.reopen_button.setEnabled(done)
        self.delete_button.setEnabled(task is not None)

    def _after(self, ok: bool) -> None:
        if ok:
            self.reload()
            self.changed.emit()

    def add(self) -> None:
        self._after(TaskDialog(self.workspace, None, self).exec() == QDialog.DialogCode.Accepted)

    def edit(self) -> None:
        task = self.selected()
        if task is not None:
            dialog = TaskDialog(self.workspace, task, self)
            self._after(dialog.exec() == QDialog.DialogCode.Accepted)

    def mark_done(self) -> None:
        task = self.selected()
        if task is not None:
            dialog = DoneDialog(self.workspace, task.id, self)
            self._after(dialog.exec() == QDialog.DialogCode.Accepted)

    def _apply(self, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception as exc:
            show_error(self, exc)
            return
        self._after(True)

    def reopen(self) -> None:
        task = self.selected()
        if task is not None:
            self._apply(lambda: self.workspace.tasks.reopen(task.id))

    def delete(self) -> None:
        task = self.selected()
        if task is None:
            return
        question = _("Eliminare il compito «{what}» di {member}?").format(
            what=task.data.description, member=task.member_name
        )
        if (
            QMessageBox.question(self, _("Elimina compito"), question)
            == QMessageBox.StandardButton.Yes
        ):
            self._apply(lambda: self.workspace.tasks.delete(task.id))
