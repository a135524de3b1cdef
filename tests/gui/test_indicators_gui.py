"""Indicatori: the default indicators, a measurement typed through the dialog redraws the
trend chart, computed indicators refuse typed values, targets, retire/delete, and the
objectives linked to an indicator."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desdesk.domain.budget_defaults import DEFAULT_INDICATORS
from desdesk.domain.money_enums import Metric
from desdesk.money_schemas import IndicatorRead
from desdesk.schemas import DistrictProfile, FoundingDocumentInput, ObjectiveInput
from desdesk.services.workspace import Workspace, create_workspace
from desdesk.ui.dialogs.indicator import IndicatorDialog, TargetDialog
from desdesk.ui.dialogs.measurement import MeasurementDialog
from desdesk.ui.models.indicators import (
    IndicatorRow,
    IndicatorsModel,
    ObjectivesProgressModel,
    PeriodValuesModel,
)
from desdesk.ui.sections.indicators import IndicatorsSection
from desdesk.ui.widgets.forms import select_data

TODAY = date(2026, 5, 15)  # in T2 2026, in S1 2026
TYPED = "N./% progetti conclusi con obiettivi raggiunti"  # quarterly, percent, typed
AGREEMENTS = "N. accordi attivi con altre realtà"  # yearly, computed


def _section(qtbot, workspace: Workspace) -> IndicatorsSection:  # type: ignore[no-untyped-def]
    section = IndicatorsSection(workspace, today=TODAY)
    qtbot.addWidget(section)
    return section


def _by_name(workspace: Workspace, name: str) -> IndicatorRead:
    return next(i for i in workspace.indicators.indicators(True) if i.data.name == name)


def _column(section: IndicatorsSection, column: int) -> list[str]:
    model = section.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _select(section: IndicatorsSection, name: str) -> IndicatorRead:
    indicator = _by_name(section.workspace, name)
    assert section.select_indicator(indicator.id)
    selected = section.selected_indicator()
    assert selected is not None and selected.id == indicator.id
    return selected


def _type_measurement(
    monkeypatch: pytest.MonkeyPatch, period: str, value: str, seen: list[str]
) -> None:
    """Answer the next MeasurementDialog: choose `period`, type `value`, save."""

    def answer(dialog: MeasurementDialog) -> int:
        seen[:] = [dialog.period.itemText(i) for i in range(dialog.period.count())]
        dialog.period.setCurrentIndex(dialog.period.findText(period))
        dialog.value.setText(value)
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(MeasurementDialog, "exec", answer)


def test_a_new_district_shows_the_eight_default_indicators(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = _section(qtbot, workspace)
    assert _column(section, 1) == [d.name for d in DEFAULT_INDICATORS]
    assert _column(section, 0)[3] == "Raccolta fondi"
    assert _column(section, 2)[:2] == ["Trimestrale", "Annuale"]
    assert section.model.headerData(5, Qt.Orientation.Horizontal) == "Obiettivo 2026"
    computed = [
        name for name, mark in zip(_column(section, 1), _column(section, 7), strict=True) if mark
    ]
    assert len(computed) == 4 and AGREEMENTS in computed and TYPED not in computed
    marker = section.table.model().index(_column(section, 1).index(AGREEMENTS), 7)
    assert marker.data() == "calcolato"
    assert Metric.ACTIVE_AGREEMENTS.label() in marker.data(Qt.ItemDataRole.ToolTipRole)
    section.year.setCurrentIndex(section.year.findData(2025))
    assert section.model.headerData(5, Qt.Orientation.Horizontal) == "Obiettivo 2025"


def test_a_measurement_typed_in_the_dialog_redraws_the_chart(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = _section(qtbot, workspace)
    indicator = _select(section, TYPED)
    chart = section.detail.chart
    assert chart.values.count() == 0
    assert chart.axis_x.categories()[-2:] == ["T1 2026", "T2 2026"]  # no future quarters
    assert section.detail.record_button.isEnabled()

    offered: list[str] = []
    _type_measurement(monkeypatch, "T1 2026", "42,5", offered)
    with qtbot.waitSignal(section.changed, timeout=2000):
        qtbot.mouseClick(section.detail.record_button, Qt.MouseButton.LeftButton)
    assert offered == ["T2 2026", "T1 2026", "T4 2025", "T3 2025", "T2 2025", "T1 2025"]
    assert chart.values.count() == 1
    assert chart.value_points()[-1] == (chart.axis_x.categories().index("T1 2026"), 42.5)
    row = _column(section, 1).index(TYPED)
    assert _column(section, 6)[row] == "42,5 % (T1 2026)"
    assert section.selected_indicator() == indicator  # still the one shown

    _type_measurement(monkeypatch, "T2 2026", "55", offered)
    qtbot.mouseClick(section.detail.record_button, Qt.MouseButton.LeftButton)
    assert chart.values.count() == 2
    assert chart.value_points()[-1][1] == 55.0
    values = section.detail.values
    assert [values.index(r, 0).data() for r in range(2)] == ["T2 2026", "T1 2026"]
    assert values.index(0, 2).data() == "inserito"
    stored = workspace.indicators.series(indicator.id, 2026, 2026, TODAY).values
    assert [v.value for v in stored] == [Decimal("42.5"), Decimal("55")]


def test_the_measurement_dialog_refuses_bad_values(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    indicator = _by_name(workspace, TYPED)
    dialog = MeasurementDialog(workspace, indicator, 2026, TODAY)
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.result() == 0 and dialog.form.error_text("value") == "Scrivi il valore."
    dialog.value.setText("molto")
    dialog.save()
    assert "“molto” non è un numero valido" in dialog.form.error_text("value")
    dialog.value.setText("120")
    dialog.save()
    assert "non può superare 100" in dialog.form.error_text("value")
    assert workspace.indicators.series(indicator.id, 2026, 2026, TODAY).values[0].value is None
    dialog.value.setText("12,5 %")
    dialog.note.setText("stima")
    dialog.save()
    assert dialog.result() == 1
    (_t1, latest) = workspace.indicators.series(indicator.id, 2026, 2026, TODAY).values
    assert latest.value == Decimal("12.5") and latest.note == "stima"


def test_a_computed_indicator_shows_its_value_and_refuses_typed_ones(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, shown_messages: list[str]
) -> None:
    workspace.district.add_document(
        FoundingDocumentInput("accordo", "Accordo con il GAS", date(2026, 2, 1), approved=True),
        None,
    )
    section = _section(qtbot, workspace)
    row = _column(section, 1).index(AGREEMENTS)
    assert _column(section, 6)[row] == "1 (2026)"
    indicator = _select(section, AGREEMENTS)
    detail = section.detail
    assert detail.values.index(0, 0).data() == "2026"
    assert detail.values.index(0, 1).data() == "1"
    assert detail.values.index(0, 2).data() == "calcolato da desdesk"
    tooltip = detail.values.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert Metric.ACTIVE_AGREEMENTS.label() in tooltip
    assert detail.chart.value_points()[-1][1] == 1.0
    assert detail.computed_note.isVisibleTo(section)
    assert not detail.record_button.isEnabled() and detail.record_button.toolTip()

    section.record_measurement()
    assert "è calcolato da desdesk" in shown_messages[-1]
    dialog = MeasurementDialog(workspace, indicator, 2026, TODAY)
    qtbot.addWidget(dialog)
    dialog.value.setText("3")
    dialog.save()
    assert dialog.result() == 0
    assert "calcolato da desdesk" in shown_messages[-1]


def test_targets_are_drawn_dashed_and_set_per_year(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = _section(qtbot, workspace)
    indicator = _select(section, TYPED)
    assert section.detail.target_button.text() == "Obiettivo 2026…"

    def answer(dialog: TargetDialog) -> int:
        dialog.value.setText("60")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(TargetDialog, "exec", answer)
    section.detail.target_button.click()
    assert workspace.indicators.targets(indicator.id) == {2026: Decimal("60")}
    chart = section.detail.chart
    (line,) = chart.targets  # one flat line across 2026's periods so far, T1 and T2
    assert chart.target_points() == [(pytest.approx(7.6), 60.0), (pytest.approx(9.4), 60.0)]
    assert line.pen().style() == Qt.PenStyle.DashLine
    workspace.indicators.set_target(indicator.id, 2025, Decimal("50"))
    section.reload()
    assert [p[1] for p in chart.target_points()] == [50.0, 50.0, 60.0, 60.0]
    section.show()
    legend = chart.chart.legend()
    shown = [m.label() for m in legend.markers() if m.isVisible()]
    assert shown == ["Valore", "Obiettivo"]
    assert _column(section, 5)[_column(section, 1).index(TYPED)] == "60 %"
    assert section.detail.targets.index(0, 0).data() == "2026"

    dialog = TargetDialog(workspace, indicator, 2026, Decimal("60"))
    qtbot.addWidget(dialog)
    assert dialog.value.text() == "60"
    dialog.value.setText("")
    dialog.save()
    assert workspace.indicators.targets(indicator.id) == {2025: Decimal("50")}


def test_new_edit_retire_reactivate_and_refused_delete(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, answer_yes, shown_messages
) -> None:
    section = _section(qtbot, workspace)

    def fill(dialog: IndicatorDialog) -> int:
        dialog.save()  # nothing typed: refused under the fields
        assert dialog.form.error_text("area") and dialog.form.error_text("name")
        dialog.area.setText("Comunicazione")
        dialog.name.setText("N. iscritti alla newsletter")
        select_data(dialog.frequency, "semestrale")
        select_data(dialog.metric_choice, Metric.FUNDS_RAISED.value)
        assert dialog.unit.currentData() == "euro" and not dialog.unit.isEnabled()
        select_data(dialog.metric_choice, "")
        select_data(dialog.unit, "numero")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(IndicatorDialog, "exec", fill)
    section.buttons["add"].click()
    added = section.selected_indicator()
    assert added is not None and added.data.name == "N. iscritti alla newsletter"
    assert added.data.frequency == "semestrale" and added.metric is None
    assert len(_column(section, 1)) == 9

    workspace.indicators.set_target(added.id, 2026, Decimal("300"))
    section.buttons["delete"].click()
    assert "ritiralo invece di eliminarlo" in shown_messages[-1]
    assert section.buttons["retire"].text() == "Ritira…"
    section.buttons["retire"].click()
    assert "N. iscritti alla newsletter" in answer_yes[-1]
    assert workspace.indicators.indicator(added.id).retired_on == TODAY
    assert "N. iscritti alla newsletter" not in _column(section, 1)

    section.show_retired.setChecked(True)
    assert section.select_indicator(added.id)
    row = _column(section, 1).index("N. iscritti alla newsletter")
    muted = section.table.model().index(row, 1).data(Qt.ItemDataRole.ForegroundRole)
    assert muted is not None
    assert section.buttons["retire"].text() == "Riattiva"
    section.buttons["retire"].click()
    assert workspace.indicators.indicator(added.id).retired_on is None

    workspace.indicators.set_target(added.id, 2026, None)
    assert section.select_indicator(added.id)
    section.buttons["delete"].click()
    assert all(i.id != added.id for i in workspace.indicators.indicators(True))


def test_the_models_pass_the_model_tester(qtmodeltester, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    service = workspace.indicators
    indicator = _by_name(workspace, TYPED)
    service.record(indicator.id, 2026, 1, Decimal("30"), today=TODAY)
    workspace.district.add_objective(
        ObjectiveInput(
            "Progetti riusciti",
            target_value=Decimal(60),
            target_unit="%",
            indicator_id=indicator.id,
        )
    )
    model = IndicatorsModel()
    model.set_year_rows(2026, [IndicatorRow(*row) for row in service.overview(2026, TODAY)])
    qtmodeltester.check(model)
    values = PeriodValuesModel()
    series = service.series(indicator.id, 2025, 2026, TODAY)
    values.set_values(indicator.unit, indicator.metric, list(series.values))
    qtmodeltester.check(values)
    progress = ObjectivesProgressModel()
    progress.set_progress(service.indicators(), service.objectives_progress(TODAY))
    qtmodeltester.check(progress)
    assert progress.rowCount() == 1


def test_a_typed_value_is_corrected_and_deleted_from_the_values_table(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, answer_yes
) -> None:
    indicator = _by_name(workspace, TYPED)
    workspace.indicators.record(indicator.id, 2025, 4, Decimal("20"), "prima stima", today=TODAY)
    section = _section(qtbot, workspace)
    _select(section, TYPED)
    detail = section.detail
    labels = [detail.values.index(r, 0).data() for r in range(detail.values.rowCount())]
    detail.value_table.selectRow(labels.index("T4 2025"))

    def correct(dialog: MeasurementDialog) -> int:
        assert dialog.period.currentText() == "T4 2025"
        assert dialog.value.text() == "20" and dialog.note.text() == "prima stima"
        dialog.value.setText("25")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(MeasurementDialog, "exec", correct)
    section.edit_measurement()
    values = workspace.indicators.series(indicator.id, 2025, 2025, TODAY).values
    assert values[-1].value == Decimal("25")
    x = detail.chart.axis_x.categories().index("T4 2025")
    assert detail.chart.value_points() == [(x, 25.0)]

    labels = [detail.values.index(r, 0).data() for r in range(detail.values.rowCount())]
    detail.value_table.selectRow(labels.index("T4 2025"))
    detail.delete_value_button.click()
    assert "T4 2025" in answer_yes[-1]
    assert workspace.indicators.series(indicator.id, 2025, 2025, TODAY).values[-1].value is None
    assert detail.chart.values.count() == 0


def test_qt_charts_is_loaded_only_when_the_section_is_built(tmp_path, desdesk_home) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "des.des"
    create_workspace(path, DistrictProfile(name="DES Prova", kind="tematico", sector=13)).close()
    script = f"""
