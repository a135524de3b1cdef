"""The Rendiconto tab: the Modello D rows, the Preventivo typed into its cell through the
delegate, the variance following the movements, bad amounts refused with nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

from desdesk.domain.budget_rules import CategoryNode, build_statement
from desdesk.domain.money_enums import Account, BudgetSection, Flow, FundingSource
from desdesk.money_schemas import (
    CashLine,
    FinancialYearInput,
    MovementInput,
    YearStatement,
)
from desdesk.services.workspace import Workspace
from desdesk.ui.models.budget_statement import (
    ACTUAL,
    CATEGORY,
    NEGATIVE,
    PERCENT,
    PLANNED,
    PREVIOUS,
    VARIANCE,
    RowKind,
    StatementModel,
)
from desdesk.ui.widgets.budget_statement import StatementView, source_shares

YEAR = 2026


def category_id(ws: Workspace, code: str) -> int:
    return next(c.id for c in ws.budget.categories() if c.code == code)


def open_year(ws: Workspace, year: int = YEAR) -> None:
    ws.budget.open_year(FinancialYearInput(year=year, opening_bank=Decimal("500.00")))


def statement_view(qtbot, ws: Workspace) -> StatementView:  # type: ignore[no-untyped-def]
    view = StatementView(ws)
    qtbot.addWidget(view)
    view.set_year(YEAR)
    return view


def type_planned(view: StatementView, category: int, text: str) -> bool:
    """Type `text` into the Preventivo cell of `category` through the view's delegate."""
    model = view.model
    index = model.index(model.row_of(category), PLANNED)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    delegate = view.table.itemDelegate()
    editor = delegate.createEditor(view.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QLineEdit)
    delegate.setEditorData(editor, index)
    editor.setText(text)
    before = model.rows()[index.row()]
    delegate.setModelData(editor, model, index)
    return model.rows()[index.row()] != before


def cell(model: StatementModel, category: int, column: int) -> str:
    return str(model.index(model.row_of(category), column).data())


