"""BudgetService on a real district file: defaults, years, categories, plan, movements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desdesk.db.money_models import Indicator
from desdesk.domain.budget_defaults import DEFAULT_INDICATORS, MEMBERSHIP_FEES_ROLE
from desdesk.domain.errors import Conflict, NotFound, ValidationFailed
from desdesk.domain.money_enums import BudgetSection, Flow, FundingSource
from desdesk.money_schemas import (
    CategoryInput,
    FinancialYearInput,
    InvestmentInput,
    MovementInput,
)
from desdesk.services.movements import RowsRefused
from desdesk.services.workspace import Workspace
from tests.assembly_rows import add_members

D = Decimal


def _ids(workspace: Workspace) -> dict[str, int]:
    return {c.code: c.id for c in workspace.budget.categories()}


def test_a_new_district_starts_with_modello_d_and_the_indicators(workspace: Workspace) -> None:
    categories = workspace.budget.categories()
    assert len(categories) == 71
    roots = [c.code for c in categories if c.parent_id is None]
    assert roots == [
        *("UA", "EA", "UB", "EB", "UC", "EC", "UD", "ED", "UE", "EE"),
        *("IMP", "UI", "EI"),
    ]
    assert len([c for c in categories if c.is_leaf]) == 58
    # Depth first: each root followed by its leaves in their order
    codes = [c.code for c in categories]
    assert codes[:7] == ["UA", "UA1", "UA2", "UA3", "UA4", "UA5", "EA"]
    assert codes[codes.index("EA") + 10] == "EA10"
    fees = next(c for c in categories if c.role == MEMBERSHIP_FEES_ROLE)
    assert fees.code == "EA1" and fees.default_source is FundingSource.MEMBER_FEES
    assert fees.flow is Flow.INCOME and fees.section is BudgetSection.GENERAL_INTEREST
    support = next(c for c in categories if c.code == "UE")
    assert support.structure_cost and support.depth == 0 and not support.is_leaf
    assert not any(c.in_use for c in categories)
    with workspace.sessions() as session:
        count = session.execute(select(func.count()).select_from(Indicator)).scalar()
        rows = session.scalars(select(Indicator).order_by(Indicator.position))  # type: ignore[arg-type]
        names = [row.name for row in rows]
    assert count == 8
    assert names == [d.name for d in DEFAULT_INDICATORS]


def test_open_update_close_reopen_years(workspace: Workspace) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2025, D("10.004"), D("1500"), D("20"), date(2025, 3, 31)))
    budget.open_year(FinancialYearInput(2026, notes=" secondo anno "))
    assert [y.year for y in budget.years()] == [2026, 2025]
    first = budget.year(2025)
    assert first.data.opening_cash == D("10.00") and first.data.default_fee == D("20.00")
    assert first.data.fee_due_on == date(2025, 3, 31) and not first.closed
    # Nothing moved in 2025: 2026 opens with 2025's balances
    second = budget.year(2026)
    assert (second.data.opening_cash, second.data.opening_bank) == (D("10.00"), D("1500.00"))
    assert second.data.notes == "secondo anno"
    with pytest.raises(Conflict, match="2026 è già aperto"):
        budget.open_year(FinancialYearInput(2026))
    with pytest.raises(ValidationFailed) as bad:
        budget.open_year(FinancialYearInput(1066))
    assert "1066 non è valido" in (bad.value.for_field("year") or "")
    with pytest.raises(NotFound):
        budget.year(2030)
    budget.update_year(FinancialYearInput(2026, D("5"), D("6"), D("25")))
    assert budget.year(2026).data.default_fee == D("25.00")
    budget.close_year(2025)
    assert budget.year(2025).closed
    with pytest.raises(Conflict, match="2025 è chiuso"):
        budget.update_year(FinancialYearInput(2025))
    budget.reopen_year(2025)
    assert not budget.year(2025).closed


def test_movements_are_checked_field_by_field(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    budget.open_year(FinancialYearInput(2026))
    (member,) = add_members(workspace, 1)

    def refused(data: MovementInput) -> ValidationFailed:
        with pytest.raises(ValidationFailed) as caught:
            budget.add_movement(data)
        return caught.value

    day = date(2026, 4, 10)
    assert refused(MovementInput(day, D(5), 0)).for_field("category_id") == (
        "Scegli la categoria del movimento."
    )
    assert "raggruppa altre categorie" in (
        refused(MovementInput(day, D(5), ids["EA"])).for_field("category_id") or ""
    )
    for amount in (D(0), D("-3"), D("0.004")):
        assert refused(MovementInput(day, amount, ids["UA1"])).for_field("amount") == (
            "L'importo deve essere maggiore di zero."
        )
    not_open = refused(MovementInput(date(2027, 1, 2), D(5), ids["UA1"])).for_field("date")
    assert not_open is not None and "2027 non è aperto" in not_open
    budget.open_year(FinancialYearInput(2025))
    budget.close_year(2025)
    closed = refused(MovementInput(date(2025, 12, 31), D(5), ids["UA1"])).for_field("date")
    assert closed is not None and "2025 è chiuso" in closed
    expense_source = MovementInput(day, D(5), ids["UA1"], source=FundingSource.PUBLIC.value)
    assert refused(expense_source).for_field("source") == (
        "La fonte di finanziamento si indica solo per le entrate."
    )
    assert refused(MovementInput(day, D(5), ids["EA8"], source="marziani")).for_field("source")
    assert refused(MovementInput(day, D(5), ids["UA1"], member_id=9999)).for_field("member_id")
    assert refused(MovementInput(day, D(5), ids["UA1"], account="salvadanaio")).for_field("account")
    # Several problems at once
    assert len(refused(MovementInput(date(2027, 1, 1), D(0), 0)).problems) == 3
    assert budget.movements() == []
    # A valid income takes its category's default source; text is trimmed
    first = budget.add_movement(
        MovementInput(day, D("100.005"), ids["EA8"], " Contributo ", member_id=member)
    )
    row = budget.movement(first)
    assert row.data.source == FundingSource.PUBLIC.value and row.data.amount == D("100.00")
    assert row.data.description == "Contributo" and row.member_name == "Aderente 1"
    assert row.counterparty_label == "Aderente 1" and row.signed_amount == D("100.00")
    assert row.category_code == "EA8" and row.flow is Flow.INCOME and row.fee_year is None


def test_list_update_delete_movements(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    budget.open_year(FinancialYearInput(2025))
    budget.open_year(FinancialYearInput(2026))
    early = budget.add_movement(MovementInput(date(2025, 2, 1), D(1), ids["UA1"]))
    same_day_a = budget.add_movement(MovementInput(date(2026, 2, 1), D(2), ids["UA2"]))
    same_day_b = budget.add_movement(
        MovementInput(date(2026, 2, 1), D(3), ids["EA10"], counterparty=" Comune ")
    )
    late = budget.add_movement(MovementInput(date(2026, 5, 1), D(4), ids["UE2"]))
    assert [m.id for m in budget.movements()] == [late, same_day_b, same_day_a, early]
    assert [m.id for m in budget.movements(2025)] == [early]
    assert budget.movement(same_day_b).counterparty_label == "Comune"
    assert budget.movement(late).signed_amount == D("-4.00")
    budget.update_movement(late, MovementInput(date(2026, 6, 1), D("4.50"), ids["UE3"]))
    moved = budget.movement(late)
    assert moved.data.amount == D("4.50") and moved.category_code == "UE3"
    with pytest.raises(ValidationFailed):
        budget.update_movement(late, MovementInput(date(2026, 6, 1), D(0), ids["UE3"]))
    budget.close_year(2025)
    with pytest.raises(ValidationFailed, match="2025 è chiuso"):
        budget.delete_movement(early)
    with pytest.raises(ValidationFailed, match="2025 è chiuso"):
        budget.update_movement(early, MovementInput(date(2026, 1, 5), D(1), ids["UA1"]))
    budget.delete_movement(late)
    with pytest.raises(NotFound):
        budget.movement(late)
    with pytest.raises(NotFound):
        budget.delete_movement(late)
    assert len(budget.movements()) == 3


def test_add_movements_is_all_or_nothing_with_row_numbers(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    budget.open_year(FinancialYearInput(2026))
    good = MovementInput(date(2026, 3, 1), D(10), ids["UA1"])
    rows = [good, MovementInput(date(2026, 3, 2), D(0), ids["UA1"]), good]
    rows.append(MovementInput(date(2027, 3, 2), D(5), ids["EA"]))
    with pytest.raises(RowsRefused) as refused:
        budget.add_movements(rows)
    problems = refused.value.problems
    assert [(row, p.field) for row, p in problems] == [
        (2, "amount"),
        (4, "date"),
        (4, "category_id"),
    ]
    assert refused.value.message.splitlines()[0] == (
        "Riga 2: L'importo deve essere maggiore di zero."
    )
    assert budget.movements() == []
    income = MovementInput(date(2026, 3, 5), D("7.5"), ids["EA8"], " Bando ", counterparty="PAT")
    assert budget.add_movements([good, good, income]) == 3
    added = budget.movements(2026)
    assert [m.data.amount for m in added] == [D("7.50"), D("10.00"), D("10.00")]
    assert added[0].data.source == "ente_pubblico" and added[0].data.description == "Bando"
    assert added[0].counterparty_label == "PAT" and added[1].data.source is None
    assert budget.add_movements([]) == 0


def test_member_choices_active_first(workspace: Workspace) -> None:
    first, second, third = add_members(workspace, 3)
    workspace.members.withdraw(first, date(2026, 1, 31), "Chiusura")
    assert workspace.budget.member_choices() == [
        (second, "Aderente 2"),
        (third, "Aderente 3"),
        (first, "Aderente 1"),
    ]


def test_plan_set_and_read_back(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    # Planning a year not on file (a forecast) needs no financial year row
    budget.set_plan(2027, {ids["UA1"]: D("1000"), ids["EA8"]: D("250.505"), ids["UE2"]: D(0)})
    assert [y.year for y in budget.years()] == []
    assert budget.plan(2027) == {ids["UA1"]: D("1000.00"), ids["EA8"]: D("250.50")}
    budget.set_plan(2027, {ids["UA1"]: None, ids["EA8"]: D("300"), ids["UE2"]: D("12.30")})
    assert budget.plan(2027) == {ids["EA8"]: D("300.00"), ids["UE2"]: D("12.30")}
    budget.set_plan(2027, {ids["UE2"]: D(0)})
    assert budget.plan(2027) == {ids["EA8"]: D("300.00")}
    with pytest.raises(ValidationFailed) as refused:
        budget.set_plan(2027, {ids["EA10"]: D(5), ids["UA"]: D(5), ids["UA2"]: D("-1")})
    assert "raggruppa altre categorie" in (refused.value.for_field("category_id") or "")
    assert "non può essere negativo" in (refused.value.for_field("amount") or "")
    assert budget.plan(2027) == {ids["EA8"]: D("300.00")}  # nothing half-written
    assert budget.plan(2026) == {}
    budget.open_year(FinancialYearInput(2027))
    budget.close_year(2027)
    with pytest.raises(ValidationFailed) as closed:
        budget.set_plan(2027, {ids["EA8"]: D(1)})
    assert "2027 è chiuso" in (closed.value.for_field("year") or "")
    assert next(c for c in budget.categories() if c.code == "EA8").in_use


def test_add_update_delete_categories(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    budget.open_year(FinancialYearInput(2026))
    new = budget.add_category(
        CategoryInput(ids["EC"], " EC4 ", " Mercatino ", False, "crowdfunding")
    )
    added = next(c for c in budget.categories() if c.id == new)
    assert (added.code, added.name, added.depth) == ("EC4", "Mercatino", 1)
    assert added.section is BudgetSection.FUNDRAISING and added.flow is Flow.INCOME
    assert added.default_source is FundingSource.CROWDFUNDING and added.position == 3
    codes = [c.code for c in budget.categories()]
    assert codes.index("EC4") == codes.index("EC3") + 1
    with pytest.raises(ValidationFailed) as dup:
        budget.add_category(CategoryInput(ids["EC"], "ec4", "", False))
    assert "già usato" in (dup.value.for_field("code") or "")
    assert dup.value.for_field("name") == "Scrivi il nome della categoria."
    with pytest.raises(ValidationFailed) as expense_source:
        budget.add_category(CategoryInput(ids["UA"], "UA9", "Varie", False, "quote_membri"))
    assert expense_source.value.for_field("default_source")
    # A sub-category under a leaf that has movements is refused
    budget.add_movement(MovementInput(date(2026, 3, 1), D(5), ids["UA1"]))
    budget.add_movement(MovementInput(date(2026, 3, 2), D(6), ids["UA1"]))
    budget.set_plan(2026, {ids["UA1"]: D(20)})
    with pytest.raises(ValidationFailed) as used_parent:
        budget.add_category(CategoryInput(ids["UA1"], "UA1.1", "Cancelleria", False))
    assert "2 movimenti e 1 anno di preventivo" in (used_parent.value.for_field("parent_id") or "")
    # Editing: a root only changes its name
    budget.update_category(ids["UA"], CategoryInput(ids["EA"], "ZZ", " A) Uscite ", True))
    root = next(c for c in budget.categories() if c.id == ids["UA"])
    assert (root.code, root.name, root.parent_id, root.structure_cost) == (
        "UA",
        "A) Uscite",
        None,
        False,
    )
    # Moving a category to another section of the same flow
    budget.update_category(new, CategoryInput(ids["EB"], "EB7", "Mercatino", False, None))
    moved = next(c for c in budget.categories() if c.id == new)
    assert moved.section is BudgetSection.OTHER_ACTIVITIES and moved.default_source is None
    with pytest.raises(ValidationFailed, match="uscita non può stare tra le entrate"):
        budget.update_category(new, CategoryInput(ids["UA"], "EB7", "Mercatino", False))
    # Deleting: refused for a root, a parent, a category in use (with the counts)
    with pytest.raises(Conflict, match="sezione del rendiconto"):
        budget.delete_category(ids["UA"])
    with pytest.raises(Conflict, match="2 movimenti e 1 anno di preventivo"):
        budget.delete_category(ids["UA1"])
    budget.delete_category(new)
    with pytest.raises(NotFound):
        budget.delete_category(new)
    assert len(budget.categories()) == 71
    assert len(budget.category_nodes()) == 71


def test_delete_refused_for_a_category_with_children(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    child = budget.add_category(CategoryInput(ids["UA2"], "UA2.1", "Consulenze", False))
    with pytest.raises(Conflict, match="contiene altre categorie"):
        budget.delete_category(ids["UA2"])
    with pytest.raises(ValidationFailed, match="dentro sé stessa"):
        budget.update_category(ids["UA2"], CategoryInput(child, "UA2", "Servizi", False))
    assert not next(c for c in budget.categories() if c.id == ids["UA2"]).is_leaf
    # The membership fees' category stays a leaf and stays
    with pytest.raises(Conflict, match="registra le quote"):
        budget.delete_category(ids["EA1"])
    with pytest.raises(ValidationFailed, match="registra le quote"):
        budget.add_category(CategoryInput(ids["EA1"], "EA1.1", "Quote ordinarie", False))


def test_investments(workspace: Workspace) -> None:
    budget = workspace.budget
    first = budget.add_investment(InvestmentInput(" Furgone ", D("12000"), 2027, "ente_pubblico"))
    second = budget.add_investment(InvestmentInput("Sito web", D("2500.50"), 2026))
    assert [i.id for i in budget.investments()] == [second, first]
    assert budget.investments()[1].data.description == "Furgone"
    budget.update_investment(second, InvestmentInput("Sito web", D("3000"), 2026, notes="x"))
    assert budget.investments()[0].data.amount == D("3000.00")
    with pytest.raises(ValidationFailed) as refused:
        budget.add_investment(InvestmentInput(" ", D(0), 3000, "boh"))
    assert {p.field for p in refused.value.problems} == {"description", "amount", "year", "source"}
    budget.delete_investment(first)
    with pytest.raises(NotFound):
        budget.delete_investment(first)
    assert [i.id for i in budget.investments()] == [second]
