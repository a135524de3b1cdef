"""A giroconto: money moved between cassa and banca (a withdrawal, a deposit). It is
neither income nor expense, so it changes the two balances and nothing else."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from desdesk.domain.errors import FieldProblem
from desdesk.domain.money_checks import default_day
from desdesk.domain.money_enums import Account
from desdesk.i18n import _
from desdesk.money_schemas import TransferInput, TransferRead
from desdesk.services.workspace import Workspace
from desdesk.ui.models.budget_amounts import plain_money
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)
from desdesk.ui.widgets.money_fields import account_combo, read_amount


class TransferDialog(QDialog):
    """`transfer=None` records a new giroconto (in `year` by default); else edits it."""

    def __init__(
        self,
        workspace: Workspace,
        transfer: TransferRead | None = None,
        year: int | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.transfer = transfer
        self.setWindowTitle(_("Nuovo giroconto") if transfer is None else _("Giroconto"))
        form = self.form = Form()
        self.date = form.add("date", _("Data *"), DateField())
        self.amount = form.add("amount", _("Importo (€) *"), QLineEdit())
        self.amount.setMaximumWidth(160)
        self.from_account = form.add("from_account", _("Dal conto *"), account_combo(self))
        self.to_account = form.add("to_account", _("Al conto *"), account_combo(self))
        self.description = form.add("description", _("Descrizione"), QLineEdit())
        self.description.setPlaceholderText(_("ad esempio: prelievo per le spese di cassa"))
        self.document_ref = form.add("document_ref", _("Documento"), QLineEdit())
        hint = QLabel(
            _("Un giroconto sposta soldi tra cassa e banca: non è un'entrata né un'uscita.")
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(460, 320)
        self.from_account.currentIndexChanged.connect(self._other_account)
        if transfer is None:
            self.date.set_date(default_day(year, today or date.today()))
            select_data(self.from_account, Account.BANK.value)
            self._other_account()
        else:
            data = transfer.data
            self.date.set_date(data.date)
            self.amount.setText(plain_money(data.amount))
            select_data(self.from_account, data.from_account.value)
            select_data(self.to_account, data.to_account.value)
            self.description.setText(data.description)
            self.document_ref.setText(data.document_ref)

    def _other_account(self) -> None:
        """With two accounts, the money goes to the one it does not come from."""
        source = self.from_account.currentData()
        for index in range(self.to_account.count()):
            if self.to_account.itemData(index) != source:
                self.to_account.setCurrentIndex(index)
                return

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def read(self) -> TransferInput:
        problems: list[FieldProblem] = []
        day = self.form.read_date("date", problems, _("Scrivi la data del giroconto."))
        amount = read_amount(self.form, "amount", problems, required=True)
        raise_if(problems)
        assert day is not None and amount is not None
        return TransferInput(
            date=day,
            amount=amount,
            from_account=Account(self.from_account.currentData()),
            to_account=Account(self.to_account.currentData()),
            description=self.description.text().strip(),
            document_ref=self.document_ref.text().strip(),
        )

    def _write(self) -> None:
        data = self.read()
        if self.transfer is None:
            self.workspace.budget.add_transfer(data)
        else:
            self.workspace.budget.update_transfer(self.transfer.id, data)
