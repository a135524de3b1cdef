"""What a fee is: the year's standard fee and due date, and a member's own fee (amount,
due date, reason) with the way back to the standard one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _, format_money
from desdesk.money_schemas import FeeRow, FinancialYearRead
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.budget_amounts import plain_money
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    ask,
    raise_if,
    save_cancel_buttons,
    save_or_show,
)
from desdesk.ui.widgets.money_fields import read_amount


class DefaultFeeDialog(QDialog):
    """The fee every member owes for `year` unless it has its own; empty = no fee."""

    def __init__(
        self,
        workspace: Workspace,
        year: int,
        current: FinancialYearRead | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year = year
        self.setWindowTitle(_("Quota dell'anno {year}").format(year=year))
        hint = QLabel(
            _(
                "La quota che ogni aderente versa per il {year}, salvo quote personalizzate. "
                "Lascia vuoto l'importo se per quest'anno non è prevista una quota."
            ).format(year=year)
        )
        hint.setWordWrap(True)
        self.form = Form()
        self.amount = self.form.add("default_fee", _("Quota (€)"), QLineEdit())
        self.due_on = self.form.add("fee_due_on", _("Da pagare entro il"), DateField())
        if current is not None:
            self.amount.setText(plain_money(current.data.default_fee))
            self.due_on.set_date(current.data.fee_due_on)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(460, 220)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        amount = read_amount(self.form, "default_fee", problems, positive=False)
        due_on = self.form.read_date("fee_due_on", problems)
        raise_if(problems)
        self.workspace.fees.set_default_fee(self.year, amount, due_on)


class FeeOverrideDialog(QDialog):
    """A member's own fee for the year (zero: exempt), or back to the standard fee."""

    def __init__(self, workspace: Workspace, fee: FeeRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.fee = fee
        self.setWindowTitle(_("Quota personalizzata"))
        intro = QLabel(
            _("{member}, quota {year} (ora {due}). Scrivi 0 per esentare l'aderente.").format(
                member=fee.member_name, year=fee.year, due=format_money(fee.due)
            )
        )
        intro.setWordWrap(True)
        self.form = Form()
        self.amount = self.form.add("amount", _("Quota (€) *"), QLineEdit())
        self.amount.setText(plain_money(fee.due))
        self.due_on = self.form.add("due_on", _("Da pagare entro il"), DateField())
        self.due_on.set_date(fee.due_on)
        self.reason = self.form.add("reason", _("Motivo"), QLineEdit())
        self.reason.setText(fee.reason)
        buttons = save_cancel_buttons(self, self.save)
        self.restore_button = buttons.addButton(
            _("Ripristina quota standard"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore_button.setEnabled(fee.overridden)
        self.restore_button.clicked.connect(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(480, 260)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        amount = read_amount(self.form, "amount", problems, positive=False)
        if amount is None and not problems:
            problems.append(FieldProblem("amount", _("Scrivi la quota (0 per esentare).")))
        due_on = self.form.read_date("due_on", problems)
        raise_if(problems)
        assert amount is not None
        self.workspace.fees.set_override(
            self.fee.member_id, self.fee.year, amount, due_on, self.reason.text().strip()
        )

    def restore(self) -> None:
        question = _("Riportare {member} alla quota standard del {year}?").format(
            member=self.fee.member_name, year=self.fee.year
        )
        if not ask(self, _("Ripristina quota standard"), question):
            return
        try:
            self.workspace.fees.clear_override(self.fee.member_id, self.fee.year)
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()
