"""Bilancio on screen: a save reloads only the tabs showing what it wrote, and a hidden
tab waits until it is shown; the movement search filters once per keystroke."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.services.workspace import Workspace
from desdesk.ui.models.budget_statement import ACTUAL, PLANNED
from desdesk.ui.sections.budget import BudgetSection

TODAY = date(2026, 5, 4)


def category_id(ws: Workspace, code: str) -> int:
    return next(c.id for c in ws.budget.categories() if c.code == code)


@pytest.fixture
def shown(qtbot: QtBot, workspace: Workspace) -> BudgetSection:
    workspace.budget.open_year(FinancialYearInput(year=2026))
    section = BudgetSection(workspace, today=TODAY)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitExposed(section)
    return section


def count_refreshes(section: BudgetSection, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each tab loads its data from now on."""
    counts: dict[str, int] = {}
    for role, view in section._views().items():
        counts[role] = 0
        original = view.refresh

        def counted(original: Any = original, role: str = role) -> None:
            counts[role] += 1
            original()

        monkeypatch.setattr(view, "refresh", counted)
    return counts


def test_a_typed_plan_reloads_neither_movements_nor_fees(
    shown: BudgetSection, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ea8 = category_id(workspace, "EA8")
    counts = count_refreshes(shown, monkeypatch)
    model = shown.statement_view.model
    assert model.setData(model.index(model.row_of(ea8), PLANNED), "1.000,00")
    assert workspace.budget.plan(2026) == {ea8: Decimal("1000.00")}
    assert counts == {"statement": 1, "movements": 0, "FeesTab": 0, "MultiYearTab": 0}
    assert shown.stale_tabs == {
        "statement": False, "movements": False, "FeesTab": False, "MultiYearTab": True,
    }  # fmt: skip
    # The multi-year view catches up when shown, once.
    multi = shown.other_tabs["MultiYearTab"]
    shown.tabs.setCurrentWidget(multi)
    assert not shown.stale_tabs["MultiYearTab"]
    assert counts["MultiYearTab"] == 1
    shown.tabs.setCurrentWidget(shown.statement_view)
    shown.tabs.setCurrentWidget(multi)  # nothing changed meanwhile: not loaded again
    assert counts == {"statement": 1, "movements": 0, "FeesTab": 0, "MultiYearTab": 1}


def test_a_movement_saved_reaches_the_hidden_statement_when_it_is_shown(
    shown: BudgetSection, workspace: Workspace
) -> None:
    ea8 = category_id(workspace, "EA8")
    shown.tabs.setCurrentWidget(shown.movements_view)
    workspace.budget.add_movement(
        MovementInput(date=date(2026, 3, 2), amount=Decimal("40.00"), category_id=ea8)
    )
    shown.movements_view._saved()  # what the movement dialog's save does
    assert shown.stale_tabs["statement"] and shown.stale_tabs["FeesTab"]
    model = shown.statement_view.model
    assert model.index(model.row_of(ea8), ACTUAL).data() == ""  # not reloaded while hidden
    shown.tabs.setCurrentWidget(shown.statement_view)
    assert model.index(model.row_of(ea8), ACTUAL).data() == "40,00\xa0€"
    assert not shown.stale_tabs["statement"]


def test_another_year_loads_only_the_tab_shown(
    shown: BudgetSection, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.budget.open_year(FinancialYearInput(year=2027))
    shown.refresh()
    counts = count_refreshes(shown, monkeypatch)
    shown.select_year(2027)
    assert shown.statement_view.year == 2027
    assert counts["movements"] == 0 and shown.stale_tabs["movements"]
    shown.tabs.setCurrentWidget(shown.movements_view)
    assert shown.movements_view.year == 2027 and counts["movements"] == 1


def test_the_search_filters_once_per_keystroke(
    shown: BudgetSection, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ea8 = category_id(workspace, "EA8")
    for n, text in enumerate(("Affitto", "Cancelleria", "Affitto sala")):
        workspace.budget.add_movement(
            MovementInput(date=date(2026, 3, n + 1), amount=Decimal(10), category_id=ea8,
                          description=text)
        )  # fmt: skip
    view = shown.movements_view
    shown.tabs.setCurrentWidget(view)
    view.reload()
    passes: list[int] = []
    original = view.proxy.refilter

    def counted() -> None:
        passes.append(1)
        original()

    monkeypatch.setattr(view.proxy, "refilter", counted)
    view.search.setText("a")
    view.search.setText("af")
    assert len(passes) == 2
    assert view.proxy.rowCount() == 2
    view.flow.setCurrentIndex(2)  # Uscite: one more pass, none of them
    assert len(passes) == 3 and view.proxy.rowCount() == 0
