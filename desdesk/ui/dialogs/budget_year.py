"""A financial year: opened (its fee prefilled from last year's) or edited (openings,
default membership fee and due date, notes). The openings either follow last year's
closing balances (the box "Riporta i saldi…", computed by the service whenever read) or
are typed: the first year, or a district that starts keeping accounts mid-history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.money import ZERO, parse_money
from desdesk.domain.money_checks import FIRST_YEAR, LAST_YEAR
from desdesk.domain.money_enums import Account
from desdesk.i18n import _
from desdesk.money_schemas import FinancialYearInput, FinancialYearRead
from desdesk.services.workspace import Workspace
from desdesk.ui.models.budget_amounts import plain_money
from desdesk.ui.widgets.forms import DateField, Form, raise_if, save_cancel_buttons, save_or_show


def _shift_year(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class YearDialog(QDialog):
    """`existing=None` opens a new year (`suggested` first); otherwise edits that year."""

    def __init__(
        self,
        workspace: Workspace,
        existing: FinancialYearRead | None = None,
        suggested: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.existing = existing
        self.known = {y.year: y for y in workspace.budget.years()}
        self.setWindowTitle(
            _("Nuovo esercizio")
            if existing is None
            else _("Esercizio {year}").format(year=existing.year)
        )
        form = self.form = Form()
        self.year = form.add("year", _("Anno *"), QSpinBox())
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setMaximumWidth(100)
        self.carry = form.add(
            "carry_openings",
            "",
            QCheckBox(_("Riporta i saldi di chiusura dell'esercizio precedente")),
        )
        self.carry.toggled.connect(self._carry_toggled)
        self.opening_cash = form.add("opening_cash", _("Saldo iniziale di cassa (€)"), QLineEdit())
        self.opening_bank = form.add("opening_bank", _("Saldo iniziale in banca (€)"), QLineEdit())
        self.default_fee = form.add("default_fee", _("Quota associativa annua (€)"), QLineEdit())
        self.default_fee.setPlaceholderText(_("vuoto: nessuna quota"))
        self.fee_due_on = form.add("fee_due_on", _("Quota da pagare entro il"), DateField())
        self.notes = form.add("notes", _("Note"), QPlainTextEdit())
        self.notes.setMaximumHeight(80)
        for field in (self.opening_cash, self.opening_bank, self.default_fee):
            field.setMaximumWidth(160)
        self.prefill_note = QLabel()
        self.prefill_note.setObjectName("prefillNote")
        self.prefill_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.prefill_note)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(480, 380)
        if existing is None:
            self.year.setValue(suggested or date.today().year)
            self._prefill(self.year.value())
            self.year.valueChanged.connect(self._prefill)
        else:
            self.year.setValue(existing.year)
            self.year.setEnabled(False)
            self._fill(existing.data)
            self._set_carry(existing.year, bool(existing.data.carry_openings))

    def _fill(self, data: FinancialYearInput) -> None:
        self._set_openings(data.opening_cash, data.opening_bank)
        self.default_fee.setText(plain_money(data.default_fee) if data.default_fee else "")
        self.fee_due_on.set_date(data.fee_due_on)
        self.notes.setPlainText(data.notes)

    def _set_openings(self, cash: Decimal, bank: Decimal) -> None:
        self.opening_cash.setText(plain_money(cash))
        self.opening_bank.setText(plain_money(bank))

    def _set_carry(self, year: int, carry: bool) -> None:
        """The box is offered only when the previous year is on file."""
        has_previous = year - 1 in self.known
        self.carry.setEnabled(has_previous)
        self.carry.setChecked(carry and has_previous)
        self._carry_toggled(self.carry.isChecked())

    def _carry_toggled(self, checked: bool) -> None:
        """Checked: the fields show last year's closing balances, read-only."""
        for field in (self.opening_cash, self.opening_bank):
            field.setReadOnly(checked)
        if checked:
            closing = self._previous_closing(self.year.value())
            self._set_openings(closing.get(Account.CASH, ZERO), closing.get(Account.BANK, ZERO))

    def _previous_closing(self, year: int) -> dict[Account, Decimal]:
        cash = self.workspace.budget.statement(year - 1).cash
        return {line.account: line.closing for line in cash}

    def _prefill(self, year: int) -> None:
        """Last year's fee, and its closing balances carried over, when it is on file."""
        previous = self.known.get(year - 1)
        if previous is None:
            self._fill(FinancialYearInput(year=year))
            self._set_carry(year, False)
            self.prefill_note.setText("")
            return
        self._fill(
            FinancialYearInput(
                year=year,
                default_fee=previous.data.default_fee,
                fee_due_on=_shift_year(previous.data.fee_due_on, 1),
            )
        )
        self._set_carry(year, True)
        self.prefill_note.setText(
            _("Saldi iniziali e quota ripresi dall'esercizio {year}.").format(year=year - 1)
        )

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _money(self, field: str, editor: QLineEdit, problems: list[FieldProblem]) -> Decimal | None:
        text = editor.text().strip()
        if not text:
            return None
        try:
            return parse_money(text)
        except InvalidValue as exc:
            problems.append(FieldProblem(field, exc.message))
            return None

    def read(self) -> FinancialYearInput:
        problems: list[FieldProblem] = []
        carried = self.carry.isEnabled() and self.carry.isChecked()
        cash = bank = None  # carried: the service computes them
        if not carried:
            cash = self._money("opening_cash", self.opening_cash, problems)
            bank = self._money("opening_bank", self.opening_bank, problems)
        fee = self._money("default_fee", self.default_fee, problems)
        due = self.form.read_date("fee_due_on", problems)
        raise_if(problems)
        return FinancialYearInput(
            year=self.year.value(),
            opening_cash=cash or ZERO,
            opening_bank=bank or ZERO,
            default_fee=fee,
            fee_due_on=due,
            notes=self.notes.toPlainText().strip(),
            carry_openings=carried,
        )

    def _write(self) -> None:
        data = self.read()
        if self.existing is None:
            self.workspace.budget.open_year(data)
        else:
            self.workspace.budget.update_year(data)
