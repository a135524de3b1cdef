"""The budget (Bilancio): financial years, categories, plan, movements, statements and
the initial investments of the financial plan. Every write is one transaction.

The work is done in sibling modules (budget_years, budget_categories, movements,
budget_statement); this class is the one door the GUI, the CLI and other services use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import case, select
from sqlmodel import Session

from desdesk.db.models import Member
from desdesk.db.money_models import Investment
from desdesk.db.money_queries import category_nodes
from desdesk.domain.budget_rules import CategoryNode
from desdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from desdesk.domain.money import to_cents
from desdesk.domain.money_checks import source_problem, year_problem
from desdesk.i18n import _
from desdesk.money_schemas import (
    CategoryInput,
    CategoryRead,
    FinancialYearInput,
    FinancialYearRead,
    InvestmentInput,
    InvestmentRead,
    MovementInput,
    MovementRead,
    MultiYearView,
    TransferInput,
    TransferRead,
    YearStatement,
)
from desdesk.services import budget_categories as categories
from desdesk.services import budget_statement as statements
from desdesk.services import budget_years as years
from desdesk.services import movements, transfers
from desdesk.services.base import Service


class BudgetService(Service):
    # -- years ------------------------------------------------------------------------

    def years(self) -> list[FinancialYearRead]:
        """Newest first."""
        with self._reading() as session:
            return years.all_years(session)

    def year(self, year: int) -> FinancialYearRead:
        with self._reading() as session:
            return years.read_year(session, years.load_year(session, year))

    def open_year(self, data: FinancialYearInput) -> None:
        with self._unit_of_work() as session:
            years.open_year(session, data)

    def update_year(self, data: FinancialYearInput) -> None:
        with self._unit_of_work() as session:
            years.update_year(session, data)

    def close_year(self, year: int) -> None:
        with self._unit_of_work() as session:
            years.set_closed(session, year, True)

    def reopen_year(self, year: int) -> None:
        with self._unit_of_work() as session:
            years.set_closed(session, year, False)

    # -- categories -------------------------------------------------------------------

    def categories(self) -> list[CategoryRead]:
        """Depth-first in the statement's order; `in_use`: holds movements or a plan."""
        with self._reading() as session:
            return categories.list_categories(session)

    def category_nodes(self) -> list[CategoryNode]:
        with self._reading() as session:
            return category_nodes(session)

    def add_category(self, data: CategoryInput) -> int:
        with self._unit_of_work() as session:
            return categories.add_category(session, data)

    def update_category(self, category_id: int, data: CategoryInput) -> None:
        with self._unit_of_work() as session:
            categories.update_category(session, category_id, data)

    def delete_category(self, category_id: int) -> None:
        with self._unit_of_work() as session:
            categories.delete_category(session, category_id)

    # -- plan -------------------------------------------------------------------------

    def plan(self, year: int) -> dict[int, Decimal]:
        with self._reading() as session:
            return statements.planned_by_category(session, year)

    def set_plan(self, year: int, amounts: Mapping[int, Decimal | None]) -> None:
        with self._unit_of_work() as session:
            statements.set_plan(session, year, amounts)

    # -- movements --------------------------------------------------------------------

    def movements(self, year: int | None = None) -> list[MovementRead]:
        """Newest first."""
        with self._reading() as session:
            return movements.read_movements(session, year)

    def movement(self, movement_id: int) -> MovementRead:
        with self._reading() as session:
            return movements.read_movement(session, movement_id)

    def add_movement(self, data: MovementInput, confirm: bool = False) -> int:
        """A fee payment above what the member owes raises NeedsConfirmation (nothing
        written) unless `confirm`."""
        with self._unit_of_work() as session:
            movement = movements.insert_movement(session, data, confirm=confirm)
            assert movement.id is not None
            return movement.id

    def add_movements(self, rows: Sequence[MovementInput]) -> int:
        """All or nothing: RowsRefused lists every invalid row (1-based)."""
        with self._unit_of_work() as session:
            return movements.insert_movements(session, rows)

    def update_movement(
        self,
        movement_id: int,
        data: MovementInput,
        confirm: bool = False,
        expected_version: int | None = None,
    ) -> None:
        """As add_movement for a fee payment whose amount is raised above what is due;
        ConcurrentEdit if saved by someone else since the form read `expected_version`."""
        with self._unit_of_work() as session:
            movements.update_movement(session, movement_id, data, confirm, expected_version)

    def delete_movement(self, movement_id: int) -> None:
        with self._unit_of_work() as session:
            movements.delete_movement(session, movement_id)

    def member_choices(self) -> list[tuple[int, str]]:
        """(id, name) of the members, active ones first, each group by name."""
        query = select(Member.id, Member.name).order_by(
            case((Member.left_on.is_(None), 0), else_=1),
            Member.name,
            Member.id,
        )
        with self._reading() as session:
            return [(i, name) for i, name in session.execute(query)]

    # -- transfers (giroconti) ---------------------------------------------------------

    def transfers(self, year: int | None = None) -> list[TransferRead]:
        """Newest first."""
        with self._reading() as session:
            return transfers.read_transfers(session, year)

    def add_transfer(self, data: TransferInput) -> int:
        with self._unit_of_work() as session:
            return transfers.add_transfer(session, data)

    def update_transfer(self, transfer_id: int, data: TransferInput) -> None:
        with self._unit_of_work() as session:
            transfers.update_transfer(session, transfer_id, data)

    def delete_transfer(self, transfer_id: int) -> None:
        with self._unit_of_work() as session:
            transfers.delete_transfer(session, transfer_id)

    # -- statements -------------------------------------------------------------------

    def statement(self, year: int) -> YearStatement:
        with self._reading() as session:
            return statements.year_statement(session, year)

    def multi_year(self, current_year: int, past: int = 3, forecast: int = 3) -> MultiYearView:
        with self._reading() as session:
            columns = statements.year_columns(session, current_year, past, forecast)
            limit = statements.public_share_limit(session)
            return MultiYearView(current_year, columns, tuple(_investments(session)), limit)

    # -- investments ------------------------------------------------------------------

    def investments(self) -> list[InvestmentRead]:
        with self._reading() as session:
            return _investments(session)

    def add_investment(self, data: InvestmentInput) -> int:
        with self._unit_of_work() as session:
            row = Investment(description="", amount=Decimal(0), year=data.year)
            _apply_investment(row, _check_investment(data))
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def update_investment(self, investment_id: int, data: InvestmentInput) -> None:
        with self._unit_of_work() as session:
            _apply_investment(_load_investment(session, investment_id), _check_investment(data))

    def delete_investment(self, investment_id: int) -> None:
        with self._unit_of_work() as session:
            session.delete(_load_investment(session, investment_id))


