"""Members over the exclusion threshold are flagged in the register (issue 3)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desdesk.domain.enums import AttendanceStatus
from desdesk.schemas import AgendaItemInput, AssemblyInput
from desdesk.services.workspace import Workspace
from desdesk.ui.sections.members import MembersSection
from desdesk.ui.widgets.forms import select_data


def _three_assemblies_missed_by(workspace: Workspace, absent_name: str) -> None:
    rows = workspace.members.list_rows()
    for month in (1, 4, 7):
        assembly_id = workspace.assemblies.plan(
            AssemblyInput(first_call_date=date(2026, month, 15), place="Sala consiliare"),
            [AgendaItemInput("Bilancio")],
        )
        for row in rows:
            status = (
                AttendanceStatus.ABSENT
                if row.name == absent_name
                else AttendanceStatus.PRESENT_PRIMARY
            )
            workspace.attendance.set_status(assembly_id, row.id, status)


def test_the_register_flags_a_member_over_the_threshold(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    _three_assemblies_missed_by(populated, "Comune di Mori")
    section = MembersSection(populated)
    qtbot.addWidget(section)
    if not section.model.flagged:
        with qtbot.waitSignal(section.flags_loaded, timeout=5000):
            pass
    mori = next(r.id for r in populated.members.list_rows() if r.name == "Comune di Mori")
    assert section.model.flagged == frozenset({mori})
    row = section.model.row_of_id(mori)
    index = section.model.index(row, 0)
    assert "soglia di esclusione" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    select_data(section.status, "flagged")
    assert [section.proxy.index(r, 0).data() for r in range(section.proxy.rowCount())] == [
        "Comune di Mori"
    ]
