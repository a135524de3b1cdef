"""The Pluriennale tab: year columns (past actuals, this year with its plan in the
tooltip, the forecast), the planned sources, and the initial investments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desdesk.domain.budget_rules import CategoryNode, build_statement
from desdesk.domain.money_enums import BudgetSection, Flow, FundingSource
from desdesk.money_schemas import (
    FinancialYearInput,
    InvestmentInput,
    InvestmentRead,
    MovementInput,
    MultiYearView,
    YearColumn,
)
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.investment import InvestmentDialog
from desdesk.ui.models.multi_year import InvestmentsModel, MultiYearModel, PlannedSourcesModel
from desdesk.ui.widgets.forms import select_data
from desdesk.ui.widgets.multi_year_tab import MultiYearTab

YEAR = date.today().year
A, INV = BudgetSection.GENERAL_INTEREST, BudgetSection.INVESTMENTS
NODES = [
    CategoryNode(1, None, "EA", "Entrate A", A, Flow.INCOME),
    CategoryNode(2, 1, "EA1", "Quote", A, Flow.INCOME),
    CategoryNode(3, None, "UA", "Uscite A", A, Flow.EXPENSE),
    CategoryNode(4, 3, "UA1", "Servizi", A, Flow.EXPENSE),
    CategoryNode(5, None, "UI", "Investimenti", INV, Flow.EXPENSE),
    CategoryNode(6, 5, "UI1", "Attrezzature", INV, Flow.EXPENSE),
]


def _column(kind: str, year: int, planned: dict[int, str], actual: dict[int, str]) -> YearColumn:
    statement = build_statement(
        NODES,
        {k: Decimal(v) for k, v in planned.items()},
        {k: Decimal(v) for k, v in actual.items()},
    )
    sources = (
        {FundingSource.MEMBER_FEES: Decimal(planned.get(2, "0"))} if kind == "previsione" else {}
    )
    return YearColumn(year, kind, statement, sources)


def _label_rows(model: MultiYearModel) -> dict[str, int]:
    """Row of each label; a section's label is its Entrate row (the first one)."""
    rows: dict[str, int] = {}
    for row in range(model.rowCount()):
        rows.setdefault(model.headerData(row, Qt.Orientation.Vertical), row)
    return rows


