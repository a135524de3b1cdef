"""The Rendiconto's "Cassa e banca" box: each account's opening, income, expenses,
giroconti and closing, a warning when the cash ends below zero, and the year's
giroconti (double click to edit, or delete)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.money_enums import Account
from desdesk.i18n import N_, _, format_date, format_money
from desdesk.money_schemas import CashLine, TransferRead, YearStatement
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.transfer import TransferDialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.budget_amounts import AmountRowsModel
from desdesk.ui.models.rows import TextColumn
from desdesk.ui.widgets.forms import ERROR_STYLE, ask
from desdesk.ui.widgets.tables import make_table


def signed_money(amount: Decimal) -> str:
    """+1.234,56 € / −1.234,56 € (a net movement of money), blank when zero."""
    if not amount:
        return ""
    return ("+" if amount > 0 else "−") + format_money(abs(amount))


CASH_COLUMNS: tuple[TextColumn[CashLine], ...] = (
    TextColumn(N_("Conto"), lambda c: c.account.label()),
    TextColumn(N_("Saldo iniziale"), lambda c: format_money(c.opening)),
    TextColumn(N_("Entrate"), lambda c: format_money(c.income)),
    TextColumn(N_("Uscite"), lambda c: format_money(c.expenses)),
    TextColumn(N_("Giroconti"), lambda c: signed_money(c.transfers_in - c.transfers_out)),
    TextColumn(N_("Saldo finale"), lambda c: format_money(c.closing)),
)

TRANSFER_COLUMNS: tuple[TextColumn[TransferRead], ...] = (
    TextColumn(N_("Data"), lambda t: format_date(t.data.date)),
    TextColumn(
        N_("Giroconto"),
        lambda t: f"{t.data.from_account.label()} → {t.data.to_account.label()}",
    ),
    TextColumn(N_("Importo"), lambda t: format_money(t.data.amount)),
    TextColumn(N_("Descrizione"), lambda t: t.data.description),
)


def negative_cash(view: YearStatement | None) -> CashLine | None:
    """The cash line when it closes below zero (money cannot be spent from an empty
    box: a movement is probably on the wrong account)."""
    if view is None:
        return None
    for line in view.cash:
        if line.account is Account.CASH and line.closing < 0:
            return line
    return None


class CashBox(QGroupBox):
    """`changed` after a giroconto is edited or deleted here."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(_("Cassa e banca"), parent)
        self.workspace = workspace
        self.year: int | None = None
        self.closed = False
        self.cash_model: AmountRowsModel[CashLine] = AmountRowsModel(
            CASH_COLUMNS, (1, 2, 3, 4, 5), self
        )
        self.cash_table = make_table(self.cash_model, self, sortable=False)
        self.cash_table.setObjectName("cashTable")
        # Six short columns: share the width instead of scrolling the closing out of view.
        self.cash_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.warning = QLabel()
        self.warning.setObjectName("cashWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ERROR_STYLE)
        self.transfers_model: AmountRowsModel[TransferRead] = AmountRowsModel(
            TRANSFER_COLUMNS, (2,), self
        )
        self.transfers_table = make_table(self.transfers_model, self, sortable=False)
        self.transfers_table.setObjectName("transfersTable")
        self.transfers_table.setColumnWidth(0, 85)
        self.transfers_table.setColumnWidth(1, 130)
        self.transfers_table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.transfers_label = QLabel(_("Giroconti dell'anno (doppio clic per modificare):"))
        self.delete_button = QPushButton(_("Elimina giroconto…"))
        self.delete_button.setObjectName("deleteTransferButton")
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_selected())
        self.transfers_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.cash_table, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.transfers_label)
        layout.addWidget(self.transfers_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_button)
        layout.addLayout(row)

    def show_statement(self, view: YearStatement | None) -> None:
        self.year = view.year if view else None
        self.closed = bool(view and view.closed)
        self.cash_model.set_rows(list(view.cash) if view else [])
        negative = negative_cash(view)
        self.warning.setText(
            _(
                "Saldo di cassa negativo ({amount}): un movimento è forse sul conto sbagliato."
            ).format(amount=format_money(negative.closing))
            if negative
            else ""
        )
        self.warning.setVisible(negative is not None)
        rows = self.workspace.budget.transfers(self.year) if self.year is not None else []
        self.transfers_model.set_rows(rows)
        for widget in (self.transfers_label, self.transfers_table, self.delete_button):
            widget.setVisible(bool(rows))
        self._update_buttons()

    def selected(self) -> TransferRead | None:
        rows = self.transfers_table.selectionModel().selectedRows()
        return self.transfers_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected() is not None and not self.closed)

    def edit_selected(self) -> None:
        transfer = self.selected()
        if transfer is None or self.closed:
            return
        if TransferDialog(self.workspace, transfer, self.year, parent=self).exec():
            self.changed.emit()

    def delete_selected(self) -> None:
        transfer = self.selected()
        if transfer is None:
            return
        question = _("Eliminare il giroconto del {date} di {amount}?").format(
            date=format_date(transfer.data.date), amount=format_money(transfer.data.amount)
        )
        if not ask(self, _("Elimina il giroconto"), question):
            return
        try:
            self.workspace.budget.delete_transfer(transfer.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.changed.emit()
