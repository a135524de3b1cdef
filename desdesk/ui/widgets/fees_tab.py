"""The Quote tab of Bilancio: the year's fee, each member's fee and payments, and the
actions on them (record a payment, a member's own fee, a reminder)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import NotFound
from desdesk.i18n import _, format_date, format_money
from desdesk.money_schemas import FeeRow, FinancialYearRead
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.fee_override import DefaultFeeDialog, FeeOverrideDialog
from desdesk.ui.dialogs.fee_payment import FeePaymentDialog
from desdesk.ui.dialogs.reminder import ReminderDialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.fees import FeesModel, FeesProxy, fee_totals
from desdesk.ui.widgets.tables import make_table, selected_source_row


class FeesTab(QWidget):
    """Membership fees of one year; `changed` after anything was saved."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year = date.today().year
        self.financial_year: FinancialYearRead | None = None
        self.open_years: list[int] = []  # where a (late) payment can be written
        self.model = FeesModel()
        self.proxy = FeesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, sortable=False)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.record_payment())
        self.fee_label = QLabel()
        self.fee_label.setWordWrap(True)
        self.edit_fee_button = QPushButton(_("Modifica quota dell'anno…"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cerca un aderente"))
        self.search.setClearButtonEnabled(True)
        self.only_outstanding = QCheckBox(_("Solo da pagare"))
        self.totals_label = QLabel()
        self.pay_button = QPushButton(_("Registra pagamento…"))
        self.override_button = QPushButton(_("Quota personalizzata…"))
        self.reminder_button = QPushButton(_("Promemoria…"))
        self._lay_out()
        self.edit_fee_button.clicked.connect(self.edit_default_fee)
        self.search.textChanged.connect(self.proxy.set_text)
        self.only_outstanding.toggled.connect(self.proxy.set_only_outstanding)
        self.pay_button.clicked.connect(self.record_payment)
        self.override_button.clicked.connect(self.override)
        self.reminder_button.clicked.connect(self.reminder)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()  # empty until `set_year` (or `refresh`) reads the fees

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.fee_label, 1)
        top.addWidget(self.edit_fee_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.only_outstanding)
        buttons = QHBoxLayout()
        for button in (self.pay_button, self.override_button, self.reminder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        layout.addLayout(buttons)

    # -- reading ---------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        """Read the year and its fees again (a failure is shown, never raised)."""
        try:
            self.financial_year = self._read_year()
            self.open_years = [y.year for y in self.workspace.budget.years() if not y.closed]
            rows = self.workspace.fees.fees(self.year, self.model.today)
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.fee_label.setText(self._fee_text())
        totals = fee_totals(rows)
        self.totals_label.setText(
            _("Totale dovuto {due} · pagato {paid} · da pagare {outstanding}").format(
                due=format_money(totals.due),
                paid=format_money(totals.paid),
                outstanding=format_money(totals.outstanding),
            )
        )
        self._update_buttons()

    def _read_year(self) -> FinancialYearRead | None:
        try:
            return self.workspace.budget.year(self.year)
        except NotFound:
            return None

    def _fee_text(self) -> str:
        year = self.financial_year
        if year is None:
            return _(
                "L'esercizio {year} non è ancora aperto: aprilo con «Nuovo esercizio…» per "
                "stabilire la quota e registrarne i pagamenti."
            ).format(year=self.year)
        fee = year.data.default_fee
        if year.closed:
            closed = " " + _(
                "L'esercizio è chiuso: le quote non si modificano più, ma i pagamenti arrivati "
                "in ritardo si registrano nell'esercizio aperto in cui sono stati fatti."
            )
        else:
            closed = ""
        if fee is None:
            return _("Nessuna quota stabilita per il {year}.").format(year=self.year) + closed
        text = _("Quota {year}: {amount}").format(year=self.year, amount=format_money(fee))
        if year.data.fee_due_on is not None:
            text += " " + _("entro il {date}").format(date=format_date(year.data.fee_due_on))
        return text + closed

    def selected(self) -> FeeRow | None:
        row = selected_source_row(self.table)
        return None if row is None else self.model.row_at(row)

    def _update_buttons(self) -> None:
        fee = self.selected()
        open_year = self.financial_year is not None and not self.financial_year.closed
        # A closed year's fee can still be paid late, into a year that is open.
        payable = self.financial_year is not None and bool(self.open_years)
        self.edit_fee_button.setEnabled(open_year)
        self.pay_button.setEnabled(fee is not None and payable)
        self.override_button.setEnabled(fee is not None and open_year)
        self.reminder_button.setEnabled(fee is not None and fee.outstanding > 0)

    # -- actions ---------------------------------------------------------------------------
    def _run(self, dialog: QDialog) -> bool:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.refresh()
        self.changed.emit()
        return True

    def edit_default_fee(self) -> None:
        self._run(DefaultFeeDialog(self.workspace, self.year, self.financial_year, self))

    def record_payment(self) -> None:
        fee = self.selected()
        if fee is not None and self.pay_button.isEnabled():
            dialog = FeePaymentDialog(
                self.workspace, fee, self, open_years=self.open_years, today=self.model.today
            )
            self._run(dialog)

    def override(self) -> None:
        fee = self.selected()
        if fee is not None:
            self._run(FeeOverrideDialog(self.workspace, fee, self))

    def reminder(self) -> None:
        fee = self.selected()
        if fee is None:
            return
        text = self._safely(
            lambda: self.workspace.fees.reminder_text(fee.member_id, self.year, self.model.today)
        )
        if text is not None:
            ReminderDialog(fee.member_name, text, self).exec()

    def _safely(self, read: Callable[[], str]) -> str | None:
        try:
            return read()
        except Exception as exc:
            show_error(self, exc)
            return None
