"""A receipt or payment: new or edited. Categories are grouped by section (only leaves
can be chosen), the funding source is asked for income only, and the counterparty is a
member picked by name or any other party typed freely."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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

from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.money import parse_positive_money
from desdesk.domain.money_enums import Account, Flow, FundingSource
from desdesk.domain.text import match_key
from desdesk.i18n import _
from desdesk.money_schemas import CategoryRead, MovementInput, MovementRead
from desdesk.services.workspace import Workspace
from desdesk.ui.models.budget_amounts import plain_money
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)

_INDENT = "    "


def default_day(year: int | None, today: date) -> date:
    """Today, or the nearest day of `year` when today is in another year."""
    if year is None or year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


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
        self.saved_id: int | None = movement.id if movement else None
        self.setWindowTitle(
            _("Nuovo movimento") if movement is None else _("Modifica il movimento")
        )
        self.categories = {c.id: c for c in workspace.budget.categories()}
        self.members = workspace.budget.member_choices()
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
        self.description = form.add("description", _("Descrizione"), QLineEdit())
        self.document = form.add("document_ref", _("Documento"), QLineEdit())
        self.document.setPlaceholderText(_("n. fattura, ricevuta, bonifico…"))
        self.account = form.add(
            "account", _("Conto"), combo_with([(a.label(), a.value) for a in Account])
        )
        self.category.currentIndexChanged.connect(self._category_chosen)
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

    def _check_amount(self) -> None:
        problems: list[FieldProblem] = []
        self._read_amount(problems)
        self.form.show_problem("amount", problems[0].message if problems else None)

    def _read_amount(self, problems: list[FieldProblem]) -> Decimal | None:
        try:
            return parse_positive_money(self.amount.text())
        except InvalidValue as exc:
            problems.append(FieldProblem("amount", exc.message))
            return None

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
        save_or_show(self, self.form, self._write)

    def read(self) -> MovementInput:
        """What the fields say; raises ValidationFailed with every problem found here."""
        problems: list[FieldProblem] = []
        day = self.form.read_date("date", problems)
        if day is None and not problems:
            problems.append(FieldProblem("date", _("Indica la data del movimento.")))
        amount = self._read_amount(problems)
        category = self.chosen_category()
        if category is None:
            problems.append(FieldProblem("category_id", _("Scegli la categoria del movimento.")))
        raise_if(problems)
        assert day is not None and amount is not None and category is not None
        member_id, counterparty = self._read_counterparty()
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
        )

    def _write(self) -> None:
        data = self.read()
        if self.movement is None:
            self.saved_id = self.workspace.budget.add_movement(data)
        else:
            self.workspace.budget.update_movement(self.movement.id, data)
