"""The rendiconto PDF shows the giroconti in its cassa e banca table (from a real file)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desdesk.domain.money_enums import Account
from desdesk.i18n import format_money
from desdesk.money_schemas import FinancialYearInput, MovementInput, TransferInput
from desdesk.services.workspace import Workspace
from tests.pdfs import flat, read_pdf

D = Decimal


def m(amount: str) -> str:
    """As pypdf reads an amount back (the non-breaking space as a plain one)."""
    return flat(format_money(D(amount)))


def test_the_cash_table_has_the_transfers_column_only_when_there_are_some(
    workspace: Workspace,
) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2026, D("10.00"), D("500.00")))
    ua1 = next(c.id for c in budget.categories() if c.code == "UA1")
    budget.add_movement(MovementInput(date(2026, 3, 1), D("30.00"), ua1, account="cassa"))
    before = flat(read_pdf(workspace.money_documents.budget_bytes(2026)).text)
    assert "Giroconti" not in before
    assert f"Cassa {m('10')} {m('0')} {m('30')} {m('-20')}" in before
    budget.add_transfer(TransferInput(date(2026, 2, 1), D("100.00"), Account.BANK, Account.CASH))
    text = flat(read_pdf(workspace.money_documents.budget_bytes(2026)).text)
    assert "Giroconti" in text
    # Cassa 10 - 30 + 100 = 80; banca 500 - 100 = 400; the transfers total zero
    assert f"Cassa {m('10')} {m('0')} {m('30')} {m('100')} {m('80')}" in text
    assert f"Banca {m('500')} {m('0')} {m('0')} {m('-100')} {m('400')}" in text
    assert f"Totale cassa e banca {m('510')} {m('0')} {m('30')} {m('0')} {m('480')}" in text
