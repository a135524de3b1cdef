"""The attendance record view: period, rates, runs of absences and the flag."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from desdesk.domain.assembly_rules import add_months
from desdesk.domain.enums import AttendanceStatus
from desdesk.i18n import format_date
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.attendance_record import AttendanceRecordModel, AttendanceRecordView
from tests.roll_call_setup import insert_assembly

P, A = AttendanceStatus.PRESENT_PRIMARY, AttendanceStatus.ABSENT


def history(workspace: Workspace) -> tuple[list[date], dict[str, int]]:
    """Four assemblies in the last year: Mori absent at the last three, the rest present."""
    today = date.today()
    days = [today - timedelta(days=d) for d in (300, 200, 100, 10)]
    assemblies = [insert_assembly(workspace, day) for day in days]
    ids = {r.member_name: r.member_id for r in workspace.attendance.roll_call(assemblies[0])}
    for n, assembly in enumerate(assemblies):
        for name, member_id in ids.items():
            status = A if name == "Comune di Mori" and n > 0 else P
            workspace.attendance.set_status(assembly, member_id, status)
    return days, ids


def view_rows(view: AttendanceRecordView) -> dict[str, list[str]]:
    proxy = view.proxy
    return {
        proxy.index(r, 0).data(): [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    }


def test_record_shows_rates_runs_and_flags(qtbot, populated: Workspace) -> None:
    days, _ids = history(populated)
    view = AttendanceRecordView(populated)
    qtbot.addWidget(view)
    assert view.start.date_value() == add_months(date.today(), -12)
    rows = view_rows(view)
    assert rows["Comune di Mori"][1:] == ["4", "1", "0", "0", "0", "3", "25%", "3", "sì"]
    assert rows["Comune di Mori"][0] == "Comune di Mori"
    assert rows["Associazione Terre Alte"][7:] == ["100%", "0", ""]
    model = view.model
    mori = next(i for i, r in enumerate(model.rows()) if r.name == "Comune di Mori")
    index = model.index(mori, 0)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert all(format_date(day) in tooltip for day in days[1:])
    assert format_date(days[0]) not in tooltip
    assert model.index(0 if mori else 1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    qtbot.keyClicks(view.search, "mori")
    assert list(view_rows(view)) == ["Comune di Mori"]


def test_the_period_narrows_the_record_and_bad_dates_are_named(qtbot, populated: Workspace) -> None:
    days, _ids = history(populated)
    view = AttendanceRecordView(populated)
    qtbot.addWidget(view)
    view.start.set_date(days[2])
    view.start.editingFinished.emit()
    rows = view_rows(view)
    # Two assemblies counted, but the run of three absences (and the flag) still stands.
    assert rows["Comune di Mori"][1] == "2" and rows["Comune di Mori"][-1] == "sì"
    view.end.setText("31/02/2026")
    view.end.editingFinished.emit()
    assert view.problem.isVisibleTo(view) and "Data finale" in view.problem.text()
    assert view_rows(view) == rows  # nothing reloaded from a bad period


def test_record_model_passes_the_model_tester(qtmodeltester, populated: Workspace) -> None:
    history(populated)
    model = AttendanceRecordModel()
    model.set_rows(populated.attendance.member_records(None, None))
    qtmodeltester.check(model)
