"""The roll call dialog saves the call being held and reloads the roll call of its day;
the counter speaks Italian plurals."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desdesk.domain.assembly_rules import AttendanceCount, QuorumState
from desdesk.domain.enums import Call
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.roll_call import RollCallDialog, counter_text
from tests.roll_call_setup import add_members, insert_assembly

FIRST = date(2026, 3, 10)


def _dialog(qtbot, workspace: Workspace, assembly: int) -> RollCallDialog:  # type: ignore[no-untyped-def]
    dialog = RollCallDialog(workspace, assembly)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_second_call_button_saves_the_call_and_reloads_the_roll_call(
    qtbot,  # type: ignore[no-untyped-def]
    populated: Workspace,
    shown_messages: list[str],
) -> None:
    late = add_members(populated, ["Zeta Nuovo"], joined_on=date(2026, 3, 11))[0]
    assembly = insert_assembly(populated, FIRST)
    dialog = _dialog(qtbot, populated, assembly)
    assert late not in {r.member_id for r in dialog.model.rows()}
    assert "10/03/2026" in dialog.windowTitle()
    qtbot.mouseClick(dialog.second_call_button, Qt.MouseButton.LeftButton)
    assert populated.attendance.header(assembly).call_held == "seconda"
    assert late in {r.member_id for r in dialog.model.rows()}
    assert "11/03/2026" in dialog.windowTitle()
    assert dialog.current_member() is not None
    dialog.call.setCurrentIndex(0)
    assert populated.attendance.header(assembly).call_held == "prima"
    assert late not in {r.member_id for r in dialog.model.rows()}
    assert shown_messages == []


def test_a_refused_call_is_shown_and_the_combo_goes_back(
    qtbot,  # type: ignore[no-untyped-def]
    populated: Workspace,
    shown_messages: list[str],
) -> None:
    assembly = insert_assembly(populated, FIRST, second_call_date=None)
    dialog = _dialog(qtbot, populated, assembly)
    assert not dialog.second_call_button.isVisibleTo(dialog)
    dialog.call.setCurrentIndex(1)
    assert any("non ha una seconda convocazione" in m for m in shown_messages)
    assert dialog.selected_call() is Call.FIRST
    assert populated.attendance.header(assembly).call_held is None


def _count(primary: int, substitute: int) -> AttendanceCount:
    return AttendanceCount(
        members=10,
        present_primary=primary,
        present_substitute=substitute,
        represented=0,
        absent_justified=0,
        absent=0,
    )


def test_counter_plurals() -> None:
    one = counter_text(_count(1, 1), QuorumState(1, 2), Call.SECOND)
    assert "Presenti 2 (1 titolare, 1 supplente)" in one
    assert one.endswith("Quorum seconda convocazione: 2 su 1 richiesto — raggiunto")
    many = counter_text(_count(2, 0), QuorumState(6, 2), Call.FIRST)
    assert "Presenti 2 (2 titolari, 0 supplenti)" in many
    assert many.endswith("2 su 6 richiesti — mancano 4")