def test_models_on_a_hand_made_view(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    view = MultiYearView(
        current_year=2026,
        columns=(
            _column("consuntivo", 2025, {}, {2: "900", 4: "1000"}),
            _column("corrente", 2026, {2: "1200", 4: "1100"}, {2: "1000", 4: "400"}),
            _column("previsione", 2027, {2: "1500", 4: "1300", 6: "500"}, {}),
        ),
        investments=(
            InvestmentRead(1, InvestmentInput("Furgone", Decimal("8000"), 2026, "ente_pubblico")),
        ),
    )
    model = MultiYearModel()
    model.set_view(view)
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["2025 consuntivo", "2026 corrente", "2027 previsione"]
    rows = _label_rows(model)
    income = rows["A) Attività di interesse generale"]  # the first one is under Entrate
    assert [model.index(income, c).data() for c in range(3)] == [
        "900,00\xa0€",
        "1.000,00\xa0€",
        "1.500,00\xa0€",
    ]
    assert model.index(income, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Consuntivo 1.000,00\xa0€ · previsto 1.200,00\xa0€"
    )
    overall = rows["Avanzo/disavanzo complessivo"]
    assert [model.value(overall, c) for c in range(3)] == [
        Decimal(-100),
        Decimal(600),
        Decimal(-300),
    ]
    red = model.index(overall, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color().name() == "#b00020"
    assert model.index(overall, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.value(rows["Uscite per investimenti"], 2) == Decimal(500)
    assert model.index(rows["Entrate"], 0).data() is None

    sources = PlannedSourcesModel()
    sources.set_view(view)
    qtmodeltester.check(sources)
    assert sources.columnCount() == 1
    fees_row = [
        sources.headerData(r, Qt.Orientation.Vertical) for r in range(sources.rowCount())
    ].index("Quote dei membri")
    assert sources.value(fees_row, 0) == Decimal(1500)
    assert sources.index(sources.rowCount() - 1, 0).data() == "1.500,00\xa0€"

    investments = InvestmentsModel()
    investments.set_rows(view.investments)
    qtmodeltester.check(investments)
    assert [investments.index(0, c).data() for c in range(4)] == [
        "Furgone",
        "2026",
        "8.000,00\xa0€",
        "Ente pubblico",
    ]


# -- with the district's services --------------------------------------------------------


def _leaf(workspace: Workspace, code: str) -> int:
    return next(c.id for c in workspace.budget.categories() if c.code == code)


def _district_with_history(workspace: Workspace) -> None:
    """Two past years of actuals, this year's plan and actuals, next year's plan."""
    budget = workspace.budget
    donations, services = _leaf(workspace, "EA4"), _leaf(workspace, "UA2")
    for year, income, spent in ((YEAR - 2, "800.00", "500.00"), (YEAR - 1, "950.00", "1000.00")):
        budget.open_year(FinancialYearInput(year=year))
        budget.add_movement(MovementInput(date(year, 5, 2), Decimal(income), donations))
        budget.add_movement(MovementInput(date(year, 6, 3), Decimal(spent), services))
    budget.open_year(FinancialYearInput(year=YEAR))
    budget.set_plan(YEAR, {donations: Decimal("1200.00"), services: Decimal("700.00")})
    budget.add_movement(MovementInput(date(YEAR, 2, 1), Decimal("300.00"), donations))
    budget.set_plan(YEAR + 1, {donations: Decimal("2000.00"), services: Decimal("1500.00")})


def _tab(qtbot, workspace: Workspace) -> MultiYearTab:  # type: ignore[no-untyped-def]
    tab = MultiYearTab(workspace)
    qtbot.addWidget(tab)
    tab.set_year(YEAR)
    return tab


def test_columns_and_values_for_two_past_years_and_a_plan(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    _district_with_history(populated)
    tab = _tab(qtbot, populated)
    model = tab.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:4] == [
        f"{YEAR - 2} consuntivo",
        f"{YEAR - 1} consuntivo",
        f"{YEAR} corrente",
        f"{YEAR + 1} previsione",
    ]
    assert all(h.endswith("previsione") for h in headers[3:])
    rows = _label_rows(model)
    income = rows["A) Attività di interesse generale"]
    assert [model.value(income, c) for c in range(4)] == [
        Decimal("800.00"),
        Decimal("950.00"),
        Decimal("300.00"),
        Decimal("2000.00"),
    ]
    tooltip = model.index(income, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "1.200,00" in tooltip and "300,00" in tooltip
    overall = rows["Avanzo/disavanzo complessivo"]
    assert [model.value(overall, c) for c in range(4)] == [
        Decimal("300.00"),
        Decimal("-50.00"),
        Decimal("300.00"),
        Decimal("500.00"),
    ]
    planned = tab.sources_model
    headers = [
        planned.headerData(c, Qt.Orientation.Horizontal) for c in range(planned.columnCount())
    ]
    assert headers[0] == str(YEAR + 1)
    donations_row = [
        planned.headerData(r, Qt.Orientation.Vertical) for r in range(planned.rowCount())
    ].index("Erogazioni liberali")
    assert planned.value(donations_row, 0) == Decimal("2000.00")


def test_add_edit_and_delete_an_investment(qtbot, populated: Workspace, answer_yes) -> None:  # type: ignore[no-untyped-def]
    populated.budget.open_year(FinancialYearInput(year=YEAR))
    tab = _tab(qtbot, populated)
    assert tab.investments_model.rowCount() == 0 and not tab.edit_button.isEnabled()

    def fill(dialog: InvestmentDialog) -> None:
        dialog.save()
        assert dialog.result() == 0 and dialog.form.error_text("description")
        dialog.description.setText("Bilancia e banco frigo per il mercato")
        dialog.amount.setText("3.450,00")
        select_data(dialog.source, "ente_pubblico")
        dialog.save()

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, InvestmentDialog)
        fill(dialog)

    QTimer.singleShot(0, run)
    with qtbot.waitSignal(tab.changed, timeout=3000):
        tab.add_button.click()
    (investment,) = populated.budget.investments()
    assert investment.data.amount == Decimal("3450.00") and investment.data.year == YEAR
    assert investment.data.source == "ente_pubblico"
    model = tab.investments_model
    assert [model.index(0, c).data() for c in range(4)] == [
        "Bilancia e banco frigo per il mercato",
        str(YEAR),
        "3.450,00\xa0€",
        "Ente pubblico",
    ]
    assert "3.450,00" in tab.investments_total.text()

    tab.investments_table.selectRow(0)
    edit = InvestmentDialog(populated, tab.selected(), YEAR, tab)
    qtbot.addWidget(edit)
    assert edit.amount.text() == "3.450,00"
    edit.amount.setText("3.000")
    edit.save()
    assert populated.budget.investments()[0].data.amount == Decimal("3000.00")

    tab.refresh()
    tab.investments_table.selectRow(0)
    tab.delete_button.click()
    assert "Bilancia" in answer_yes[0]
    assert populated.budget.investments() == []
    assert tab.investments_model.rowCount() == 0
