"""Objectives linked to an indicator: the "Indicatore collegato" choice in the objective
dialog, and their progress in Indicatori → Obiettivi del distretto and in Distretto."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from desdesk.money_schemas import IndicatorRead
from desdesk.schemas import ObjectiveInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.district_dialogs import ObjectiveDialog
from desdesk.ui.sections.district import DistrictSection
from desdesk.ui.sections.indicators import IndicatorsSection
from desdesk.ui.widgets.forms import select_data

TODAY = date(2026, 5, 15)
TYPED = "N./% progetti conclusi con obiettivi raggiunti"  # quarterly, percent, typed
SCORE = "Punteggio medio questionari di gradimento"  # yearly, typed


def _by_name(workspace: Workspace, name: str) -> IndicatorRead:
    return next(i for i in workspace.indicators.indicators(True) if i.data.name == name)


def test_the_objective_dialog_links_an_indicator_and_the_section_shows_progress(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace
) -> None:
    indicator = _by_name(workspace, TYPED)
    workspace.indicators.record(indicator.id, 2026, 1, Decimal("30"), today=TODAY)
    dialog = ObjectiveDialog(workspace)
    qtbot.addWidget(dialog)
    choices = [dialog.indicator.itemText(i) for i in range(dialog.indicator.count())]
    assert choices[0] == "Nessuno" and len(choices) == 9
    assert f"Efficacia delle attività – {TYPED}" in choices
    dialog.title.setText("Progetti riusciti")
    dialog.target_value.setText("60")
    dialog.target_unit.setText("% progetti riusciti")
    select_data(dialog.indicator, indicator.id)
    dialog.save()
    assert dialog.result() == 1
    (objective,) = workspace.district.objectives()
    assert objective.data.indicator_id == indicator.id

    section = IndicatorsSection(workspace, today=TODAY)
    qtbot.addWidget(section)
    assert section.tabs.tabText(1) == "Obiettivi del distretto"
    model = section.progress_table.model()
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert model.rowCount() == 1
    assert texts[:5] == ["Progetti riusciti", TYPED, "60 %", "30 %", "50 %"]
    section.tabs.setCurrentIndex(1)
    section.progress_table.selectRow(0)
    section.show_linked_indicator()
    assert section.tabs.currentIndex() == 0
    assert section.selected_indicator() == indicator
    assert section.detail.fields["name"].text() == TYPED

    edit = ObjectiveDialog(workspace, objective)
    qtbot.addWidget(edit)
    assert edit.indicator.currentData() == indicator.id
    select_data(edit.indicator, 0)
    edit.save()
    assert workspace.district.objectives()[0].data.indicator_id is None
    section.reload()
    assert model.rowCount() == 0


def test_a_retired_linked_indicator_stays_offered_to_its_objective(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    indicator = _by_name(workspace, SCORE)
    workspace.district.add_objective(ObjectiveInput("Soddisfazione", indicator_id=indicator.id))
    workspace.indicators.retire(indicator.id, TODAY)
    (objective,) = workspace.district.objectives()
    linked = ObjectiveDialog(workspace, objective)
    qtbot.addWidget(linked)
    assert linked.indicator.currentData() == indicator.id
    fresh = ObjectiveDialog(workspace)
    qtbot.addWidget(fresh)
    assert fresh.indicator.findData(indicator.id) == -1 and fresh.indicator.count() == 8


def test_the_district_objectives_show_progress_when_in_view(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    last_year = date.today().year - 1  # the district section reads progress as of today
    indicator = _by_name(workspace, SCORE)
    workspace.indicators.record(indicator.id, last_year, 1, Decimal("4"))
    workspace.district.add_objective(
        ObjectiveInput(
            "Beneficiari soddisfatti",
            target_value=Decimal(5),
            target_unit="punti",
            indicator_id=indicator.id,
        )
    )
    workspace.district.add_objective(ObjectiveInput("Un nuovo gruppo di acquisto"))
    section = DistrictSection(workspace)
    qtbot.addWidget(section)
    model = section.objective_table.model()
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Avanzamento"
    assert model.index(0, 2).data() == ""  # not read until the tab is shown
    section.tabs.setCurrentIndex(section.objectives_tab)
    assert [model.index(r, 2).data() for r in range(2)] == ["80 %", ""]
    assert model.index(0, 1).data() == "5 punti"
