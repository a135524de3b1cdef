"""Movements (actual receipts and payments): checking one, writing it, reading them back.

`insert_movement` is shared: the budget's own entry form, the import and the fee
payments all go through it, so a movement is checked the same way wherever it comes from.

The fee link (category with the membership-fees role, member, fee year) is kept here, in
one place: a movement of the fees category with a member IS a fee payment (of the
date's year unless another year is given), whoever typed it and wherever; moving it to
another category or clearing its member makes it plain money again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, insert, select
from sqlmodel import Session

from desdesk.db.models import Member
from desdesk.db.money_models import BudgetCategory, FinancialYear, Movement
from desdesk.db.types import utc_now
from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.errors import DesdeskError, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.money import to_cents
from desdesk.domain.money_checks import source_problem, year_bounds
from desdesk.domain.money_enums import Account, BudgetSection, Flow, FundingSource
from desdesk.domain.progress import report
from desdesk.i18n import _
from desdesk.money_schemas import MovementInput, MovementRead
from desdesk.services.budget_years import require_open_year
from desdesk.services.edit_counts import refuse_stale
from desdesk.services.fee_rows import confirm_fee_amount


class RowsRefused(DesdeskError):
    """Some rows of a batch are invalid; nothing was written. `problems` pairs the
    1-based position of each row in the batch with what is wrong with it."""

    def __init__(self, problems: list[tuple[int, FieldProblem]]) -> None:
        lines = [
            _("Riga {row}: {message}").format(row=row, message=problem.message)
            for row, problem in problems
        ]
        super().__init__("\n".join(lines))
        self.problems = problems


class Lookups:
    """What checking a movement reads (years, categories, members), read once per batch:
    a 10,000-row import would otherwise ask the file the same questions every row."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._years: dict[int, list[FieldProblem]] = {}
        self._categories: dict[int, tuple[BudgetCategory | None, str]] = {}
        self._members: dict[int, bool] = {}
        self._fee_years: dict[int, bool] = {}

    def year_problems(self, year: int) -> list[FieldProblem]:
        if year not in self._years:
            try:
                require_open_year(self._session, year, "date")
                self._years[year] = []
            except ValidationFailed as closed:
                self._years[year] = closed.problems
        return self._years[year]

    def category(self, category_id: int) -> tuple[BudgetCategory | None, str]:
        """The leaf category, or None and why it cannot hold a movement."""
        if category_id not in self._categories:
            self._categories[category_id] = self._load_category(category_id)
        return self._categories[category_id]

    def _load_category(self, category_id: int) -> tuple[BudgetCategory | None, str]:
        category = self._session.get(BudgetCategory, category_id) if category_id else None
        if category is None:
            return None, _("Scegli la categoria del movimento.")
        query = select(BudgetCategory.id).where(BudgetCategory.parent_id == category_id)
        if self._session.execute(query.limit(1)).first() is not None:
            message = _("“{category}” raggruppa altre categorie: scegline una delle sue voci.")
            return None, message.format(category=f"{category.code} {category.name}")
        return category, ""

    def fee_year_exists(self, year: int) -> bool:
        if year not in self._fee_years:
            self._fee_years[year] = self._session.get(FinancialYear, year) is not None
        return self._fee_years[year]

    def member_exists(self, member_id: int) -> bool:
        if member_id not in self._members:
            self._members[member_id] = self._session.get(Member, member_id) is not None
        return self._members[member_id]


def _source_problem(category: BudgetCategory, source: str | None) -> tuple[str | None, str]:
    """The source to store and, when it is wrong, why."""
    if category.flow == Flow.EXPENSE.value:
        if source:
            return None, _("La fonte di finanziamento si indica solo per le entrate.")
        return None, ""
    chosen = source or category.default_source or FundingSource.OTHER.value
    problem = source_problem(chosen, "source")
    if problem is not None:
        return None, problem.message
    return chosen, ""


