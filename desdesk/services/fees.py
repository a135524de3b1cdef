"""Membership fees (quote di adesione): the district's default per year, a member's own
amount when it differs (0 = exempt), and payments.

A payment is an income movement of the membership-fees category carrying the member
and the fee year, written through `insert_movement`: the budget and the fees read the
same rows, so nothing is typed twice, and editing or deleting the movement in the
budget changes what the fee shows as paid. The link itself (fees category, member, fee
year) is kept by the movement rules in `movements.py`, and read in `fee_rows.py`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.money_models import BudgetCategory, FeeOverride, FinancialYear
from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.money import to_cents
from desdesk.domain.money_enums import FundingSource
from desdesk.i18n import _, format_date, format_money
from desdesk.money_schemas import FeePaymentInput, FeeRow, MovementInput
from desdesk.services.base import Service
from desdesk.services.budget_years import require_open_year
from desdesk.services.fee_rows import MemberSpan, confirm_fee_amount, fee_rows, member_spans
from desdesk.services.movements import insert_movement


def _check_amount(amount: Decimal, field: str = "amount") -> Decimal:
    if amount < 0:
        raise ValidationFailed([FieldProblem(field, _("La quota non può essere negativa."))])
    return to_cents(amount)


def _active_member(session: Session, member_id: int, year: int) -> MemberSpan:
    found = member_spans(session, member_id)
    if not found:
        raise ValidationFailed(
            [FieldProblem("member_id", _("L'aderente indicato non esiste più."))]
        )
    member = found[0]
    if not member.active_in(year):
        message = _("{name} non era aderente nel {year}: non ha una quota per quell'anno.")
        raise ValidationFailed(
            [FieldProblem("member_id", message.format(name=member.name, year=year))]
        )
    return member


def _fees_category(session: Session) -> int:
    query = select(BudgetCategory.id).where(BudgetCategory.role == MEMBERSHIP_FEES_ROLE)
    category_id = session.execute(query).scalars().first()
    if category_id is None:
        raise Conflict(
            _(
                "Manca la categoria delle quote associative nel bilancio: "
                "non so dove registrare il pagamento."
            )
        )
    return category_id


class FeesService(Service):
    def fees(self, year: int, today: date | None = None) -> list[FeeRow]:
        """Every member active at any time in `year`, by name (`today` is for the caller's
        status; the rows do not depend on it)."""
        with self._reading() as session:
            return fee_rows(session, year)

    def fee(self, member_id: int, year: int) -> FeeRow:
        with self._reading() as session:
            rows = fee_rows(session, year, member_id)
        if not rows:
            raise NotFound(_("L'aderente non ha una quota per il {year}.").format(year=year))
        return rows[0]

    def outstanding(self, year: int, today: date | None = None) -> list[FeeRow]:
        """The fees not (fully) paid yet."""
        return [row for row in self.fees(year, today) if row.outstanding > 0]

    def set_default_fee(self, year: int, amount: Decimal | None, due_on: date | None) -> None:
        """The fee every member owes for `year` unless it has its own (None: no fee set)."""
        clean = None if amount is None else _check_amount(amount)
        with self._unit_of_work() as session:
            row = require_open_year(session, year, "year")
            row.default_fee = clean
            row.fee_due_on = due_on

    def set_override(
        self, member_id: int, year: int, amount: Decimal, due_on: date | None, reason: str
    ) -> None:
        """The member's own fee for `year` (0 = exempt), replacing the default."""
        clean = _check_amount(amount)
        with self._unit_of_work() as session:
            require_open_year(session, year, "year")
            _active_member(session, member_id, year)
            override = _override(session, member_id, year)
            if override is None:
                override = FeeOverride(member_id=member_id, year=year, amount=clean)
                session.add(override)
            override.amount = clean
            override.due_on = due_on
            override.reason = reason.strip()

    def clear_override(self, member_id: int, year: int) -> None:
        """Back to the district's default fee."""
        with self._unit_of_work() as session:
            require_open_year(session, year, "year")
            override = _override(session, member_id, year)
            if override is not None:
                session.delete(override)

    def record_payment(self, data: FeePaymentInput, confirm: bool = False) -> int:
        """Write the payment as an income movement and return its id. A payment above
        what is still due raises NeedsConfirmation (nothing written) unless `confirm`."""
        with self._unit_of_work() as session:
            if session.get(FinancialYear, data.year) is None:
                message = _(
                    "L'anno {year} non esiste nel bilancio: aprilo e indica la quota "
                    "prima di registrarne i pagamenti."
                )
                raise ValidationFailed([FieldProblem("year", message.format(year=data.year))])
            member = _active_member(session, data.member_id, data.year)
            movement = MovementInput(
                date=data.paid_on,
                amount=data.amount,
                category_id=_fees_category(session),
                description=data.description.strip()
                or _("Quota {year} – {member}").format(year=data.year, member=member.name),
                source=FundingSource.MEMBER_FEES.value,
                member_id=member.id,
                document_ref=data.document_ref,
                account=data.account,
            )
            written = insert_movement(session, movement, fee_year=data.year)
            if not confirm:
                confirm_fee_amount(session, member.id, data.year, written.amount)
            assert written.id is not None
            return written.id

    def reminder_text(self, member_id: int, year: int, today: date | None = None) -> str:
        """A polite letter body asking for the fee still due (to copy into an e-mail)."""
        today = today or date.today()
        row = self.fee(member_id, year)
        lines = [
            _("Gentile {member},").format(member=row.member_name),
            "",
            _(
                "vi scriviamo per ricordarvi la quota di adesione al distretto per il {year}."
            ).format(year=year),
            "",
            _("Quota dovuta: {amount}").format(amount=format_money(row.due)),
            _("Già versato: {amount}").format(amount=format_money(row.paid)),
            _("Da versare: {amount}").format(amount=format_money(row.outstanding)),
        ]
        if row.due_on is not None:
            due = format_date(row.due_on)
            lines.append(
                _("Scadenza: {date} (già passata)").format(date=due)
                if today > row.due_on
                else _("Scadenza: {date}").format(date=due)
            )
        lines += [
            "",
            _(
                "Potete versarla con le modalità consuete indicate dal distretto; se l'avete già "
                "fatto, scusateci e inviateci gli estremi del pagamento."
            ),
            "",
            _("Grazie per il vostro sostegno."),
            _("Cordiali saluti,"),
            _("la segreteria del distretto"),
        ]
        return "\n".join(lines)


def _override(session: Session, member_id: int, year: int) -> FeeOverride | None:
    query = select(FeeOverride).where(FeeOverride.member_id == member_id, FeeOverride.year == year)
    return session.execute(query).scalar_one_or_none()
