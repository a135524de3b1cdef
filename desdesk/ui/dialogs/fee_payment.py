"""Recording a member's fee payment: amount (the outstanding, to start with), date,
account and document. The service writes the income movement; a payment above what is
due is asked about first, with the service's own words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem, NeedsConfirmation, ValidationFailed
from desdesk.domain.money_checks import default_day
from desdesk.domain.money_enums import Account
from desdesk.i18n import _, format_date, format_money
from desdesk.money_schemas import FeePaymentInput, FeeRow
from desdesk.services.workspace import Workspace
from desdesk.ui.models.budget_amounts import plain_money
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    ask,
    raise_if,
    save_cancel_buttons,
    save_or_show,
)
from desdesk.ui.widgets.money_fields import account_combo, read_amount

# The service may name the payment day as a movement's "date".
_FIELD_ALIASES = {"date": "paid_on"}


def payment_day(open_years: Sequence[int], today: date) -> date:
    """Today when its year is open, else the nearest day of the nearest open year (a
    late fee of a closed year is written into an open one)."""
    if not open_years or today.year in open_years:
        return today
    return default_day(min(open_years, key=lambda y: (abs(y - today.year), -y)), today)


class FeePaymentDialog(QDialog):
    """Closes (accepted) only when a payment was recorded; `movement_id` is its movement."""

    def __init__(
        self,
        workspace: Workspace,
        fee: FeeRow,
        parent: QWidget | None = None,
        open_years: Sequence[int] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.fee = fee
        self.movement_id: int | None = None
        if open_years is None:
            open_years = [y.year for y in workspace.budget.years() if not y.closed]
        self.late = fee.year not in open_years
        self.setWindowTitle(_("Registra pagamento della quota {year}").format(year=fee.year))
        summary = QLabel(self._summary())
        summary.setWordWrap(True)
        self.form = Form()
        self.amount = self.form.add("amount", _("Importo (€) *"), QLineEdit())
        self.amount.setText(plain_money(fee.outstanding if fee.outstanding > 0 else None))
        self.paid_on = self.form.add("paid_on", _("Pagata il *"), DateField())
        self.paid_on.set_date(payment_day(open_years, today or date.today()))
        self.account: QComboBox = self.form.add("account", _("Conto"), account_combo())
        self.account.setCurrentIndex(self.account.findData(Account.BANK.value))
        self.document_ref = self.form.add(
            "document_ref", _("Documento (ricevuta, bonifico)"), QLineEdit()
        )
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(480, 260)

    def _summary(self) -> str:
        fee = self.fee
        text = _("{member}, quota {year}: dovuti {due}, già pagati {paid}.").format(
            member=fee.member_name,
            year=fee.year,
            due=format_money(fee.due),
            paid=format_money(fee.paid),
        )
        if fee.due_on is not None:
            text += " " + _("Scadenza: {date}.").format(date=format_date(fee.due_on))
        if self.late:
            text += "\n" + _(
                "L'esercizio {year} è chiuso: il pagamento in ritardo della quota {year} "
                "va nell'esercizio della data di pagamento, che deve essere aperto."
            ).format(year=fee.year)
        return text

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def accept(self) -> None:
        # save_or_show accepts after a write that returned normally; a payment the user
        # chose not to confirm returns normally too, and must leave the dialog open.
        if self.movement_id is not None:
            super().accept()

    def _read(self) -> FeePaymentInput:
        problems: list[FieldProblem] = []
        amount = read_amount(self.form, "amount", problems, missing=_("Scrivi l'importo pagato."))
        paid_on = self.form.read_date("paid_on", problems, _("Indica quando è stata pagata."))
        raise_if(problems)
        assert amount is not None and paid_on is not None
        return FeePaymentInput(
            member_id=self.fee.member_id,
            year=self.fee.year,
            amount=amount,
            paid_on=paid_on,
            account=str(self.account.currentData()),
            document_ref=self.document_ref.text().strip(),
        )

    def _write(self) -> None:
        data = self._read()
        try:
            try:
                self.movement_id = self.workspace.fees.record_payment(data)
            except NeedsConfirmation as exc:
                if ask(self, _("Conferma il pagamento"), exc.message):
                    self.movement_id = self.workspace.fees.record_payment(data, confirm=True)
        except ValidationFailed as exc:
            raise ValidationFailed(
                [
                    FieldProblem(_FIELD_ALIASES.get(p.field, p.field), p.message)
                    for p in exc.problems
                ]
            ) from exc
