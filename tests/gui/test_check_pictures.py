"""Verifica › Quadro d'insieme on a small district: each picture shows the right data."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QHelpEvent
from PySide6.QtWidgets import QToolTip

from desdesk.domain.enums import AttendanceStatus, OfficeKind
from desdesk.money_schemas import FinancialYearInput
from desdesk.services.check_pictures import Count, TermState
from desdesk.services.workspace import Workspace
from desdesk.ui.models.check_pictures import EMPTY_STAGE, STATUS_COLOURS
from desdesk.ui.widgets.check_gauge import NEEDLE_OK, NEEDLE_OVER
from desdesk.ui.widgets.check_pictures import MAX_BARS, BarChart, CheckPictures
from tests.check_pictures_district import TODAY, A, D, J, P, S, build
from tests.roll_call_setup import set_rules

_ROLE = Qt.ItemDataRole


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, int]:
    return build(workspace)


@pytest.fixture
def pictures(qtbot, workspace: Workspace, ids: dict[str, int]) -> CheckPictures:  # type: ignore[no-untyped-def]
    widget = CheckPictures(workspace)
    qtbot.addWidget(widget)
    widget.today = TODAY
    widget.refresh()
    widget.resize(1100, 900)
    widget.show()
    return widget


def _background(model, row: int, column: int) -> str | None:  # type: ignore[no-untyped-def]
    brush = model.data(model.index(row, column), _ROLE.BackgroundRole)
    return brush.color().name() if isinstance(brush, QBrush) else None


def test_bars_count_active_members_by_nature_and_form(pictures: CheckPictures) -> None:
    assert pictures.nature_chart.counts() == {
        "Pubblico": 1,
        "Privato profit": 1,
        "Privato non profit": 2,
    }
    forms = pictures.form_chart.counts()
    assert sorted(forms.values()) == [1, 1, 2] and sum(forms.values()) == 4
    assert "Comune" in forms
    assert "4 aderenti attivi" in pictures.mix_panel.accessibleDescription()


def test_coverage_ticks_counts_and_the_empty_stages(qtmodeltester, pictures: CheckPictures) -> None:  # type: ignore[no-untyped-def]
    model = pictures.coverage_model
    qtmodeltester.check(model)
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == [
        "Comune di Mori",
        "Cooperativa Alfa",
        "Cooperativa Beta",
        "Maso Pilati",
        "Aderenti per fase",
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Aderente", "Finanziamento", "Produzione", "Distribuzione", "Consumo"]
    alfa = [model.data(model.index(1, c)) for c in range(1, 5)]
    assert alfa == ["", "✓", "", "✓"]
    assert [model.data(model.index(4, c)) for c in range(1, 5)] == ["0", "3", "0", "2"]
    amber = EMPTY_STAGE.name()
    assert [_background(model, 0, c) for c in range(1, 5)] == [amber, None, amber, None]
    header_brush = model.headerData(3, Qt.Orientation.Horizontal, _ROLE.BackgroundRole)
    assert header_brush.color().name() == amber
    assert (
        "nessun aderente copre"
        in model.headerData(1, Qt.Orientation.Horizontal, _ROLE.ToolTipRole).lower()
    )
    assert model.headerData(2, Qt.Orientation.Horizontal, _ROLE.ToolTipRole) is None
    assert "Finanziamento, Distribuzione" in pictures.coverage_panel.accessibleDescription()


def test_heatmap_colours_statuses_and_marks_the_flagged(
    qtmodeltester, pictures: CheckPictures, ids: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    model = pictures.participation_model
    qtmodeltester.check(model)
    assert model.columnCount() == 4
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 4)] == [
        "10/03",
        "10/06",
        "10/10",
    ]
    rows = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
    assert set(rows) == {
        "⚠ Comune di Mori",
        "Cooperativa Alfa",
        "Cooperativa Beta",
        "Maso Pilati",
        "Zeta Uscita",
    }
    expected: dict[str, list[AttendanceStatus | None]] = {
        "Cooperativa Alfa": [P, S, D],
        "Cooperativa Beta": [J, None, P],
        "⚠ Comune di Mori": [P, A, A],
        "Maso Pilati": [None, None, None],
    }
    for name, statuses in expected.items():
        colours = [_background(model, rows[name], c) for c in range(1, 4)]
        assert colours == [STATUS_COLOURS[s].name() for s in statuses], name
    beta = rows["Cooperativa Beta"]
    assert model.data(model.index(beta, 1), _ROLE.ToolTipRole) == (
        "Cooperativa Beta, 10/03/2026: assente giustificato"
    )
    assert "non registrato" in model.data(model.index(beta, 2), _ROLE.ToolTipRole)
    gone = rows["Zeta Uscita"]  # left on 30/04/2026: only the first assembly is hers
    assert _background(model, gone, 1) == STATUS_COLOURS[A].name()
    assert _background(model, gone, 2) is None and model.data(model.index(gone, 2)) is None
    description = pictures.participation_panel.accessibleDescription()
    assert description == (
        "3 assemblee svolte negli ultimi 12 mesi, 5 aderenti convocati. "
        "Oltre la soglia di esclusione: Comune di Mori."
    )


def test_gauge_shows_the_public_share_over_the_threshold(
    workspace: Workspace, pictures: CheckPictures
) -> None:
    gauge = pictures.gauge
    assert (gauge.value, gauge.threshold, gauge.over_threshold) == (75.0, 70, True)
    assert gauge.needle_colour == NEEDLE_OVER and gauge.caption() == "75 %"
    assert "supera la soglia" in gauge.accessibleDescription()
    assert not gauge.grab().isNull()
    set_rules(workspace, public_share_warning_percent=80)
    pictures.refresh()
    assert (gauge.threshold, gauge.over_threshold, gauge.needle_colour) == (80, False, NEEDLE_OK)


def test_gauge_without_income(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.budget.open_year(FinancialYearInput(2026))
    widget = CheckPictures(workspace)
    qtbot.addWidget(widget)
    widget.today = TODAY
    widget.refresh()
    assert widget.gauge.value is None and widget.gauge.caption() == "nessuna entrata"
    assert not widget.gauge.over_threshold
    assert not widget.gauge.grab().isNull()
    assert widget.coverage_model.rowCount() == 1  # only the count row
    assert widget.participation_model.rowCount() == 0
    assert widget.participation_panel.accessibleDescription() == (
        "Nessuna assemblea svolta negli ultimi 12 mesi."
    )
    assert "Nessuna entrata registrata" in widget.money_panel.accessibleDescription()
    assert "Nessuna carica" in widget.timeline.accessibleDescription()


def test_timeline_bars_and_the_expiring_term(pictures: CheckPictures) -> None:
    bars = pictures.timeline.bars
    assert [(b.term.kind, b.term.person, b.state) for b in bars] == [
        (OfficeKind.COORDINATOR, "Mario Rossi", TermState.ENDED),
        (OfficeKind.COORDINATOR, "Anna Zeni", TermState.EXPIRING),
        (OfficeKind.TREASURER, "Luca Pilati", TermState.CURRENT),
    ]
    assert [b.colour.name() for b in bars] == ["#a6a6a6", "#f0a500", "#1f5f8b"]
    assert bars[0].rect.right() <= bars[1].rect.left() + 1  # one after the other
    assert all(b.rect.width() > 3 for b in bars)
    description = pictures.timeline.accessibleDescription()
    assert "Anna Zeni, dal 01/01/2026 al 31/12/2026 (in scadenza)" in description
    assert not pictures.timeline.grab().isNull()


def test_refresh_follows_changes(pictures: CheckPictures, workspace: Workspace) -> None:
    from tests.roll_call_setup import add_members

    add_members(
        workspace, ["Banca Etica Filiale"], date(2025, 1, 1), supply_chain_roles=["finanziamento"]
    )
    pictures.refresh()
    model = pictures.coverage_model
    last = model.rowCount() - 1
    assert model.data(model.index(last, 1)) == "1"
    assert _background(model, 0, 1) is None
    assert pictures.coverage_panel.accessibleDescription() == "Fasi scoperte: Distribuzione."


def test_many_legal_forms_end_in_one_last_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart("Per forma giuridica", horizontal=True)
    qtbot.addWidget(chart)
    chart.set_counts(tuple(Count(f"Forma {n}", 20 - n) for n in range(MAX_BARS + 3)))
    counts = chart.counts()
    assert len(counts) == MAX_BARS
    assert counts["Forma 0"] == 20
    # the bars from the seventh on become one
    rest = sum(20 - n for n in range(MAX_BARS - 1, MAX_BARS + 3))
    assert counts["Altre forme"] == rest
    assert sum(counts.values()) == sum(20 - n for n in range(MAX_BARS + 3))


def test_timeline_bar_tooltip_names_the_term(qtbot, pictures: CheckPictures) -> None:  # type: ignore[no-untyped-def]
    timeline = pictures.timeline
    bar = timeline.bars[1]
    centre = bar.rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, timeline.mapToGlobal(centre))
    assert timeline.event(event)
    assert QToolTip.text() == (
        "Coordinatore: Anna Zeni, dal 01/01/2026 al 31/12/2026 (in scadenza)"
    )
