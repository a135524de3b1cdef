"""The tasks view: table, filters, "in ritardo" in red, new/done/reopen/delete."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desdesk.schemas import TaskInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.task_dialogs import DoneDialog, TaskDialog
from desdesk.ui.widgets.forms import select_data
from desdesk.ui.widgets.tasks_view import TasksModel, TasksView
from tests.assembly_rows import add_assembly

PAST = date.today() - timedelta(days=10)
FUTURE = date.today() + timedelta(days=10)


def _tasks(workspace: Workspace) -> tuple[list[int], int]:
    ids = [i for i, _name, _active in workspace.members.names()]
    assembly_id = add_assembly(workspace)
    late = workspace.tasks.add(TaskInput(ids[0], "Preparare il bilancio", PAST, assembly_id))
    workspace.tasks.add(TaskInput(ids[1], "Aggiornare il sito", FUTURE))
    return ids, late


def _texts(view: TasksView, column: int) -> list[str]:
    model = view.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    _tasks(populated)
    model = TasksModel(lambda _i: "")
    model.set_rows(populated.tasks.list())
    qtmodeltester.check(model)


def test_table_filters_and_late_in_red(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    ids, _late = _tasks(populated)
    view = TasksView(populated)
    qtbot.addWidget(view)
    assert _texts(view, 1) == ["Preparare il bilancio", "Aggiornare il sito"]
    assert _texts(view, 3) == ["In ritardo", "Aperto"]
    assert _texts(view, 4)[0] == "10/03/2026" and _texts(view, 4)[1] == ""
    red = view.table.model().index(0, 3).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color().name() == "#b00020"
    assert view.table.model().index(1, 3).data(Qt.ItemDataRole.ForegroundRole) is None
    select_data(view.status, "in_ritardo")
    assert _texts(view, 1) == ["Preparare il bilancio"]
    select_data(view.status, None)
    select_data(view.member, ids[1])
    assert _texts(view, 1) == ["Aggiornare il sito"]


def test_new_task_dialog_refuses_then_adds(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = TaskDialog(populated)
    qtbot.addWidget(dialog)
    dialog.due.setText("31/02/2026")
    dialog.save()
    assert dialog.result() == 0 and dialog.form.error_text("due_date")
    dialog.due.setText("30/06/2026")
    dialog.save()
    assert "Scegli l'aderente" in dialog.form.error_text("member_id")
    assert "Scrivi che cosa" in dialog.form.error_text("description")
    select_data(dialog.member, populated.members.names()[0][0])
    qtbot.keyClicks(dialog.description, "Cercare una sala")
    dialog.save()
    assert dialog.result() == 1
    (task,) = populated.tasks.list()
    assert task.data.description == "Cercare una sala" and task.data.due_date == date(2026, 6, 30)

    edit = TaskDialog(populated, task)
    qtbot.addWidget(edit)
    assert edit.description.text() == "Cercare una sala"
    edit.description.setText("Prenotare la sala")
    edit.save()
    assert populated.tasks.get(task.id).data.description == "Prenotare la sala"


def test_mark_done_reopen_delete(qtbot, populated: Workspace, answer_yes) -> None:  # type: ignore[no-untyped-def]
    _ids, late = _tasks(populated)
    view = TasksView(populated)
    qtbot.addWidget(view)
    assembly_id = populated.tasks.assembly_choices()[0][0]

    done = DoneDialog(populated, late)
    qtbot.addWidget(done)
    done.done_on.setText("")
    done.save()
    assert done.form.error_text("done_on") == "Indica quando è stato fatto."
    done.done_on.set_date(date.today())
    select_data(done.checked, assembly_id)
    done.save()
    assert done.result() == 1
    task = populated.tasks.get(late)
    assert task.status == "fatto" and task.checked_assembly_id == assembly_id

    view.reload()
    assert _texts(view, 3)[0].startswith("Fatto il")
    view.table.selectRow(0)
    assert view.reopen_button.isEnabled() and not view.done_button.isEnabled()
    view.reopen()
    assert populated.tasks.get(late).status == "aperto"
    assert _texts(view, 3)[0] == "In ritardo"
    view.table.selectRow(0)
    view.delete()
    assert "Preparare il bilancio" in answer_yes[0]
    assert [t.data.description for t in populated.tasks.list()] == ["Aggiornare il sito"]
    assert _texts(view, 1) == ["Aggiornare il sito"]


def test_new_task_button_runs_the_dialog_and_reloads(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    view = TasksView(populated)
    qtbot.addWidget(view)
    member_id = populated.members.names()[0][0]

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TaskDialog)
        select_data(dialog.member, member_id)
        dialog.description.setText("Scrivere il resoconto")
        dialog.save()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(view.changed, timeout=2000):
        view.add_button.click()
    assert _texts(view, 1) == ["Scrivere il resoconto"]
    assert not view.done_button.isEnabled()
    view.table.selectRow(0)
    assert view.done_button.isEnabled() and not view.reopen_button.isEnabled()
