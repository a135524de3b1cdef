"""The minutes dialog: write, refuse votes over the voters, approve, freeze, correct."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.approve_minutes import ApproveMinutesDialog
from desdesk.ui.dialogs.minutes_dialog import MinutesDialog
from desdesk.ui.widgets.forms import select_data
from tests.assembly_rows import add_assembly


@pytest.fixture
def assembly(populated: Workspace) -> int:
    """3 of the 4 members present: quorum reached at first call, 3 voters."""
    ids = [i for i, _name, _active in populated.members.names()]
    return add_assembly(populated, present=ids[:3], absent=ids[3:])


def _dialog(qtbot, workspace: Workspace, assembly_id: int) -> MinutesDialog:  # type: ignore[no-untyped-def]
    dialog = MinutesDialog(workspace, assembly_id)
    qtbot.addWidget(dialog)
    return dialog


def test_write_minutes_with_resolution_votes_and_task(
    qtbot, populated: Workspace, assembly: int
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, populated, assembly)
    assert "Sala civica, Rovereto" in dialog.header.assembly.text()
    assert "3 presenti" in dialog.header.attendance.text()
    assert "Quorum raggiunto" in dialog.header.attendance.text()
    assert [e.title_edit.text() for e in dialog.items] == ["Bilancio", "Nuovi aderenti"]
    qtbot.keyClicks(dialog.header.president, "Giulia Bertolini")
    first = dialog.items[0]
    qtbot.keyClicks(first.resolution, "Approvato il bilancio 2025.")
    first.unanimous.click()
    assert (first.votes_for.value(), first.votes_against.value()) == (3, 0)
    row = first.tasks_editor.add_row()
    select_data(row.member, populated.members.names()[0][0])
    qtbot.keyClicks(row.what, "Depositare il bilancio")
    row.due.setText("30/04/2026")
    dialog.add_item_button.click()
    qtbot.keyClicks(dialog.items[2].title_edit, "Varie ed eventuali")
    assert dialog.save()
    assert len(dialog.items) == 3 and dialog.items[2].title() == "Punto 3"

    saved = populated.minutes.current(assembly)
    assert saved is not None and saved.data.president == "Giulia Bertolini"
    assert (saved.data.items[0].votes_for, saved.data.items[0].votes_abstained) == (3, 0)
    assert saved.data.items[2].title == "Varie ed eventuali"
    (task,) = populated.tasks.for_minutes_item(saved.item_ids[0])
    assert task.data.description == "Depositare il bilancio" and task.data.assembly_id == assembly
    assert dialog.items[0].tasks_editor.rows[0].what.text() == "Depositare il bilancio"
    editor = dialog.items[0].tasks_editor
    editor.rows[0].remove.click()
    assert editor.rows == []
    assert dialog.save()
    assert populated.tasks.for_minutes_item(saved.item_ids[0]) == []


def test_votes_over_the_voters_are_refused_next_to_the_field(
    qtbot, populated: Workspace, assembly: int
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, populated, assembly)
    second = dialog.items[1]
    second.votes_for.setValue(3)
    second.votes_against.setValue(1)
    qtbot.keyClicks(second.discussion, "Ampia discussione")
    assert not dialog.save()
    assert "superano gli aventi diritto" in second.form.error_text("votes_for")
    assert populated.minutes.current(assembly).data.items[1].discussion == ""  # type: ignore[union-attr]
    row = second.tasks_editor.add_row()
    second.votes_against.setValue(0)
    assert not dialog.save()  # a task without member nor text
    assert "Scegli l'aderente" in row.error.text() and "Scrivi che cosa" in row.error.text()


def test_approve_freezes_and_a_new_revision_cites_the_old(  # type: ignore[no-untyped-def]
    qtbot, populated: Workspace, assembly: int, *, shown_messages, monkeypatch
) -> None:
    dialog = _dialog(qtbot, populated, assembly)
    qtbot.keyClicks(dialog.items[0].resolution, "Approvato.")
    seen: list[str] = []

    def answer() -> None:  # the approval dialog is modal: fill it while it runs
        approval = QApplication.activeModalWidget()
        assert isinstance(approval, ApproveMinutesDialog)
        seen.append(approval.explanation.text())
        approval.approved_on.setText("31/02/2026")
        approval.save()
        seen.append(approval.form.error_text("approved_on"))
        approval.approved_on.setText("01/04/2026")
        approval.save()

    QTimer.singleShot(0, answer)
    dialog.approve()
    assert "ha una delibera ma non i voti" in seen[0] and seen[1]
    first = populated.minutes.current(assembly)
    assert first is not None and first.approved_on == date(2026, 4, 1)
    assert "approvata il 01/04/2026" in dialog.revision.currentText()
    assert first.data.items[0].resolution == "Approvato."
    assert not dialog.save_button.isEnabled() and dialog.items[0].resolution.isReadOnly()
    assert dialog.add_item_button.isHidden()
    assert dialog.revise_button.isEnabled()

    # the service refuses an edit of the approved minutes, and the dialog says so
    dialog.header.president.setReadOnly(False)
    dialog.header.president.setText("Anna Rossi")
    assert not dialog.save()
    assert shown_messages == ["Il verbale è approvato: per correggerlo crea una nuova revisione."]

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_args, **_kw: ("Refuso nella delibera", True))
    )
    dialog.new_revision()
    second = populated.minutes.current(assembly)
    assert second is not None and second.revision == 2 and second.previous_id == first.id
    assert dialog.revision.count() == 2 and "Refuso nella delibera" in dialog.status.text()
    assert dialog.save_button.isEnabled() and not dialog.revise_button.isEnabled()
    dialog.revision.setCurrentIndex(0)
    assert dialog.items[0].resolution.isReadOnly() and not dialog.save_button.isEnabled()
    assert "approvata il" in dialog.revision.itemText(0)


def test_deserted_assembly(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    ids = [i for i, _name, _active in populated.members.names()]
    assembly_id = add_assembly(populated, present=ids[:1], absent=ids[1:])
    dialog = _dialog(qtbot, populated, assembly_id)
    assert "assemblea deserta" in dialog.header.call.text()
    assert dialog.items == []
