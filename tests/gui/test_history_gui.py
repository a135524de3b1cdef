"""Cronologia in the GUI: the model passes the model tester, a member's dialog shows its
creation and its edit field by field, the filter narrows it, the export writes the CSV,
and the Aderenti and Distretto sections open it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlalchemy import text

from desdesk import settings
from desdesk.history_schemas import HistoryRow
from desdesk.services.history import HistoryService
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs import history as history_dialog
from desdesk.ui.dialogs.history import HistoryDialog
from desdesk.ui.dialogs.new_district import NewDistrictWizard
from desdesk.ui.main_window import MainWindow
from desdesk.ui.models.history import (
    ACTION,
    AFTER,
    BEFORE,
    FIELD,
    TABLE,
    WHO,
    HistoryModel,
    SearchProxy,
)
from desdesk.ui.sections.district import DistrictSection
from desdesk.ui.sections.members import MembersSection
from desdesk.ui.widgets.forms import select_data
from tests.factories import member_input, referent_input


@pytest.fixture
def edited(workspace: Workspace) -> tuple[Workspace, int]:
    """A member created, with its primary referent, then given a new e-mail and phone."""
    HistoryService(workspace.sessions).set_actor("Anna Bianchi", "anna")
    member_id = workspace.members.add(member_input(), referent_input())
    workspace.members.update(
        member_id, member_input(email="nuova@larete.example.it", phone="0464 555666")
    )
    workspace.members.add(member_input("GAS Rovereto", tax_code="01234560223"))
    return workspace, member_id


def texts(dialog: HistoryDialog, column: int) -> list[str]:
    proxy = dialog.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, edited) -> None:  # type: ignore[no-untyped-def]
    workspace, _member_id = edited
    model = HistoryModel()
    model.set_history(HistoryService(workspace.sessions).rows())
    assert model.rowCount() > 3
    qtmodeltester.check(model)
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    proxy.set_text("rovereto")
    qtmodeltester.check(proxy)
    model.sort(0)
    qtmodeltester.check(model)


def test_a_members_dialog_shows_its_creation_and_its_edit(qtbot, edited) -> None:  # type: ignore[no-untyped-def]
    workspace, member_id = edited
    dialog = HistoryDialog(
        HistoryService(workspace.sessions), member_id=member_id, title="Cronologia", parent=None
    )
    qtbot.addWidget(dialog)

    lines = list(
        zip(
            texts(dialog, ACTION),
            texts(dialog, FIELD),
            texts(dialog, BEFORE),
            texts(dialog, AFTER),
            strict=True,
        )
    )
    # Newest first: the edit (two fields), then the referent, then the member's creation.
    assert lines[:2] == [
        ("Modifica", "E-mail", "info@larete.example.it", "nuova@larete.example.it"),
        ("Modifica", "Telefono", "", "+39 0464 555666"),
    ]
    assert ("Aggiunta", "Nome", "", "Giulia") in lines
    assert ("Aggiunta", "Nome", "", "Cooperativa Sociale La Rete") in lines
    assert set(texts(dialog, WHO)) == {"Anna Bianchi (anna)"}
    assert "GAS Rovereto" not in " ".join(texts(dialog, TABLE))
    assert dialog.count_label.text() == "3 modifiche"

    dialog.search.setText("555666")
    assert texts(dialog, FIELD) == ["Telefono"]
    assert dialog.count_label.text() == "1 modifica"


def test_export_writes_the_shown_changes(  # type: ignore[no-untyped-def]
    qtbot, edited, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_messages: list[str]
) -> None:
    workspace, member_id = edited
    target = tmp_path / "cronologia-aderente"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    dialog = HistoryDialog(workspace, member_id=member_id, title="Cronologia")
    qtbot.addWidget(dialog)
    dialog.search.setText("nuova@")
    dialog.buttons["export"].click()

    written = target.with_suffix(".csv")
    with written.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0][0] == "Data" and table[0][-1] == "Dopo"
    # The whole edit (both its fields): the filter chooses changes, not half of one.
    assert [line[6] for line in table[1:]] == ["E-mail", "Telefono"]
    assert shown_messages == [f"2 righe esportate in {written}"]


def test_the_members_section_opens_the_selected_members_history(  # type: ignore[no-untyped-def]
    qtbot, edited, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, member_id = edited
    opened: list[HistoryDialog] = []

    def collect(self: HistoryDialog) -> int:
        opened.append(self)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(HistoryDialog, "exec", collect)
    section = MembersSection(workspace)
    qtbot.addWidget(section)
    assert not section.history_button.isEnabled()
    section.select_member(member_id)
    assert section.history_button.isEnabled()
    section.history_button.click()

    [dialog] = opened
    assert dialog.member_id == member_id
    assert dialog.windowTitle() == "Cronologia di “Cooperativa Sociale La Rete”"
    assert dialog.model.rowCount() > 0


def test_the_district_section_opens_the_whole_history(  # type: ignore[no-untyped-def]
    qtbot, edited, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _member_id = edited
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    section = DistrictSection(workspace)
    qtbot.addWidget(section)
    section.history_button.click()

    [dialog] = opened
    assert dialog.member_id is None
    tables = " ".join(texts(dialog, TABLE))
    assert "Aderente: GAS Rovereto" in tables and "Distretto: DES Vallagarina" in tables


def export_lines(rows: list[HistoryRow]) -> int:
    return sum(max(1, len(row.changes)) for row in rows)


def test_a_capped_district_view_says_so_and_exports_the_whole_log(  # type: ignore[no-untyped-def]
    qtbot, edited, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_messages: list[str]
) -> None:
    workspace, _member_id = edited
    service = HistoryService(workspace.sessions)
    everything = service.rows()
    assert len(everything) > 2
    monkeypatch.setattr(history_dialog, "DISTRICT_LIMIT", 2)
    target = tmp_path / "cronologia.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    dialog = HistoryDialog(workspace)
    qtbot.addWidget(dialog)

    assert dialog.capped
    assert dialog.count_label.text() == "ultime 2 modifiche"
    assert "tutta la cronologia" in dialog.count_label.toolTip()
    dialog.buttons["export"].click()
    expected = export_lines(everything)
    assert shown_messages == [f"{expected} righe esportate in {target}"]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle, delimiter=";"))) == expected + 1

    # A filter applies to the whole log: the referent's creation is older than the view.
    dialog.search.setText("Giulia")
    assert dialog.count_label.text() == "0 modifiche tra le ultime 2 modifiche"
    assert dialog.buttons["export"].isEnabled()
    dialog.buttons["export"].click()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert {line[3] for line in table[1:]} == {"Referente"}
    assert ("Nome", "Giulia") in {(line[6], line[8]) for line in table[1:]}


def test_a_log_longer_than_the_view_is_counted_as_its_latest_5000(  # type: ignore[no-untyped-def]
    qtbot, edited
) -> None:
    workspace, _member_id = edited
    # 5.000 more logged edits of a member's notes, written straight into the log.
    rows = [
        {
            "before": json.dumps({"notes": f"nota {n}"}),
            "after": json.dumps({"notes": f"nota {n + 1}"}),
        }
        for n in range(5000)
    ]
    with workspace.file.engine.begin() as connection:  # a file or a server alike
        connection.execute(
            text(
                "INSERT INTO change_log (at, actor, os_user, table_name, record_id, action,"
                " before, after) VALUES ('2026-11-26T10:00:00Z', 'Anna', 'anna', 'member',"
                " 1, 'update', :before, :after)"
            ),
            rows,
        )
    dialog = HistoryDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.capped and len(dialog.model.history_rows()) == 5000
    assert dialog.count_label.text() == "ultime 5.000 modifiche"


def test_a_district_created_in_the_window_names_the_secretary(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(settings.Preferences(secretary_name="Anna Bianchi"))
    qtbot.addWidget(window)

    def fill_in(wizard: NewDistrictWizard) -> int:
        fields = wizard.profile_page.fields
        select_data(fields.kind, "territoriale")
        fields.name.setText("DES Val di Non")
        fields.territory.setCurrentText("Val di Non")
        wizard.show()
        wizard.next()
        wizard.file_page.path.setText(str(tmp_path / "nonsberg"))
        wizard.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NewDistrictWizard, "exec", fill_in)
    window.new_district()
    workspace = window.workspace
    assert workspace is not None and workspace.path.name == "nonsberg.des"
    member = workspace.members.add(member_input("GAS Val di Non"))
    [row] = workspace.history.rows("member", member)
    assert row.actor == "Anna Bianchi"
    window.close()
