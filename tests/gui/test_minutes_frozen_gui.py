"""The minutes from the Assemblee section: refused openings reach the user as a message,
approved minutes show the attendance frozen at approval."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from desdesk.domain.enums import AttendanceStatus
from desdesk.schemas import AssemblyInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.approve_minutes import ApproveMinutesDialog
from desdesk.ui.dialogs.minutes_dialog import MinutesDialog
from desdesk.ui.sections.assemblies import AssembliesSection
from desdesk.ui.widgets.minutes_header import attendance_text
from tests.assembly_district import populate_assemblies
from tests.factories import member_input
from tests.report_district import COOPERATIVE


def test_verbale_on_a_future_assembly_shows_the_refusal(  # type: ignore[no-untyped-def]
    qtbot, populated: Workspace, shown_messages: list[str]
) -> None:
    future = populated.assemblies.plan(AssemblyInput(date(2099, 5, 20), title="Lontana"), [])
    view = AssembliesSection(populated, today=date(2099, 1, 1))
    qtbot.addWidget(view)
    view.select(future)
    qtbot.mouseClick(view.buttons["minutes"], Qt.MouseButton.LeftButton)
    assert shown_messages and "il verbale si scrive dopo che si è tenuta" in shown_messages[-1]
    assert populated.minutes.current(future) is None


def test_the_dialog_of_approved_minutes_shows_the_attendance_at_approval(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace
) -> None:
    silent = workspace.members.add(
        member_input("Gruppo Silenzioso", tax_code=None, joined_on=date(2020, 1, 1))
    )
    district = populate_assemblies(workspace)
    workspace.minutes.approve(district.minutes, date(2026, 11, 20))
    before = MinutesDialog(workspace, district.held)
    qtbot.addWidget(before)
    frozen = before.header.attendance.text()
    workspace.members.delete(silent)
    workspace.assemblies.update_rules(
        replace(workspace.assemblies.rules(), first_call_quorum_percent=90)
    )
    after = MinutesDialog(workspace, district.held)
    qtbot.addWidget(after)
    assert after.header.attendance.text() == frozen
    assert "su 4 aderenti" in frozen
    assert attendance_text(*workspace.attendance.count(district.held)) != frozen  # live moved


def test_approving_before_the_assembly_is_refused_under_the_date(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace
) -> None:
    district = populate_assemblies(workspace)
    dialog = ApproveMinutesDialog(workspace, district.minutes, [])
    qtbot.addWidget(dialog)
    dialog.approved_on.set_date(date(2026, 10, 1))
    dialog.save()
    assert "precedente all'assemblea del 08/10/2026" in dialog.form.error_text("approved_on")
    assert workspace.minutes.get(district.minutes).approved_on is None


def test_approving_with_votes_over_the_current_voters_names_the_item(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, shown_messages: list[str]
) -> None:
    district = populate_assemblies(workspace)
    workspace.attendance.set_status(
        district.held, district.members[COOPERATIVE], AttendanceStatus.ABSENT
    )
    dialog = ApproveMinutesDialog(workspace, district.minutes, [])
    qtbot.addWidget(dialog)
    dialog.approved_on.set_date(date(2026, 11, 20))
    dialog.save()
    assert "Punto 2 «Festa»" in shown_messages[-1]
    assert workspace.minutes.get(district.minutes).approved_on is None
