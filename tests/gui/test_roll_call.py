"""The roll call dialog, driven by the keyboard only, on the populated district."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desdesk.domain.enums import Call
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.roll_call import RollCallDialog
from desdesk.ui.dialogs.roll_call_parts import ProxyHolderDialog
from desdesk.ui.models.roll_call import RollCallModel
from tests.roll_call_setup import approve_minutes, insert_assembly, set_rules

# The populated district's members, by name: the order of the roll call.
ORDER = (
    "Associazione Terre Alte",
    "Azienda Agricola Maso Pilati",
    "Comune di Mori",
    "Cooperativa Sociale La Rete",
)


@pytest.fixture
def assembly(populated: Workspace) -> int:
    return insert_assembly(populated, date(2026, 3, 10))


@pytest.fixture
def dialog(qtbot, populated: Workspace, assembly: int) -> RollCallDialog:
    dialog = RollCallDialog(populated, assembly)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def statuses(workspace: Workspace, assembly: int) -> dict[str, tuple[str | None, int | None]]:
    return {
        r.member_name: (r.status, r.proxy_holder_id)
        for r in workspace.attendance.roll_call(assembly)
    }


def answer_proxy(qtbot, typed: str, done: list[str]) -> Callable[[], None]:
    """Type in the proxy chooser once it is open, then press Enter."""

    def answer() -> None:
        chooser = QApplication.activeModalWidget()
        assert isinstance(chooser, ProxyHolderDialog)
        done.append(chooser.list.currentItem().text() if typed == "" else typed)
        qtbot.keyClicks(chooser.search, typed)
        qtbot.keyClick(chooser.search, Qt.Key.Key_Return)

    return answer


def current_name(dialog: RollCallDialog) -> str:
    member_id = dialog.current_member()
    return next(r.member_name for r in dialog.model.rows() if r.member_id == member_id)


def test_a_roll_call_by_keyboard_reaches_the_quorum(
    qtbot,
    dialog: RollCallDialog,
    populated: Workspace,
    assembly: int,
) -> None:
    assert current_name(dialog) == ORDER[0]
    assert "mancano 3" in dialog.counter.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    assert current_name(dialog) == ORDER[1]
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)
    assert "Presenti 2 (1 titolare, 1 supplente)" in dialog.counter.text()
    assert "manca 1" in dialog.counter.text()
    done: list[str] = []
    QTimer.singleShot(0, answer_proxy(qtbot, "terre", done))
    qtbot.keyClick(dialog.table, Qt.Key.Key_3)
    assert done == ["terre"]
    text = dialog.counter.text()
    assert "Rappresentati 1" in text
    assert "Quorum prima convocazione: 3 su 3 richiesti — raggiunto" in text
    qtbot.keyClick(dialog.table, Qt.Key.Key_5)  # the last row stays current
    assert current_name(dialog) == ORDER[3]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)  # clears Azienda's status
    saved = statuses(populated, assembly)
    ids = {r.member_name: r.member_id for r in dialog.model.rows()}
    assert saved == {
        ORDER[0]: ("presente_titolare", None),
        ORDER[1]: (None, None),
        ORDER[2]: ("delega", ids[ORDER[0]]),
        ORDER[3]: ("assente", None),
    }
    # The table shows what was saved.
    row = dialog.model.row_of(ids[ORDER[2]])
    assert dialog.model.index(row, 3).data() == "Delega"
    assert dialog.model.index(row, 4).data() == ORDER[0]
    assert dialog.counter.text().endswith("2 su 3 richiesti — manca 1")


def test_a_proxy_over_the_limit_is_refused(
    qtbot,
    populated: Workspace,
    assembly: int,
    shown_messages: list[str],
) -> None:
    set_rules(populated, proxies_per_member=1)
    dialog = RollCallDialog(populated, assembly)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    for _giver in range(2):
        QTimer.singleShot(0, answer_proxy(qtbot, "", []))
        qtbot.keyClick(dialog.table, Qt.Key.Key_3)
    assert shown_messages and "limite del distretto è 1" in shown_messages[-1]
    assert current_name(dialog) == ORDER[2]  # the cursor stays on the refused row
    assert statuses(populated, assembly)[ORDER[2]] == (None, None)
    assert dialog.model.index(2, 3).data() == ""


def test_a_status_after_approval_is_refused(
    qtbot,
    populated: Workspace,
    assembly: int,
    shown_messages: list[str],
) -> None:
    populated.attendance.set_status(
        assembly, populated.attendance.roll_call(assembly)[0].member_id, None
    )
    approve_minutes(populated, assembly)
    dialog = RollCallDialog(populated, assembly)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    assert "approvato" in shown_messages[-1]
    assert current_name(dialog) == ORDER[0]
    assert statuses(populated, assembly)[ORDER[0]] == (None, None)


def test_search_second_call_times_and_guests(
    qtbot,
    dialog: RollCallDialog,
    populated: Workspace,
    assembly: int,
    shown_messages: list[str],
) -> None:
    qtbot.keyClicks(dialog.search, "mori")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.table.hasFocus()
    assert dialog.proxy.rowCount() == 1
    qtbot.keyClick(dialog.table, Qt.Key.Key_4)
    assert statuses(populated, assembly)["Comune di Mori"] == ("assente_giustificato", None)
    dialog.call.setCurrentIndex(1)
    assert "Quorum seconda convocazione: 0 su 1 richiesto — manca 1" in dialog.counter.text()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    header = populated.attendance.header(assembly)
    assert header.call_held == "seconda" and header.started_at is not None
    assert "Inizio" in dialog.times.text() and "Fine" in dialog.times.text()
    # One click per member works too: the buttons act on the current row.
    dialog.search.clear()
    dialog.table.setCurrentIndex(dialog.proxy.index(0, 0))
    qtbot.mouseClick(dialog.status_buttons[4], Qt.MouseButton.LeftButton)
    assert statuses(populated, assembly)[ORDER[0]] == ("assente", None)
    assert current_name(dialog) == ORDER[1]
    guests = dialog.guests
    qtbot.keyClicks(guests.name, "Mario Rossi")
    qtbot.keyClicks(guests.organisation, "Comune di Ala")
    qtbot.keyClick(guests.organisation, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert guests.list.item(0).text() == "Mario Rossi (Comune di Ala)"
    guests.list.setCurrentRow(0)
    qtbot.mouseClick(guests.remove_button, Qt.MouseButton.LeftButton)
    assert populated.attendance.guests(assembly) == []
    assert shown_messages == []


def test_roll_call_model_passes_the_model_tester(
    qtmodeltester,
    populated: Workspace,
    assembly: int,
) -> None:
    model = RollCallModel()
    model.set_rows(populated.attendance.roll_call(assembly))
    qtmodeltester.check(model)
    member_id = model.rows()[1].member_id
    model.set_status(member_id, "assente", None)
    model.sort(3)
    qtmodeltester.check(model)
    assert model.index(model.row_of(member_id), 3).data() == "Assente"


def test_without_quorum_the_second_call_is_offered(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: RollCallDialog,
) -> None:
    assert dialog.second_call_button.isVisibleTo(dialog)  # nobody present yet
    qtbot.mouseClick(dialog.second_call_button, Qt.MouseButton.LeftButton)
    assert dialog.selected_call() is Call.SECOND
    assert "Quorum seconda convocazione" in dialog.counter.text()
    assert not dialog.second_call_button.isVisibleTo(dialog)
