"""The exclusion flag agrees everywhere: the member register's flag, the Presenze tab and
the Registro presenze PDF, for a period that starts inside a run of absences."""

from __future__ import annotations

from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.attendance_record import AttendanceRecordView
from tests.gui.test_attendance_record import history, view_rows
from tests.pdfs import flat, read_pdf

MORI = "Comune di Mori"  # absent at the last three of four assemblies: run of 3


def test_register_flag_presenze_tab_and_pdf_agree(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    days, ids = history(populated)
    start = days[2]  # the period holds only the last two absences
    assert populated.attendance.flagged_member_ids() == {ids[MORI]}
    view = AttendanceRecordView(populated)
    qtbot.addWidget(view)
    view.start.set_date(start)
    view.start.editingFinished.emit()
    rows = view_rows(view)
    flagged = {name for name, row in rows.items() if row[-1] == "sì"}
    assert flagged == {MORI} and rows[MORI][-2] == "3"
    text = flat(read_pdf(populated.documents.attendance_pdf(start, None)).text)
    assert f"{MORI} ≥ 3 assenze consecutive" in text
    assert "Aderenti oltre la soglia di esclusione 1" in text
    assert "Assemblee svolte nel periodo 2" in text
