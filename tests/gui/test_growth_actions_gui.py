"""Distretto › «Nuovi aderenti»: growth actions added, corrected and deleted."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desdesk.check_schemas import GrowthActionInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.growth_action import GrowthActionDialog
from desdesk.ui.sections.district import DistrictSection
from desdesk.ui.widgets.forms import select_data


def _section(qtbot: QtBot, workspace: Workspace) -> DistrictSection:
    section = DistrictSection(workspace)
    qtbot.addWidget(section)
    section.tabs.setCurrentIndex(section.growth_tab)
    return section


def test_the_growth_actions_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, populated: Workspace
) -> None:
    member_id = populated.members.names()[0][0]
    populated.growth.add(GrowthActionInput(date(2026, 3, 4), "Serata al GAS", "due interessati"))
    populated.growth.add(GrowthActionInput(date(2026, 5, 6), "Mercato", "entrata", member_id))
    section = _section(qtbot, populated)
    model = section.growth_page.model
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Data", "Che cosa è stato fatto", "Esito", "Aderente entrato"]
    texts = {model.index(r, 1).data(): r for r in range(model.rowCount())}
    assert model.index(texts["Mercato"], 0).data() == "06/05/2026"
    assert model.index(texts["Mercato"], 3).data() == populated.members.names()[0][1]
    assert model.index(texts["Serata al GAS"], 3).data() == ""


def test_a_growth_action_is_added_edited_and_deleted(
    qtbot: QtBot, populated: Workspace, monkeypatch: pytest.MonkeyPatch, answer_yes: list[str]
) -> None:
    section = _section(qtbot, populated)
    assert section.growth_page.model.rowCount() == 0

    dialog = GrowthActionDialog(populated, today=date(2026, 4, 2))
    qtbot.addWidget(dialog)
    assert dialog.day.text() == "02/04/2026"
    dialog.day.setText("")
    dialog.save()
    assert dialog.result() == 0
    assert dialog.form.error_text("day") == "Indica la data dell'azione."
    assert dialog.form.error_text("description") == "Scrivi che cosa è stato fatto."
    assert populated.growth.actions() == []

    dialog.day.setText("15/03/2026")
    qtbot.keyClicks(dialog.description, "Presentazione al consiglio comunale di Mori")
    dialog.outcome.setPlainText("Il Comune aderisce")
    mori = next(i for i, name, _a in populated.members.names() if name == "Comune di Mori")
    select_data(dialog.member, mori)
    dialog.save()
    assert dialog.result() == 1
    (action,) = populated.growth.actions()
    assert action.data == GrowthActionInput(
        date(2026, 3, 15), "Presentazione al consiglio comunale di Mori", "Il Comune aderisce", mori
    )

    # Through the section: the list shows it; double-click/Modifica edits the selected one.
    section.reload()
    page = section.growth_page
    assert page.model.rowCount() == 1 and page.model.index(0, 3).data() == "Comune di Mori"
    edited: list[GrowthActionDialog] = []

    def edit_and_save(dialog: GrowthActionDialog) -> bool:
        edited.append(dialog)
        assert dialog.description.toPlainText().startswith("Presentazione")
        assert dialog.member.currentData() == mori
        select_data(dialog.member, 0)
        dialog.outcome.setPlainText("Da ricontattare")
        dialog.save()
        section.reload()
        return bool(dialog.result())

    monkeypatch.setattr(section, "run_dialog", edit_and_save)
    assert section.focus_record("growth_action", action.id)
    assert section.tabs.currentIndex() == section.growth_tab
    section.edit_growth_action()
    assert len(edited) == 1
    (changed,) = populated.growth.actions()
    assert changed.data.member_id is None and changed.data.outcome == "Da ricontattare"

    section.reload()
    page.table.selectRow(0)
    section.delete_growth_action()
    assert "15/03/2026" in answer_yes[0] and "Presentazione" in answer_yes[0]
    assert populated.growth.actions() == []
    assert page.model.rowCount() == 0