def test_rows_follow_modello_d_with_results_and_previous_year(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    nodes = [
        CategoryNode(1, None, "UA", "A) Uscite da attività di interesse generale", BudgetSection.GENERAL_INTEREST, Flow.EXPENSE),
        CategoryNode(2, 1, "UA1", "Materie prime", BudgetSection.GENERAL_INTEREST, Flow.EXPENSE),
        CategoryNode(3, None, "EA", "A) Entrate da attività di interesse generale", BudgetSection.GENERAL_INTEREST, Flow.INCOME),
        CategoryNode(4, 3, "EA8", "Contributi da enti pubblici", BudgetSection.GENERAL_INTEREST, Flow.INCOME),
        CategoryNode(5, None, "UE", "E) Uscite di supporto generale", BudgetSection.GENERAL_SUPPORT, Flow.EXPENSE, structure_cost=True),
        CategoryNode(6, 5, "UE2", "Servizi", BudgetSection.GENERAL_SUPPORT, Flow.EXPENSE),
    ]  # fmt: skip
    current = build_statement(
        nodes,
        {2: Decimal("1000.00"), 4: Decimal("2000.00")},
        {2: Decimal("1200.00"), 4: Decimal("1500.00"), 6: Decimal("100.00")},
    )
    previous = build_statement(nodes, {}, {4: Decimal("900.00")})
    view = YearStatement(
        YEAR, current, previous,
        (CashLine(Account.BANK, Decimal("10.00"), Decimal("1500.00"), Decimal("1300.00")),),
        {FundingSource.PUBLIC: Decimal("1500.00")}, Decimal("100.0"), Decimal("7.7"),
    )  # fmt: skip
    model = StatementModel()
    model.set_statement(view)
    qtmodeltester.check(model)
    labels = [row.label.strip() for row in model.rows()]
    assert labels[:5] == [
        "A) Uscite da attività di interesse generale",
        "UA1 Materie prime",
        "A) Entrate da attività di interesse generale",
        "EA8 Contributi da enti pubblici",
        "Avanzo/disavanzo A) Attività di interesse generale",
    ]
    assert labels[-1] == "Avanzo/disavanzo complessivo"
    kinds = {row.label.strip(): row.kind for row in model.rows()}
    assert kinds["A) Uscite da attività di interesse generale"] is RowKind.HEADER
    assert kinds["Totale uscite della gestione"] is RowKind.RESULT
    # Uscite 1.200 + 100, entrate 1.500: an avanzo of 200 against a planned 1.000.
    overall = model.index(len(labels) - 1, 0)
    assert model.index(overall.row(), ACTUAL).data() == "200,00\xa0€"
    assert model.index(overall.row(), PLANNED).data() == "1.000,00\xa0€"
    assert model.index(overall.row(), PREVIOUS).data() == "900,00\xa0€"
    # EA8: 1.500 received of 2.000 planned → −500 (red), 75 %.
    assert cell(model, 4, VARIANCE) == "-500,00\xa0€"
    assert model.index(model.row_of(4), VARIANCE).data(Qt.ItemDataRole.ForegroundRole) == NEGATIVE
    assert cell(model, 4, PERCENT) == "75,0 %"
    assert cell(model, 2, PERCENT) == "120,0 %"
    # UA1 spent 200 more than planned: a positive variance, and the bad one for an uscita.
    assert cell(model, 2, VARIANCE) == "200,00\xa0€"
    assert model.index(model.row_of(2), VARIANCE).data(Qt.ItemDataRole.ForegroundRole) == NEGATIVE
    # The overall result fell 800 short of the plan: red too.
    assert model.index(overall.row(), VARIANCE).data(Qt.ItemDataRole.ForegroundRole) == NEGATIVE
    # Headers and results are bold; only leaves are editable.
    header = model.index(0, CATEGORY)
    assert header.data(Qt.ItemDataRole.FontRole).bold()
    assert not model.flags(model.index(0, PLANNED)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(model.row_of(2), PLANNED)) & Qt.ItemFlag.ItemIsEditable
    assert [s.source for s in source_shares(view)] == [FundingSource.PUBLIC]


def test_plan_typed_in_the_cell_and_variance_follows_movements(
    qtbot, workspace: Workspace, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    open_year(workspace)
    ea8, ue2 = category_id(workspace, "EA8"), category_id(workspace, "UE2")
    view = statement_view(qtbot, workspace)
    with qtbot.waitSignal(view.changed):
        assert type_planned(view, ea8, "1.234,56")
    assert type_planned(view, ue2, "400")
    assert workspace.budget.plan(YEAR) == {ea8: Decimal("1234.56"), ue2: Decimal("400.00")}
    assert cell(view.model, ea8, PLANNED) == "1.234,56\xa0€"
    assert cell(view.model, ea8, VARIANCE) == "-1.234,56\xa0€"

    workspace.budget.add_movement(
        MovementInput(date=date(YEAR, 3, 2), amount=Decimal("1000.00"), category_id=ea8)
    )
    view.refresh()
    assert cell(view.model, ea8, ACTUAL) == "1.000,00\xa0€"
    assert cell(view.model, ea8, VARIANCE) == "-234,56\xa0€"
    assert cell(view.model, ea8, PERCENT) == "81,0 %"
    assert "100,0 % — oltre il 70 %" in view.public_share.text()
    assert view.public_share.styleSheet()  # above 70 %: warned in red
    assert view.sources_model.rows()[0].amount == Decimal("1000.00")
    qtmodeltester.check(view.sources_model)
    qtmodeltester.check(view.cash_model)
    bank = next(line for line in view.cash_model.rows() if line.account is Account.BANK)
    assert bank.closing == Decimal("1500.00")

    # Clearing the cell removes the planned amount.
    assert type_planned(view, ue2, "")
    assert workspace.budget.plan(YEAR) == {ea8: Decimal("1234.56")}


def test_a_bad_amount_is_refused_with_a_message_and_nothing_written(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    open_year(workspace)
    ea8 = category_id(workspace, "EA8")
    view = statement_view(qtbot, workspace)
    assert type_planned(view, ea8, "300")
    for text in ("12,3x", "-5,00"):
        assert not type_planned(view, ea8, text)
        assert workspace.budget.plan(YEAR) == {ea8: Decimal("300.00")}
        message = view.message.text()
        assert "EA8 Contributi da enti pubblici" in message
        assert not view.message.isHidden()
    assert "negativo" in message
    assert not view.model.setData(view.model.index(view.model.row_of(ea8), PLANNED), "1.2.3")
    assert "non è un importo valido" in view.message.text()
    assert type_planned(view, ea8, "350,5")
    assert view.message.isHidden()
    assert workspace.budget.plan(YEAR) == {ea8: Decimal("350.50")}


def test_a_closed_year_cannot_be_planned(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    open_year(workspace)
    workspace.budget.close_year(YEAR)
    view = statement_view(qtbot, workspace)
    ea8 = category_id(workspace, "EA8")
    index = view.model.index(view.model.row_of(ea8), PLANNED)
    assert not view.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not view.model.setData(index, "100")
    assert workspace.budget.plan(YEAR) == {}
    assert "chiuso" in view.hint.text()


def test_spending_less_than_planned_is_not_shown_as_a_problem() -> None:
    nodes = [
        CategoryNode(1, None, "UA", "A) Uscite", BudgetSection.GENERAL_INTEREST, Flow.EXPENSE),
        CategoryNode(2, 1, "UA2", "Servizi", BudgetSection.GENERAL_INTEREST, Flow.EXPENSE),
        CategoryNode(3, None, "EA", "A) Entrate", BudgetSection.GENERAL_INTEREST, Flow.INCOME),
        CategoryNode(4, 3, "EA4", "Erogazioni liberali", BudgetSection.GENERAL_INTEREST, Flow.INCOME),
    ]  # fmt: skip
    current = build_statement(
        nodes,
        {2: Decimal("500.00"), 4: Decimal("100.00")},
        {2: Decimal("300.00"), 4: Decimal("150.00")},
    )
    view = YearStatement(YEAR, current, None, (), {}, None, None)
    model = StatementModel()
    model.set_statement(view)
    foreground = Qt.ItemDataRole.ForegroundRole
    assert cell(model, 2, VARIANCE) == "-200,00\xa0€"  # 200 saved on an uscita
    assert model.index(model.row_of(2), VARIANCE).data(foreground) is None
    assert model.index(model.row_of(4), VARIANCE).data(foreground) is None  # 50 more received


def test_the_model_only_announces_a_typed_plan_and_never_writes(workspace: Workspace) -> None:
    open_year(workspace)
    ea8 = category_id(workspace, "EA8")
    model = StatementModel()
    model.set_statement(workspace.budget.statement(YEAR))
    edited: list[tuple[int, object]] = []
    model.plan_edited.connect(lambda category, amount: edited.append((category, amount)))
    index = model.index(model.row_of(ea8), PLANNED)
    assert model.setData(index, "1.234,5")
    assert model.setData(index, "")
    assert edited == [(ea8, Decimal("1234.50")), (ea8, None)]
    assert workspace.budget.plan(YEAR) == {}  # no view: nothing written


def test_a_plan_the_service_refuses_is_said_and_the_cell_goes_back(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    open_year(workspace)
    ea8 = category_id(workspace, "EA8")
    view = statement_view(qtbot, workspace)
    assert type_planned(view, ea8, "300")
    workspace.budget.close_year(YEAR)  # meanwhile, elsewhere
    type_planned(view, ea8, "400")
    assert workspace.budget.plan(YEAR) == {ea8: Decimal("300.00")}
    assert view.message.text().startswith(
        "Preventivo di “EA8 Contributi da enti pubblici” non salvato: "
    )
    assert cell(view.model, ea8, PLANNED) == "300,00\xa0€"
    assert view.model.read_only  # reloaded: the year is closed now


def test_an_unexpected_error_while_saving_the_plan_is_shown_not_raised(
    qtbot, workspace: Workspace, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from desdesk.ui.widgets import budget_statement

    open_year(workspace)
    ea8 = category_id(workspace, "EA8")
    view = statement_view(qtbot, workspace)
    shown: list[BaseException] = []
    monkeypatch.setattr(budget_statement, "show_error", lambda _parent, exc: shown.append(exc))

    def broken(year: int, amounts: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(workspace.budget, "set_plan", broken)
    changed: list[bool] = []
    view.changed.connect(lambda: changed.append(True))
    type_planned(view, ea8, "400")
    assert [str(exc) for exc in shown] == ["disk on fire"]
    assert changed == []
    assert cell(view.model, ea8, PLANNED) == ""
