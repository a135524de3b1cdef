"""Giroconti in the GUI: the dialog from Movimenti, the cassa e banca box listing them,
the negative-cash warning, edit and delete."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from desdesk.domain.money_enums import Account
from desdesk.money_schemas import FinancialYearInput, MovementInput, TransferInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.transfer import TransferDialog
from desdesk.ui.widgets.budget_movements import MovementsView
from desdesk.ui.widgets.budget_statement import StatementView

YEAR = 2026
D = Decimal


@pytest.fixture
def year(workspace: Workspace) -> Workspace:
    workspace.budget.open_year(FinancialYearInput(YEAR, D("20.00"), D("1000.00")))
    return workspace


def test_the_dialog_records_a_withdrawal(qtbot, year: Workspace) -> None:
    dialog = TransferDialog(year, None, YEAR, date(YEAR, 5, 20))
    qtbot.addWidget(dialog)
    assert dialog.date.text() == "20/05/2026"
    # From the bank to the cash by default; picking cassa as source turns the target
    assert dialog.from_account.currentData() == Account.BANK.value
    assert dialog.to_account.currentData() == Account.CASH.value
    dialog.from_account.setCurrentIndex(dialog.from_account.findData(Account.CASH.value))
    assert dialog.to_account.currentData() == Account.BANK.value
    dialog.from_account.setCurrentIndex(dialog.from_account.findData(Account.BANK.value))
    qtbot.keyClicks(dialog.amount, "zero")
    dialog.save()
    assert "zero" in dialog.form.error_text("amount")
    # The same account on both sides is refused by the service, under the field
    dialog.amount.setText("150,50")
    dialog.to_account.setCurrentIndex(dialog.to_account.findData(Account.BANK.value))
    dialog.save()
    assert "due conti diversi" in dialog.form.error_text("to_account")
    assert year.budget.transfers() == []
    dialog.to_account.setCurrentIndex(dialog.to_account.findData(Account.CASH.value))
    dialog.description.setText("Prelievo per il mercatino")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (saved,) = year.budget.transfers()
    assert saved.data == TransferInput(
        date(YEAR, 5, 20), D("150.50"), Account.BANK, Account.CASH, "Prelievo per il mercatino"
    )


def test_giroconto_button_in_movimenti(
    qtbot, year: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = MovementsView(year, today=date(YEAR, 5, 20))
    qtbot.addWidget(view)
    view.set_year(YEAR)
    button = view.buttons["transfer"]
    assert button.text() == "Giroconto…" and button.isEnabled()

    def exec_(dialog: TransferDialog) -> int:
        dialog.amount.setText("40")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(TransferDialog, "exec", exec_)
    with qtbot.waitSignal(view.changed):
        button.click()
    assert [t.data.amount for t in year.budget.transfers(YEAR)] == [D("40.00")]
    year.budget.close_year(YEAR)
    view.set_year(YEAR, closed=True)
    assert not button.isEnabled()


def test_cash_box_lists_transfers_and_warns_of_negative_cash(
    qtbot, qtmodeltester, year: Workspace, answer_yes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = year.budget
    ea8 = next(c.id for c in budget.categories() if c.code == "UA1")
    budget.add_movement(MovementInput(date(YEAR, 2, 1), D("50.00"), ea8, account="cassa"))
    view = StatementView(year)
    qtbot.addWidget(view)
    view.set_year(YEAR)
    box = view.cash_box
    # Cassa: 20 - 50 = -30: a movement is probably on the wrong account
    assert box.warning.isVisibleTo(view)
    assert "saldo di cassa negativo" in box.warning.text().lower()
    assert "-30,00" in box.warning.text()
    assert not box.transfers_table.isVisibleTo(view)
    budget.add_transfer(TransferInput(date(YEAR, 1, 15), D("100.00"), Account.BANK, Account.CASH))
    view.refresh()
    assert not box.warning.isVisibleTo(view)
    assert box.transfers_table.isVisibleTo(view)
    qtmodeltester.check(box.cash_model)
    qtmodeltester.check(box.transfers_model)
    cash = box.cash_model.index(0, 4).data()
    bank = box.cash_model.index(1, 4).data()
    assert (cash, bank) == ("+100,00\xa0€", "−100,00\xa0€")
    assert box.cash_model.index(0, 5).data() == "70,00\xa0€"
    assert box.transfers_model.index(0, 1).data() == "Banca → Cassa"
    # Edited with a double click (the dialog answered), deleted after confirming
    box.transfers_table.selectRow(0)

    def exec_(dialog: TransferDialog) -> int:
        assert dialog.amount.text() == "100,00"
        dialog.amount.setText("10")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(TransferDialog, "exec", exec_)
    with qtbot.waitSignal(view.changed):
        box.edit_selected()
    assert box.cash_model.index(0, 5).data() == "-20,00\xa0€"
    assert box.warning.isVisibleTo(view)
    box.transfers_table.selectRow(0)
    assert box.delete_button.isEnabled()
    with qtbot.waitSignal(view.changed):
        box.delete_selected()
    assert answer_yes and budget.transfers() == []
    assert not box.transfers_table.isVisibleTo(view)
