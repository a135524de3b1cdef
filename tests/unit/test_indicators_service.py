"""The indicators service on a real district file: defaults, editing rules, targets,
typed measurements, series, the yearly overview and objectives' progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desdesk.domain.budget_defaults import DEFAULT_INDICATORS
from desdesk.domain.errors import Conflict, NotFound, ValidationFailed
from desdesk.domain.money_enums import Frequency, IndicatorUnit, Metric
from desdesk.money_schemas import IndicatorInput
from desdesk.schemas import ObjectiveInput
from desdesk.services.workspace import Workspace

TODAY = date(2026, 11, 26)


def _typed(workspace: Workspace, frequency: Frequency = Frequency.QUARTERLY) -> int:
    return workspace.indicators.add(
        IndicatorInput(
            "Coinvolgimento",
            "Ore di volontariato",
            frequency.value,
            responsible="Coordinatore volontari",
            data_source="Registro presenze",
            unit=IndicatorUnit.NUMBER.value,
        )
    )


def _by_name(workspace: Workspace, name: str) -> int:
    return next(i.id for i in workspace.indicators.indicators() if i.data.name == name)


def test_a_new_district_has_the_eight_default_indicators(workspace: Workspace) -> None:
    rows = workspace.indicators.indicators()
    assert len(rows) == 8
    for row, default in zip(rows, DEFAULT_INDICATORS, strict=True):
        assert row.data.area == default.area
        assert row.data.name == default.name
        assert row.frequency is default.frequency
        assert row.data.responsible == default.responsible
        assert row.data.data_source == default.data_source
        assert row.unit is default.unit
        assert row.metric is default.metric
        assert row.retired_on is None
    assert [r.position for r in rows] == list(range(8))
    by_area = {r.data.area: r for r in rows}
    assert by_area["Efficienza economica"].metric is Metric.STRUCTURE_COST_SHARE
    assert by_area["Raccolta fondi"].frequency is Frequency.QUARTERLY
    assert by_area["Coinvolgimento volontari"].frequency is Frequency.HALF_YEARLY
    assert by_area["Partnership e rete"].data.responsible == "Direzione"
    assert not by_area["Soddisfazione beneficiari"].computed


def test_add_trims_places_last_and_a_computed_one_takes_its_metrics_unit(
    workspace: Workspace,
) -> None:
    new = workspace.indicators.add(
        IndicatorInput(
            "  Governance ", " Presenza media ", unit="euro", metric=Metric.ATTENDANCE_RATE.value
        )
    )
    read = workspace.indicators.indicator(new)
    assert (read.data.area, read.data.name) == ("Governance", "Presenza media")
    assert read.unit is IndicatorUnit.PERCENT
    assert read.computed
    assert read.position == 8
    assert workspace.indicators.indicators()[-1].id == new


def test_add_refuses_missing_text_and_unknown_codes(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as refused:
        workspace.indicators.add(IndicatorInput(" ", "", "mensile", unit="litri"))
    fields = {p.field for p in refused.value.problems}
    assert fields == {"area", "name", "frequency", "unit"}
    with pytest.raises(ValidationFailed) as refused:
        workspace.indicators.add(IndicatorInput("Rete", "Altro", metric="inventato"))
    assert refused.value.for_field("metric")
    assert len(workspace.indicators.indicators()) == 8


def test_update_changes_the_fields(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    workspace.indicators.update(
        indicator,
        IndicatorInput("Volontari", "Ore donate", "semestrale", "Tesoriere", "Fogli firma", "numero"),
    )  # fmt: skip
    read = workspace.indicators.indicator(indicator)
    assert read.frequency is Frequency.HALF_YEARLY
    assert (read.data.responsible, read.data.data_source) == ("Tesoriere", "Fogli firma")


def test_update_refuses_a_new_frequency_or_a_metric_once_values_are_typed(
    workspace: Workspace,
) -> None:
    indicator = _typed(workspace)
    workspace.indicators.record(indicator, 2026, 1, Decimal(120), today=TODAY)
    data = workspace.indicators.indicator(indicator).data
    with pytest.raises(Conflict, match="frequenza"):
        workspace.indicators.update(indicator, IndicatorInput(data.area, data.name, "annuale"))
    computed = IndicatorInput(data.area, data.name, data.frequency, metric="obiettivi_attivi")
    with pytest.raises(Conflict, match="calcolare"):
        workspace.indicators.update(indicator, computed)
    assert workspace.indicators.indicator(indicator).frequency is Frequency.QUARTERLY
    # The name may still change.
    workspace.indicators.update(indicator, IndicatorInput(data.area, "Ore", data.frequency))
    assert workspace.indicators.indicator(indicator).data.name == "Ore"


def test_retire_and_reactivate(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    workspace.indicators.retire(indicator, date(2026, 6, 30))
    assert indicator not in [i.id for i in workspace.indicators.indicators()]
    retired = [
        i for i in workspace.indicators.indicators(include_retired=True) if i.id == indicator
    ]
    assert retired[0].retired_on == date(2026, 6, 30)
    with pytest.raises(Conflict, match="30/06/2026"):
        workspace.indicators.retire(indicator, date(2026, 7, 1))
    # Values of the periods it was still in use are accepted, later ones are not.
    workspace.indicators.record(indicator, 2026, 2, Decimal(10), today=TODAY)
    with pytest.raises(Conflict, match="ritirato"):
        workspace.indicators.record(indicator, 2026, 3, Decimal(10), today=TODAY)
    workspace.indicators.reactivate(indicator)
    assert workspace.indicators.indicator(indicator).retired_on is None
    assert indicator in [i.id for i in workspace.indicators.indicators()]
    workspace.indicators.record(indicator, 2026, 3, Decimal(10), today=TODAY)


def test_delete_only_without_history_and_objectives_lose_the_link(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    workspace.indicators.record(indicator, 2026, 1, Decimal(5), today=TODAY)
    workspace.indicators.set_target(indicator, 2026, Decimal(50))
    with pytest.raises(Conflict, match="1 misurazione e 1 obiettivo annuale: ritiralo"):
        workspace.indicators.delete(indicator)
    workspace.indicators.delete_measurement(indicator, 2026, 1)
    workspace.indicators.set_target(indicator, 2026, None)
    objective = workspace.district.add_objective(
        ObjectiveInput("Più volontari", indicator_id=indicator)
    )
    workspace.indicators.delete(indicator)
    with pytest.raises(NotFound):
        workspace.indicators.indicator(indicator)
    assert workspace.district.objectives()[0].id == objective
    assert workspace.district.objectives()[0].data.indicator_id is None


def test_an_objective_links_only_to_an_existing_indicator(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as refused:
        workspace.district.add_objective(ObjectiveInput("Obiettivo", indicator_id=9999))
    assert refused.value.for_field("indicator_id")
    objective = workspace.district.add_objective(ObjectiveInput("Obiettivo"))
    with pytest.raises(ValidationFailed):
        workspace.district.update_objective(
            objective, ObjectiveInput("Obiettivo", indicator_id=9999)
        )
    indicator = _typed(workspace)
    workspace.district.update_objective(
        objective, ObjectiveInput("Obiettivo", indicator_id=indicator)
    )
    assert workspace.district.objectives()[0].data.indicator_id == indicator


def test_targets_set_replace_and_remove(workspace: Workspace) -> None:
    fees = _by_name(workspace, "€ raccolti vs obiettivo")
    workspace.indicators.set_target(fees, 2026, Decimal("5000"))
    workspace.indicators.set_target(fees, 2026, Decimal("6000.50"))
    workspace.indicators.set_target(fees, 2027, Decimal("7000"))
    assert workspace.indicators.targets(fees) == {2026: Decimal("6000.50"), 2027: Decimal(7000)}
    assert workspace.indicators.series(fees, 2026, 2026, today=TODAY).targets == {
        2026: Decimal("6000.50")
    }
    workspace.indicators.set_target(fees, 2027, None)
    assert workspace.indicators.targets(fees) == {2026: Decimal("6000.50")}


def test_targets_refuse_negative_values_and_percentages_over_100(workspace: Workspace) -> None:
    share = _by_name(workspace, "% costi di struttura sul totale spese")
    with pytest.raises(ValidationFailed, match="negativo"):
        workspace.indicators.set_target(share, 2026, Decimal(-1))
    with pytest.raises(ValidationFailed, match="100"):
        workspace.indicators.set_target(share, 2026, Decimal("100.1"))
    with pytest.raises(ValidationFailed, match="Anno"):
        workspace.indicators.set_target(share, 26, Decimal(10))
    workspace.indicators.set_target(share, 2026, Decimal(100))
    assert workspace.indicators.targets(share) == {2026: Decimal(100)}


def test_record_is_an_upsert_and_the_series_shows_it(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    workspace.indicators.record(indicator, 2026, 2, Decimal(40), "prima stima", today=TODAY)
    workspace.indicators.record(
        indicator, 2026, 2, Decimal("42.5"), " conteggio finale ", today=TODAY
    )
    workspace.indicators.record(indicator, 2025, 4, Decimal(30), today=TODAY)
    found = workspace.indicators.series(indicator, 2025, 2026, today=TODAY)
    assert [v.label for v in found.values] == [
        "T1 2025", "T2 2025", "T3 2025", "T4 2025", "T1 2026", "T2 2026", "T3 2026", "T4 2026",
    ]  # fmt: skip
    assert [v.value for v in found.values] == [
        None, None, None, Decimal(30), None, Decimal("42.5"), None, None,
    ]  # fmt: skip
    assert found.values[5].note == "conteggio finale"
    assert not any(v.computed for v in found.values)


def test_the_series_stops_at_todays_period(workspace: Workspace) -> None:
    indicator = _typed(workspace, Frequency.HALF_YEARLY)
    found = workspace.indicators.series(indicator, 2026, 2028, today=date(2026, 6, 30))
    assert [v.label for v in found.values] == ["S1 2026"]
    assert workspace.indicators.series(indicator, 2027, 2026, today=TODAY).values == ()


def test_record_refuses_computed_indicators(workspace: Workspace) -> None:
    computed = _by_name(workspace, "% costi di struttura sul totale spese")
    with pytest.raises(Conflict, match="calcolato da desdesk"):
        workspace.indicators.record(computed, 2025, 1, Decimal(20), today=TODAY)


def test_record_refuses_periods_out_of_range_or_not_begun(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    for period in (0, 5):
        with pytest.raises(ValidationFailed) as refused:
            workspace.indicators.record(indicator, 2026, period, Decimal(1), today=TODAY)
        assert "da 1 a 4" in (refused.value.for_field("period") or "")
    yearly = _typed(workspace, Frequency.YEARLY)
    with pytest.raises(ValidationFailed, match="da 1 a 1"):
        workspace.indicators.record(yearly, 2026, 2, Decimal(1), today=TODAY)
    with pytest.raises(ValidationFailed, match="T1 2027 non è ancora iniziato"):
        workspace.indicators.record(indicator, 2027, 1, Decimal(1), today=TODAY)
    with pytest.raises(ValidationFailed, match="negativo"):
        workspace.indicators.record(indicator, 2026, 1, Decimal(-3), today=TODAY)
    values = workspace.indicators.series(indicator, 2026, 2026, today=TODAY).values
    assert all(v.value is None for v in values)


def test_delete_measurement(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    workspace.indicators.record(indicator, 2026, 1, Decimal(7), today=TODAY)
    workspace.indicators.delete_measurement(indicator, 2026, 1)
    assert workspace.indicators.series(indicator, 2026, 2026, today=TODAY).values[0].value is None
    with pytest.raises(NotFound):
        workspace.indicators.delete_measurement(indicator, 2026, 1)


def test_overview_gives_target_and_latest_value_of_the_year(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    workspace.indicators.record(indicator, 2026, 1, Decimal(10), today=TODAY)
    workspace.indicators.record(indicator, 2026, 3, Decimal(25), today=TODAY)
    workspace.indicators.set_target(indicator, 2026, Decimal(100))
    retired = _by_name(workspace, "Punteggio medio questionari di gradimento")
    workspace.indicators.retire(retired, date(2025, 12, 31))
    rows = workspace.indicators.overview(2026, today=TODAY)
    assert retired not in [r.id for r, _t, _v in rows]
    assert len(rows) == 8  # seven defaults still in use and the new one
    row = next(r for r in rows if r[0].id == indicator)
    assert row[1] == Decimal(100)
    assert row[2] is not None and (row[2].label, row[2].value) == ("T3 2026", Decimal(25))
    # In 2025 the retired one was still in use.
    assert retired in [r.id for r, _t, _v in workspace.indicators.overview(2025, today=TODAY)]


def test_objectives_progress_uses_the_linked_indicators_latest_value(workspace: Workspace) -> None:
    indicator = _typed(workspace)
    workspace.indicators.record(indicator, 2026, 1, Decimal(60), today=TODAY)
    workspace.indicators.record(indicator, 2026, 2, Decimal(150), today=TODAY)
    linked = workspace.district.add_objective(
        ObjectiveInput(
            "Duecento ore di volontariato",
            target_value=Decimal(200),
            target_unit="ore",
            deadline=date(2026, 12, 31),
            status="in_corso",
            indicator_id=indicator,
        )
    )
    workspace.district.add_objective(ObjectiveInput("Senza indicatore"))
    progress = workspace.indicators.objectives_progress(today=TODAY)
    assert len(progress) == 1
    item = progress[0]
    assert (item.objective_id, item.title, item.indicator_id) == (
        linked, "Duecento ore di volontariato", indicator,
    )  # fmt: skip
    assert item.target_value == Decimal(200)
    assert item.deadline == date(2026, 12, 31)
    assert item.current == Decimal(150)
    assert item.progress_percent == Decimal("75.0")


def test_a_unit_change_must_fit_the_values_and_targets_already_there(
    workspace: Workspace,
) -> None:
    indicator = _typed(workspace)
    workspace.indicators.record(indicator, 2025, 3, Decimal(120), today=TODAY)
    workspace.indicators.record(indicator, 2026, 1, Decimal(80), today=TODAY)
    workspace.indicators.set_target(indicator, 2026, Decimal(150))
    data = workspace.indicators.indicator(indicator).data
    percent = IndicatorInput(data.area, data.name, data.frequency, unit="percentuale")
    with pytest.raises(ValidationFailed) as refused:
        workspace.indicators.update(indicator, percent)
    (problem,) = refused.value.problems
    assert problem.field == "unit"
    assert "T3 2025: 120" in problem.message and "obiettivo 2026: 150" in problem.message
    assert "T1 2026" not in problem.message
    assert workspace.indicators.indicator(indicator).unit is IndicatorUnit.NUMBER
    # Euro or a score take them; corrected, the percentage is accepted too.
    workspace.indicators.update(
        indicator, IndicatorInput(data.area, data.name, data.frequency, unit="euro")
    )
    workspace.indicators.record(indicator, 2025, 3, Decimal(95), today=TODAY)
    workspace.indicators.set_target(indicator, 2026, Decimal(90))
    workspace.indicators.update(indicator, percent)
    assert workspace.indicators.indicator(indicator).unit is IndicatorUnit.PERCENT