def _fee_year(
    data: MovementInput, category: BudgetCategory | None, lookups: Lookups
) -> tuple[int | None, list[FieldProblem]]:
    """The fee year to store and what is wrong with it: a movement of the fees category
    with a member pays that member's fee (of the date's year unless told otherwise); a
    fee year needs both; the fee's year must exist in the budget (closed is fine: a
    late payment)."""
    fees = category is not None and category.role == MEMBERSHIP_FEES_ROLE
    if data.fee_year is None:
        return (data.date.year if fees and data.member_id is not None else None), []
    problems = []
    if category is not None and not fees:
        message = _(
            "Solo un movimento della categoria delle quote associative può essere il "
            "pagamento della quota di un anno."
        )
        problems.append(FieldProblem("fee_year", message))
    if data.member_id is None:
        message = _("Indica l'aderente che ha pagato la quota del {year}.")
        problems.append(FieldProblem("member_id", message.format(year=data.fee_year)))
    if not lookups.fee_year_exists(data.fee_year):
        message = _(
            "L'esercizio {year} non esiste nel bilancio: aprilo e indica la quota prima "
            "di registrarne i pagamenti."
        )
        problems.append(FieldProblem("fee_year", message.format(year=data.fee_year)))
    return data.fee_year, problems


def check_movement(
    session: Session, data: MovementInput, lookups: Lookups | None = None
) -> MovementInput:
    """The movement as it will be stored (amount to the cent, text trimmed, source
    filled in), or ValidationFailed with every problem found, field by field."""
    lookups = lookups or Lookups(session)
    problems: list[FieldProblem] = []
    amount = to_cents(data.amount)
    if amount <= 0:
        problems.append(FieldProblem("amount", _("L'importo deve essere maggiore di zero.")))
    problems.extend(lookups.year_problems(data.date.year))
    category, message = lookups.category(data.category_id)
    if message:
        problems.append(FieldProblem("category_id", message))
    source = data.source
    if category is not None:
        source, message = _source_problem(category, data.source)
        if message:
            problems.append(FieldProblem("source", message))
    if data.member_id is not None and not lookups.member_exists(data.member_id):
        problems.append(FieldProblem("member_id", _("L'aderente indicato non esiste più.")))
    if data.account not in {a.value for a in Account}:
        message = _("“{account}” non è un conto: scegli cassa o banca.")
        problems.append(FieldProblem("account", message.format(account=data.account)))
    fee_year, fee_problems = _fee_year(data, category, lookups)
    problems.extend(fee_problems)
    if problems:
        raise ValidationFailed(problems)
    return replace(
        data,
        amount=amount,
        source=source,
        description=data.description.strip(),
        counterparty=data.counterparty.strip(),
        document_ref=data.document_ref.strip(),
        fee_year=fee_year,
    )


def apply_movement(movement: Movement, data: MovementInput) -> None:
    for name, value in _values(data).items():
        setattr(movement, name, value)


def insert_movement(
    session: Session, data: MovementInput, fee_year: int | None = None, confirm: bool = True
) -> Movement:
    """Checks `data` (ValidationFailed) and adds the movement to the session, flushed so
    it has its id. `fee_year`, when given, replaces `data.fee_year`. Unless `confirm`,
    a fee payment above what the member still owes raises NeedsConfirmation."""
    if fee_year is not None:
        data = replace(data, fee_year=fee_year)
    clean = check_movement(session, data)
    movement = Movement(date=clean.date, amount=clean.amount, category_id=clean.category_id)
    apply_movement(movement, clean)
    session.add(movement)
    session.flush()
    if not confirm and clean.fee_year is not None and clean.member_id is not None:
        confirm_fee_amount(session, clean.member_id, clean.fee_year, clean.amount)
    return movement


def insert_movements(session: Session, rows: Sequence[MovementInput]) -> int:
    """Adds every row or, when any is invalid, raises RowsRefused with all the problems."""
    refused: list[tuple[int, FieldProblem]] = []
    clean: list[MovementInput] = []
    lookups = Lookups(session)
    for number, data in enumerate(rows, start=1):
        report(number - 1, len(rows))  # a long job's progress; raises (rolls back) if cancelled
        try:
            clean.append(check_movement(session, data, lookups))
        except ValidationFailed as invalid:
            refused.extend((number, problem) for problem in invalid.problems)
    if refused:
        raise RowsRefused(refused)
    if clean:
        # One bulk INSERT: building 10,000 ORM objects would take seconds.
        created_at = utc_now()
        session.execute(
            insert(Movement), [_values(data) | {"created_at": created_at} for data in clean]
        )
        report(len(rows), len(rows))  # cancelled even now: the unit of work rolls back
    return len(clean)