import sys
from desdesk import settings
from desdesk.services.workspace import open_workspace
from PySide6.QtWidgets import QApplication
from desdesk.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(settings.Preferences())
window.set_workspace(open_workspace({str(path)!r}))
window.show()
app.processEvents()
print("before", "PySide6.QtCharts" in sys.modules)
section = window.show_section("indicators")
print("section", type(section).__name__, section.model.rowCount())
print("after", "PySide6.QtCharts" in sys.modules)
"""
    env = {**os.environ, "DESDESK_HOME": str(desdesk_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "before False",
        "section IndicatorsSection 8",
        "after True",
    ]


def test_the_detail_shows_the_fields_of_the_selected_indicator(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = _section(qtbot, workspace)
    # The section opens on the first indicator, ready to read or edit.
    assert section.selected_indicator() is not None
    assert section.selected_indicator().data.area == "Efficacia delle attività"
    assert section.detail.fields["area"].text() == "Efficacia delle attività"
    assert section.buttons["edit"].isEnabled()
    assert section.detail.chart.axis_y.isVisible()
    section.detail.chart.show_series(None)  # nothing chosen: a title, no empty axes
    assert not section.detail.chart.axis_y.isVisible()
    assert not section.detail.chart.chart.legend().isVisible()
    _select(section, AGREEMENTS)
    fields = section.detail.fields
    assert fields["area"].text() == "Partnership e rete"
    assert fields["frequency"].text() == "Annuale"
    assert fields["how"].text().startswith("calcolato da desdesk")
    assert section.findChild(QLineEdit) is None  # nothing to type in the section itself
