"""Transfers between cassa and banca (giroconto): money that changes account only.

They move the cash and bank balances and nothing else: not income, not expenses, so
the statement, H5 and H6 never see them. Like a movement, a transfer is written only
into a year that is open.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.money_models import Transfer
from desdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from desdesk.domain.money import to_cents
from desdesk.domain.money_checks import year_bounds
from desdesk.domain.money_enums import Account
from desdesk.i18n import _
from desdesk.money_schemas import TransferInput, TransferRead
from desdesk.services.budget_years import require_open_year


def _read(row: Transfer) -> TransferRead:
    assert row.id is not None
    return TransferRead(
        row.id,
        TransferInput(
            date=row.date,
            amount=row.amount,
            from_account=Account(row.from_account),
            to_account=Account(row.to_account),
            description=row.description,
            document_ref=row.document_ref,
        ),
    )


def read_transfers(session: Session, year: int | None = None) -> list[TransferRead]:
    """Newest first (date, then id)."""
    query = select(Transfer)
    if year is not None:
        query = query.where(Transfer.date.between(*year_bounds(year)))  # type: ignore[attr-defined]
    query = query.order_by(Transfer.date.desc(), Transfer.id.desc())  # type: ignore[attr-defined]
    return [_read(row) for row in session.scalars(query)]


def load_transfer(session: Session, transfer_id: int) -> Transfer:
    row = session.get(Transfer, transfer_id)
    if row is None:
        raise NotFound(_("Il giroconto non esiste più."))
    return row


def _account(value: object) -> Account | None:
    try:
        return Account(value)
    except ValueError:
        return None


def _check(data: TransferInput) -> TransferInput:
    problems: list[FieldProblem] = []
    if to_cents(data.amount) <= 0:
        problems.append(FieldProblem("amount", _("L'importo deve essere maggiore di zero.")))
    source, target = _account(data.from_account), _account(data.to_account)
    if source is None:
        problems.append(FieldProblem("from_account", _("Scegli il conto da cui escono i soldi.")))
    if target is None:
        problems.append(FieldProblem("to_account", _("Scegli il conto in cui entrano i soldi.")))
    if source is not None and source == target:
        message = _("Il giroconto sposta soldi tra due conti diversi: scegli l'altro conto.")
        problems.append(FieldProblem("to_account", message))
    if problems:
        raise ValidationFailed(problems)
    assert source is not None and target is not None
    return TransferInput(
        data.date,
        to_cents(data.amount),
        source,
        target,
        data.description.strip(),
        data.document_ref.strip(),
    )


def _apply(row: Transfer, data: TransferInput) -> None:
    row.date = data.date
    row.amount = data.amount
    row.from_account = data.from_account.value
    row.to_account = data.to_account.value
    row.description = data.description
    row.document_ref = data.document_ref


def add_transfer(session: Session, data: TransferInput) -> int:
    clean = _check(data)
    require_open_year(session, clean.date.year, "date")
    row = Transfer(date=clean.date, amount=clean.amount, from_account="", to_account="")
    _apply(row, clean)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def update_transfer(session: Session, transfer_id: int, data: TransferInput) -> None:
    """Both the year it was in and the year it goes to must be open."""
    row = load_transfer(session, transfer_id)
    clean = _check(data)
    require_open_year(session, row.date.year, "date")
    require_open_year(session, clean.date.year, "date")
    _apply(row, clean)


def delete_transfer(session: Session, transfer_id: int) -> None:
    row = load_transfer(session, transfer_id)
    require_open_year(session, row.date.year, "date")
    session.delete(row)
