"""Financial years: a calendar year of accounts, opened, closed, reopened.

A movement, a plan or a fee may only be written into a year that exists and is not
closed; `require_open_year` is the one place that says so, for every service.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.money_models import FinancialYear
from desdesk.db.money_queries import cash_totals
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.money import ZERO, to_cents
from desdesk.domain.money_enums import Account
from desdesk.i18n import _
from desdesk.money_schemas import CashLine, FinancialYearInput, FinancialYearRead

FIRST_YEAR = 1990
LAST_YEAR = 2200


def require_open_year(session: Session, year: int, field: str = "date") -> FinancialYear:
    """The year's row; ValidationFailed on `field` naming the year when it is missing or
    closed, saying what to do."""
    row = session.get(FinancialYear, year)
    if row is None:
        message = _(
            "L'anno {year} non è aperto: aprilo in Bilancio › Anni prima di registrarvi importi."
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


def read_year(row: FinancialYear) -> FinancialYearRead:
    return FinancialYearRead(
        FinancialYearInput(
            year=row.year,
            opening_cash=row.opening_cash,
            opening_bank=row.opening_bank,
            default_fee=row.default_fee,
            fee_due_on=row.fee_due_on,
            notes=row.notes,
        ),
        closed=row.closed,
    )


def all_years(session: Session) -> list[FinancialYearRead]:
    query = select(FinancialYear).order_by(FinancialYear.year.desc())  # type: ignore[attr-defined]
    return [read_year(row) for row in session.scalars(query)]


def cash_lines(session: Session, year: int) -> tuple[CashLine, ...]:
    """Cassa e banca of `year`: the year's opening balances (zero when the year does not
    exist), plus what came in, minus what went out, per account."""
    row = session.get(FinancialYear, year)
    openings = {
        Account.CASH: row.opening_cash if row else ZERO,
        Account.BANK: row.opening_bank if row else ZERO,
    }
    totals = cash_totals(session, date(year, 1, 1), date(year, 12, 31))
    return tuple(
        CashLine(
            account,
            openings[account],
            totals.get((account.value, True), ZERO),
            totals.get((account.value, False), ZERO),
        )
        for account in Account
    )


def closing_balances(session: Session, year: int) -> dict[Account, Decimal]:
    return {line.account: line.closing for line in cash_lines(session, year)}


def _clean(data: FinancialYearInput) -> FinancialYearInput:
    problems: list[FieldProblem] = []
    if not FIRST_YEAR <= data.year <= LAST_YEAR:
        problems.append(
            FieldProblem(
                "year",
                _("L'anno {year} non è valido: scrivi un anno tra {first} e {last}.").format(
                    year=data.year, first=FIRST_YEAR, last=LAST_YEAR
                ),
            )
        )
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
    )


def _apply(row: FinancialYear, data: FinancialYearInput) -> None:
    row.opening_cash = data.opening_cash
    row.opening_bank = data.opening_bank
    row.default_fee = data.default_fee
    row.fee_due_on = data.fee_due_on
    row.notes = data.notes


def open_year(session: Session, data: FinancialYearInput) -> FinancialYear:
    """Adds the year; with zero openings and the previous year on file, the openings are
    that year's closing balances (the money does not vanish at new year)."""
    clean = _clean(data)
    if session.get(FinancialYear, clean.year) is not None:
        raise Conflict(_("L'anno {year} è già aperto.").format(year=clean.year))
    if (
        clean.opening_cash == 0
        and clean.opening_bank == 0
        and session.get(FinancialYear, clean.year - 1) is not None
    ):
        closing = closing_balances(session, clean.year - 1)
        clean.opening_cash = closing[Account.CASH]
        clean.opening_bank = closing[Account.BANK]
    row = FinancialYear(year=clean.year)
    _apply(row, clean)
    session.add(row)
    session.flush()
    return row


def update_year(session: Session, data: FinancialYearInput) -> None:
    row = load_year(session, data.year)
    if row.closed:
        raise Conflict(
            _("L'anno {year} è chiuso: riaprilo per modificarlo.").format(year=data.year)
        )
    _apply(row, _clean(data))


def set_closed(session: Session, year: int, closed: bool) -> None:
    row = load_year(session, year)
    row.closed = closed