def _values(data: MovementInput) -> dict[str, object]:
    return {
        "date": data.date,
        "amount": data.amount,
        "category_id": data.category_id,
        "description": data.description,
        "source": data.source,
        "member_id": data.member_id,
        "counterparty": data.counterparty,
        "document_ref": data.document_ref,
        "account": data.account,
        "fee_year": data.fee_year,
    }


def update_movement(
    session: Session,
    movement_id: int,
    data: MovementInput,
    confirm: bool = False,
    expected_version: int | None = None,
) -> None:
    """Also refused when the movement sits in a closed year (moving it out of one is
    changing that year's accounts), and (ConcurrentEdit) when someone saved it since the
    form read `expected_version`.

    The fee link follows what the money now is: out of the fees category or without a
    member, the movement no longer pays a fee; still a fee payment and no year given, it
    keeps the fee year it had. Paying more than is due for that fee, when the edit adds
    to it, raises NeedsConfirmation unless `confirm`."""
    movement = load_movement(session, movement_id)
    refuse_stale(session, movement, "movement", expected_version, _("questo movimento"))
    require_open_year(session, movement.date.year, "date")
    before = (movement.member_id, movement.fee_year, movement.amount)
    category = session.get(BudgetCategory, data.category_id) if data.category_id else None
    if category is None or category.role != MEMBERSHIP_FEES_ROLE or data.member_id is None:
        data = replace(data, fee_year=None)
    elif data.fee_year is None and movement.fee_year is not None:
        data = replace(data, fee_year=movement.fee_year)
    clean = check_movement(session, data)
    apply_movement(movement, clean)
    session.flush()
    if confirm or clean.fee_year is None or clean.member_id is None:
        return
    same_fee = before[:2] == (clean.member_id, clean.fee_year)
    if not same_fee or clean.amount > before[2]:
        confirm_fee_amount(session, clean.member_id, clean.fee_year, clean.amount)


def delete_movement(session: Session, movement_id: int) -> None:
    movement = load_movement(session, movement_id)
    require_open_year(session, movement.date.year, "date")
    session.delete(movement)


def load_movement(session: Session, movement_id: int) -> Movement:
    movement = session.get(Movement, movement_id)
    if movement is None:
        raise NotFound(_("Il movimento non esiste più."))
    return movement


# Columns rather than ORM objects: the Movimenti tab reads a whole year at once.
_COLUMNS = (
    Movement.id,
    Movement.date,
    Movement.amount,
    Movement.category_id,
    Movement.description,
    Movement.source,
    Movement.member_id,
    Movement.counterparty,
    Movement.document_ref,
    Movement.account,
    Movement.fee_year,
    BudgetCategory.code,
    BudgetCategory.name,
    BudgetCategory.flow,
    BudgetCategory.section,
    Member.name,
    Movement.version,
)


def _read_query() -> Select[Any]:
    return (
        select(*_COLUMNS)
        .join(BudgetCategory, BudgetCategory.id == Movement.category_id)
        .outerjoin(Member, Member.id == Movement.member_id)
    )


def _read(row: Sequence[Any]) -> MovementRead:
    (
        movement_id,
        day,
        amount,
        category_id,
        description,
        source,
        member_id,
        counterparty,
        document_ref,
        account,
        fee_year,
        code,
        name,
        flow,
        section,
        member_name,
        version,
    ) = row
    return MovementRead(
        id=movement_id,
        data=MovementInput(
            date=day,
            amount=amount,
            category_id=category_id,
            description=description,
            source=source,
            member_id=member_id,
            counterparty=counterparty,
            document_ref=document_ref,
            account=account,
            fee_year=fee_year,
        ),
        category_code=code,
        category_name=name,
        flow=Flow(flow),
        section=BudgetSection(section),
        member_name=member_name or "",
        fee_year=fee_year,
        version=version,
    )


def read_movements(session: Session, year: int | None = None) -> list[MovementRead]:
    """Newest first (date, then id, descending)."""
    query = _read_query()
    if year is not None:
        query = query.where(Movement.date.between(*year_bounds(year)))  # type: ignore[attr-defined]
    query = query.order_by(Movement.date.desc(), Movement.id.desc())  # type: ignore[attr-defined]
    return [_read(row) for row in session.execute(query)]


def read_movement(session: Session, movement_id: int) -> MovementRead:
    query = _read_query().where(Movement.id == movement_id)
    row = session.execute(query).first()
    if row is None:
        raise NotFound(_("Il movimento non esiste più."))
    return _read(row)