def _investments(session: Session) -> list[InvestmentRead]:
    query = select(Investment).order_by(Investment.year, Investment.id)
    return [
        InvestmentRead(
            row.id,
            InvestmentInput(row.description, row.amount, row.year, row.source, row.notes),
        )
        for row in session.scalars(query)
        if row.id is not None
    ]


def _load_investment(session: Session, investment_id: int) -> Investment:
    row = session.get(Investment, investment_id)
    if row is None:
        raise NotFound(_("L'investimento non esiste più."))
    return row


def _check_investment(data: InvestmentInput) -> InvestmentInput:
    problems: list[FieldProblem] = []
    if not data.description.strip():
        problems.append(FieldProblem("description", _("Descrivi l'investimento.")))
    if to_cents(data.amount) <= 0:
        problems.append(FieldProblem("amount", _("L'importo deve essere maggiore di zero.")))
    if problem := year_problem(data.year):
        problems.append(problem)
    source = data.source or None
    if source is not None and (problem := source_problem(source, "source")):
        problems.append(problem)
    if problems:
        raise ValidationFailed(problems)
    return InvestmentInput(
        data.description.strip(), to_cents(data.amount), data.year, source, data.notes.strip()
    )


def _apply_investment(row: Investment, data: InvestmentInput) -> None:
    row.description = data.description
    row.amount = data.amount
    row.year = data.year
    row.source = data.source
    row.notes = data.notes
