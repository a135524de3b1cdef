"""Reading membership fees: who owes what for a year and what they paid.

A fee payment is a movement of the category with the membership-fees role that carries
a member and a fee year; nothing else counts as paid (a movement moved to another
category, or whose member was cleared, is no longer a payment). Shared by FeesService
and by the movement writes, which ask before a payment exceeds the fee due.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.models import Member
from desdesk.db.money_models import BudgetCategory, FeeOverride, FinancialYear, Movement
from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.errors import NeedsConfirmation
from desdesk.domain.money import ZERO
from desdesk.i18n import _, format_money
from desdesk.money_schemas import FeeRow


@dataclass(frozen=True, slots=True)
class MemberSpan:
    id: int
    name: str
    joined_on: date | None
    left_on: date | None

    def active_in(self, year: int) -> bool:
        """A member at any time during the year."""
        joined = self.joined_on is None or self.joined_on <= date(year, 12, 31)
        return joined and (self.left_on is None or self.left_on >= date(year, 1, 1))


def member_spans(session: Session, member_id: int | None = None) -> list[MemberSpan]:
    query = select(Member.id, Member.name, Member.joined_on, Member.left_on).order_by(
        Member.name, Member.id
    )
    if member_id is not None:
        query = query.where(Member.id == member_id)
    return [MemberSpan(*row) for row in session.execute(query)]


def is_fees_category(session: Session, category_id: int) -> bool:
    category = session.get(BudgetCategory, category_id)
    return category is not None and category.role == MEMBERSHIP_FEES_ROLE


def payments(
    session: Session, year: int, member_id: int | None = None
) -> dict[int, tuple[Decimal, date]]:
    """Member id → (total paid for the year's fee, last payment day)."""
    query = (
        select(Movement.member_id, Movement.amount, Movement.date)
        .join(BudgetCategory, BudgetCategory.id == Movement.category_id)
        .where(
            BudgetCategory.role == MEMBERSHIP_FEES_ROLE,
            Movement.fee_year == year,
            Movement.member_id.is_not(None),
        )
    )
    if member_id is not None:
        query = query.where(Movement.member_id == member_id)
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    last: dict[int, date] = {}
    for member, amount, day in session.execute(query):
        paid[member] += amount
        last[member] = max(day, last.get(member, day))
    return {member: (paid[member], last[member]) for member in paid}


def fee_rows(session: Session, year: int, member_id: int | None = None) -> list[FeeRow]:
    """The fee of every member active during `year` (and of anyone who paid one for it)."""
    year_row = session.get(FinancialYear, year)
    default = year_row.default_fee if year_row else None
    default_due_on = year_row.fee_due_on if year_row else None
    overrides = {
        o.member_id: o
        for o in session.execute(select(FeeOverride).where(FeeOverride.year == year)).scalars()
    }
    paid_by_member = payments(session, year, member_id)
    rows = []
    for member in member_spans(session, member_id):
        if not member.active_in(year) and member.id not in paid_by_member:
            continue
        override = overrides.get(member.id)
        paid, last_paid_on = paid_by_member.get(member.id, (ZERO, None))
        rows.append(
            FeeRow(
                member_id=member.id,
                member_name=member.name,
                year=year,
                due=override.amount if override else (default or ZERO),
                due_on=(override.due_on if override else None) or default_due_on,
                paid=paid,
                last_paid_on=last_paid_on,
                overridden=override is not None,
                reason=override.reason if override else "",
                fee_set=override is not None or default is not None,
            )
        )
    return rows


def confirm_fee_amount(session: Session, member_id: int, year: int, amount: Decimal) -> None:
    """Raise NeedsConfirmation (the caller's transaction then rolls back) when the
    member has now paid more than the fee due for `year`; `amount` is the payment just
    written or the part added to it."""
    found = fee_rows(session, year, member_id)
    if not found or found[0].paid <= found[0].due:
        return
    after = found[0]
    before = max(after.due - (after.paid - amount), ZERO)
    if not after.fee_set:
        message = _("Per il {year} non è stabilita alcuna quota.")
    elif after.due == 0:
        message = _("{member} non deve alcuna quota per il {year}.")
    else:
        message = _("Il pagamento di {amount} supera quanto resta da versare ({outstanding}).")
    raise NeedsConfirmation(
        message.format(
            member=after.member_name,
            year=after.year,
            amount=format_money(amount),
            outstanding=format_money(before),
        )
        + " "
        + _("Registrarlo comunque?")
    )
