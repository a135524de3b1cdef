"""A receipt or payment: new or edited. Categories are grouped by section (only leaves
can be chosen), the funding source is asked for income only, and the counterparty is a
member picked by name or any other party typed freely.

A movement of the membership-fees category with a member pays that member's fee: the
"Quota anno" field says which year's (the date's, unless changed). A date in another
year than the one being looked at is pointed out under the date, since the movement
will be listed there."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.errors import FieldProblem, InvalidValue, NeedsConfirmation, ValidationFailed
from desdesk.domain.money_checks import default_day
from desdesk.domain.money_enums import Account, Flow, FundingSource
from desdesk.domain.text import match_key
from desdesk.i18n import _
from desdesk.money_schemas import CategoryRead, MovementInput, MovementRead
from desdesk.services.base import ConcurrentEdit
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.models.budget_amounts import plain_money
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    ask,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)
from desdesk.ui.widgets.money_fields import account_combo, read_amount

_INDENT = "    "


def category_combo(categories: list[CategoryRead], parent: QWidget | None = None) -> QComboBox:
    """Categories grouped under their section; only leaves can be picked (data: the id)."""
    combo = QComboBox(parent)
    model = QStandardItemModel(combo)
    placeholder = QStandardItem(_("— scegli la categoria —"))
    placeholder.setData(None, Qt.ItemDataRole.UserRole)
    model.appendRow(placeholder)
    for category in categories:
        item = QStandardItem(
            f"{_INDENT * category.depth}{category.label if category.depth else category.name}"
        )
        item.setData(category.id if category.is_leaf else None, Qt.ItemDataRole.UserRole)
        if not category.is_leaf:
            item.setEnabled(False)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        model.appendRow(item)
    combo.setModel(model)
    combo.setMaxVisibleItems(25)
    return combo


class MovementDialog(QDialog):
    """`movement=None` records a new movement (in `year` by default); else edits it."""

    def __init__(
        self,
        workspace: Workspace,
        movement: MovementRead | None = None,
        year: int | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.movement = movement
        self.year = year  # the year the list behind the dialog shows
        self.saved_id: int | None = movement.id if movement else None
        self._declined = False  # the user did not confirm an overpaid fee: stay open
        self.setWindowTitle(
            _("Nuovo movimento") if movement is None else _("Modifica il movimento")
        )
        self.categories = {c.id: c for c in workspace.budget.categories()}
        self.members = workspace.budget.member_choices()
        self.years = {y.year: y.closed for y in workspace.budget.years()}
        form = self.form = Form()
        self.date = form.add("date", _("Data *"), DateField())
        self.amount = form.add("amount", _("Importo (€) *"), QLineEdit())
        self.amount.setPlaceholderText(_("ad esempio 1.234,56"))
        self.amount.setMaximumWidth(160)
        self.amount.editingFinished.connect(self._check_amount)
        self.category = form.add(
            "category_id", _("Categoria *"), category_combo(list(self.categories.values()))
        )
        self.source = form.add(
            "source", _("Fonte"), combo_with([(s.label(), s.value) for s in FundingSource])
        )
        self.counterparty = form.add("counterparty", _("Controparte"), self._counterparty_combo())
        self.fee_year = form.add("fee_year", _("Quota anno"), QComboBox())
        self.fee_year.setToolTip(_("L'anno della quota associativa che questo movimento paga"))
        self.fee_year.setMaximumWidth(120)
        for fee_year in sorted(self.years, reverse=True):
            self.fee_year.addItem(str(fee_year), fee_year)
        # Follows the date until the user picks a year (or the movement already has one).
        self._fee_year_chosen = movement is not None and movement.fee_year is not None
        self.fee_year.activated.connect(self._fee_year_picked)
        self.description = form.add("description", _("Descrizione"), QLineEdit())
        self.document = form.add("document_ref", _("Documento"), QLineEdit())
        self.document.setPlaceholderText(_("n. fattura, ricevuta, bonifico…"))
        self.account = form.add("account", _("Conto"), account_combo())
        self.category.currentIndexChanged.connect(self._category_chosen)
        self.counterparty.currentTextChanged.connect(self._show_fee_year)
        self.date.textChanged.connect(self._date_changed)
        self.date.editingFinished.connect(self._date_changed)  # after the form's own check
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(560, 420)
        if movement is None:
            self.date.set_date(default_day(year, today or date.today()))
            select_data(self.account, Account.BANK.value)
            self._category_chosen()
        else:
            self._fill(movement)
        self._date_changed()
        self._show_fee_year()

    def _counterparty_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", None)
        for member_id, name in self.members:
            combo.addItem(name, member_id)
        completer = combo.completer()
        if completer is not None:
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
        line = combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("un aderente, o chiunque altro"))
        return combo

    def _fill(self, movement: MovementRead) -> None:
        data = movement.data
        self.date.set_date(data.date)
        self.amount.setText(plain_money(data.amount))
        select_data(self.category, data.category_id)
        self._category_chosen()
        if data.source:
            select_data(self.source, data.source)
        if data.member_id is not None:
            if self.counterparty.findData(data.member_id) < 0:
                self.counterparty.addItem(movement.member_name, data.member_id)
            select_data(self.counterparty, data.member_id)
        else:
            self.counterparty.setEditText(data.counterparty)
        self.description.setText(data.description)
        self.document.setText(data.document_ref)
        select_data(self.account, data.account)
        if movement.fee_year is not None:
            self._select_fee_year(movement.fee_year)

    # -- fields ---------------------------------------------------------------------------
    def chosen_category(self) -> CategoryRead | None:
        category_id = self.category.currentData()
        return self.categories.get(category_id) if category_id is not None else None

    def _category_chosen(self, _index: int = 0) -> None:
        """Show the source for income only, starting from the category's own default."""
        category = self.chosen_category()
        income = category is not None and category.flow is Flow.INCOME
        holder = self.source.parentWidget()
        if holder is not None:
            self.form.layout_.setRowVisible(holder, income)
        if category is not None and income:
            default = category.default_source or FundingSource.OTHER
            select_data(self.source, default.value)
        self._show_fee_year()

    # -- the fee year and the date's year -------------------------------------------------
    def _typed_day(self) -> date | None:
        try:
            return self.date.date_value()
        except InvalidValue:
            return None

    def pays_a_fee(self, category: CategoryRead | None, member_id: int | None) -> bool:
        return (
            category is not None
            and category.role == MEMBERSHIP_FEES_ROLE
            and (member_id is not None)
        )

    def _show_fee_year(self, _text: str = "") -> None:
        """ "Quota anno" only for a member's payment in the membership-fees category."""
        shown = self.pays_a_fee(self.chosen_category(), self._read_counterparty()[0])
        holder = self.fee_year.parentWidget()
        if holder is not None:
            self.form.layout_.setRowVisible(holder, shown)

    def _fee_year_picked(self, _index: int) -> None:
        self._fee_year_chosen = True

    def _select_fee_year(self, year: int) -> None:
        if self.fee_year.findData(year) < 0:
            before = [self.fee_year.itemData(i) for i in range(self.fee_year.count())]
            self.fee_year.insertItem(sum(1 for y in before if y > year), str(year), year)
        select_data(self.fee_year, year)

    def _date_changed(self, _text: str = "") -> None:
        """The fee year follows the date's (until picked); a date in another open year
        than the one being looked at is pointed out, without stopping the save."""
        day = self._typed_day()
        if day is None:
            return
        if not self._fee_year_chosen:
            self._select_fee_year(day.year)
        self.form.show_problem("date", self.year_note(day), warning=True)

    def year_note(self, day: date) -> str | None:
        if self.year is None or day.year == self.year or self.years.get(day.year, True):
            return None  # same year, or a closed/missing one (the save says why it fails)
        return _(
            "Il movimento andrà nell'esercizio {year}, non in quello che stai guardando ({shown})."
        ).format(year=day.year, shown=self.year)

    def _check_amount(self) -> None:
        problems: list[FieldProblem] = []
        read_amount(self.form, "amount", problems, required=True)
        self.form.show_problem("amount", problems[0].message if problems else None)

    def _read_counterparty(self) -> tuple[int | None, str]:
        """A member when the text is one of theirs (or was picked), else the text typed."""
        text = self.counterparty.currentText().strip()
        index = self.counterparty.findText(text, Qt.MatchFlag.MatchFixedString)
        if text and index >= 0 and self.counterparty.itemData(index) is not None:
            return int(self.counterparty.itemData(index)), ""
        key = match_key(text)
        for member_id, name in self.members:
            if key and match_key(name) == key:
                return member_id, ""
        return None, text

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        self._declined = False
        save_or_show(self, self.form, self._write, self._conflict)

    def _conflict(self, exc: ConcurrentEdit) -> None:
        """Someone saved the movement since the form read it: reload it if the user
        wants, with its new edit count."""
        if self.movement is None or not ask_to_reload(self, exc, _("Movimento non salvato")):
            return
        self.movement = self.workspace.budget.movement(self.movement.id)
        self._fill(self.movement)
        self._show_fee_year()

    def accept(self) -> None:
        # save_or_show accepts after a write that returned normally; a fee payment the
        # user chose not to confirm returns normally too, and must leave the dialog open.
        if not self._declined:
            super().accept()

    def read(self) -> MovementInput:
        """What the fields say; raises ValidationFailed with every problem found here."""
        problems: list[FieldProblem] = []
        day = self.form.read_date("date", problems, _("Indica la data del movimento."))
        amount = read_amount(self.form, "amount", problems, required=True)
        category = self.chosen_category()
        if category is None:
            problems.append(FieldProblem("category_id", _("Scegli la categoria del movimento.")))
        raise_if(problems)
        assert day is not None and amount is not None and category is not None
        member_id, counterparty = self._read_counterparty()
        fee_year = self.fee_year.currentData() if self.pays_a_fee(category, member_id) else None
        return MovementInput(
            date=day,
            amount=amount,
            category_id=category.id,
            description=self.description.text().strip(),
            source=self.source.currentData() if category.flow is Flow.INCOME else None,
            member_id=member_id,
            counterparty=counterparty,
            document_ref=self.document.text().strip(),
            account=str(self.account.currentData()),
            fee_year=fee_year,
        )

    def _write(self) -> None:
        data = self.read()
        try:
            try:
                self._store(data, confirm=False)
            except NeedsConfirmation as exc:
                if ask(self, _("Conferma il pagamento"), exc.message):
                    self._store(data, confirm=True)
                else:
                    self._declined = True
        except ValidationFailed as exc:
            # The member is the counterparty field here.
            raise ValidationFailed(
                [
                    FieldProblem("counterparty" if p.field == "member_id" else p.field, p.message)
                    for p in exc.problems
                ]
            ) from exc

    def _store(self, data: MovementInput, confirm: bool) -> None:
        if self.movement is None:
            self.saved_id = self.workspace.budget.add_movement(data, confirm=confirm)
        else:
            self.workspace.budget.update_movement(
                self.movement.id, data, confirm=confirm, expected_version=self.movement.version
            )
