"""Financial years: a calendar year of accounts, opened, closed, reopened.

A movement or a fee may only be written into a year that exists and is not closed;
`require_open_year` is the one place that says so, for every service.

Openings that follow the previous year (`carry_openings`) are computed when read, by
walking the years from the first: closing = opening + income − expenses + transfers in
− transfers out. So a movement added to a reopened year reaches every later year.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.money_models import FinancialYear
from desdesk.db.money_queries import cash_totals_by_year, transfer_totals_by_year
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.money import ZERO, to_cents
from desdesk.domain.money_checks import year_problem
from desdesk.domain.money_enums import Account
from desdesk.i18n import _
from desdesk.money_schemas import CashLine, FinancialYearInput, FinancialYearRead


def require_open_year(session: Session, year: int, field: str = "date") -> FinancialYear:
    """The year's row; ValidationFailed on `field` naming the year when it is missing or
    closed, saying what to do."""
    row = session.get(FinancialYear, year)
    if row is None:
        message = _(
            "L'esercizio {year} non è aperto: aprilo in Bilancio con «Nuovo esercizio…» prima di registrarvi importi."
        )
        raise ValidationFailed([FieldProblem(field, message.format(year=year))])
    if row.closed:
        message = _("L'anno {year} è chiuso: riaprilo prima di modificarne gli importi.")
        raise ValidationFailed([FieldProblem(field, message.format(year=year))])
    return row


def load_year(session: Session, year: int) -> FinancialYear:
    row = session.get(FinancialYear, year)
    if row is None:
        raise NotFound(_("L'anno {year} non esiste nel bilancio.").format(year=year))
    return row


Balances = dict[Account, Decimal]


def _cash_walk(session: Session, last: int) -> dict[int, tuple[CashLine, ...]]:
    """Cassa e banca of every year from the first on file up to `last` (years without a
    row, e.g. a planned future year, follow the previous year's closing)."""
    rows = {row.year: row for row in session.scalars(select(FinancialYear))}
    if not rows or min(rows) > last:
        return {}
    moved = cash_totals_by_year(session)
    transferred = transfer_totals_by_year(session)
    lines: dict[int, tuple[CashLine, ...]] = {}
    closing: Balances | None = None
    for year in range(min(rows), last + 1):
        row = rows.get(year)
        if row is not None and not (row.carry_openings and year - 1 in rows):
            openings = {Account.CASH: row.opening_cash, Account.BANK: row.opening_bank}
        else:  # assigned: the first year of the walk has a row
            assert closing is not None
            openings = closing
        lines[year] = tuple(
            CashLine(
                account,
                openings[account],
                moved.get((year, account.value, True), ZERO),
                moved.get((year, account.value, False), ZERO),
                transferred.get((year, account.value, True), ZERO),
                transferred.get((year, account.value, False), ZERO),
            )
            for account in Account
        )
        closing = {line.account: line.closing for line in lines[year]}
    return lines


def cash_lines(session: Session, year: int) -> tuple[CashLine, ...]:
    """Cassa e banca of `year`: its openings (typed, or the previous year's closing),
    plus what came in, minus what went out, plus and minus the transfers, per account.
    Before the first year on file everything is zero."""
    walked = _cash_walk(session, year)
    if year in walked:
        return walked[year]
    return tuple(CashLine(account, ZERO, ZERO, ZERO) for account in Account)


def _carries(session: Session, row: FinancialYear) -> bool:
    """Whether the row's openings really follow the previous year (there is one)."""
    return row.carry_openings and session.get(FinancialYear, row.year - 1) is not None


def read_year(
    session: Session, row: FinancialYear, walked: dict[int, tuple[CashLine, ...]] | None = None
) -> FinancialYearRead:
    """The year with its effective openings (computed when they follow the previous
    year); `walked`: the cash lines already computed for every year, if at hand."""
    carried = _carries(session, row)
    if carried:
        lines = walked[row.year] if walked else cash_lines(session, row.year)
        opening = {line.account: line.opening for line in lines}
        cash, bank = opening[Account.CASH], opening[Account.BANK]
    else:
        cash, bank = row.opening_cash, row.opening_bank
    return FinancialYearRead(
        FinancialYearInput(
            year=row.year,
            opening_cash=cash,
            opening_bank=bank,
            default_fee=row.default_fee,
            fee_due_on=row.fee_due_on,
            notes=row.notes,
            carry_openings=carried,
        ),
        closed=row.closed,
    )


def all_years(session: Session) -> list[FinancialYearRead]:
    """Newest first; the cash is walked once for all of them."""
    query = select(FinancialYear).order_by(FinancialYear.year.desc())  # type: ignore[attr-defined]
    rows = list(session.scalars(query))
    walked = _cash_walk(session, rows[0].year) if rows else {}
    return [read_year(session, row, walked) for row in rows]


def _clean(data: FinancialYearInput) -> FinancialYearInput:
    problems: list[FieldProblem] = []
    if problem := year_problem(data.year):
        problems.append(problem)
    if data.default_fee is not None and data.default_fee < 0:
        problems.append(FieldProblem("default_fee", _("La quota non può essere negativa.")))
    if problems:
        raise ValidationFailed(problems)
    return FinancialYearInput(
        year=data.year,
        opening_cash=to_cents(data.opening_cash),
        opening_bank=to_cents(data.opening_bank),
        default_fee=None if data.default_fee is None else to_cents(data.default_fee),
        fee_due_on=data.fee_due_on,
        notes=data.notes.strip(),
        carry_openings=data.carry_openings,
    )


def _apply(session: Session, row: FinancialYear, data: FinancialYearInput) -> None:
    """Writes `data`; `carry_openings` None means: follow the previous year when both
    openings are zero and there is a previous year (typed openings are kept)."""
    has_previous = session.get(FinancialYear, data.year - 1) is not None
    carry = data.carry_openings
    if carry is None:
        carry = data.opening_cash == 0 and data.opening_bank == 0
    row.carry_openings = bool(carry and has_previous)
    if not row.carry_openings:
        row.opening_cash = data.opening_cash
        row.opening_bank = data.opening_bank
    row.default_fee = data.default_fee
    row.fee_due_on = data.fee_due_on
    row.notes = data.notes


def open_year(session: Session, data: FinancialYearInput) -> FinancialYear:
    """Adds the year; its openings follow the previous year's closing balances unless
    typed (see `_apply`): the money does not vanish at new year."""
    clean = _clean(data)
    if session.get(FinancialYear, clean.year) is not None:
        raise Conflict(_("L'anno {year} è già aperto.").format(year=clean.year))
    row = FinancialYear(year=clean.year)
    _apply(session, row, clean)
    session.add(row)
    session.flush()
    return row


def update_year(session: Session, data: FinancialYearInput) -> None:
    row = load_year(session, data.year)
    if row.closed:
        raise Conflict(
            _("L'anno {year} è chiuso: riaprilo per modificarlo.").format(year=data.year)
        )
    _apply(session, row, _clean(data))


def set_closed(session: Session, year: int, closed: bool) -> None:
    row = load_year(session, year)
    row.closed = closed
