"""The Rendiconto table: plan vs actual of one year in the Modello D layout, as flat rows
indented by depth, with the Preventivo of leaf categories editable in place.

Rows are built once per load from the service's `YearStatement` (`statement_rows`); the
model only looks them up. Saving a planned amount goes through `save_plan`, set by the
view: the model parses what was typed and reports refusals with `refused` (nothing is
written then).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desdesk.domain.budget_rules import OPERATING_SECTIONS, Amounts, Statement, StatementLine
from desdesk.domain.errors import DesdeskError
from desdesk.domain.money import ZERO, parse_money
from desdesk.domain.money_enums import BudgetSection, Flow
from desdesk.i18n import N_, _, babel_locale, format_money
from desdesk.money_schemas import YearStatement
from desdesk.ui.models.budget_amounts import plain_money

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
NEGATIVE = QBrush(QColor("#b00020"))
_RESULT_BACKGROUND = QBrush(QColor("#eef1f5"))
_INDENT = "    "

CATEGORY, PLANNED, ACTUAL, VARIANCE, PERCENT, PREVIOUS = range(6)
HEADERS = (
    N_("Categoria"),
    N_("Preventivo"),
    N_("Consuntivo"),
    N_("Scostamento"),
    N_("%"),
    N_("Consuntivo anno precedente"),
)


class RowKind(Enum):
    HEADER = "header"  # a section's uscite or entrate (a root category)
    LINE = "line"  # a category below a root
    RESULT = "result"  # avanzo/disavanzo of a section, totals, overall


@dataclass(frozen=True, slots=True)
class StatementRow:
    kind: RowKind
    label: str
    depth: int
    amounts: Amounts
    previous: Decimal | None
    category_id: int | None = None
    is_leaf: bool = False
    expense: bool = False  # an uscita: spending more than planned is the bad variance

    @property
    def key(self) -> tuple[str, int | None, str]:
        """What identifies the row across reloads (the amounts may change, not the row)."""
        return (self.kind.value, self.category_id, self.label)


def format_percent(value: Decimal | None) -> str:
    """`78,6 %`, `94,0 %`: always one decimal, so a column reads evenly."""
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return f"{format_decimal(value, format='#,##0.0', locale=babel_locale())} %"


def unfavourable(row: StatementRow) -> bool:
    """More spent or less received (or a smaller result) than planned."""
    variance = row.amounts.variance
    return variance > 0 if row.expense else variance < 0


_EXPENSE_TOTAL = N_("Totale uscite della gestione")

# Totals after a section, each as (label msgid, how to read it from a statement).
_Pick = Callable[[Statement], Amounts]
_AFTER: dict[BudgetSection, tuple[tuple[str, _Pick], ...]] = {
    BudgetSection.GENERAL_SUPPORT: (
        (_EXPENSE_TOTAL, lambda s: s.operating.expenses),
        (N_("Totale entrate della gestione"), lambda s: s.operating.income),
        (N_("Avanzo/disavanzo d'esercizio prima delle imposte"), lambda s: s.operating.surplus),
    ),
    BudgetSection.TAXES: (
        (
            N_("Avanzo/disavanzo d'esercizio prima di investimenti e disinvestimenti"),
            lambda s: s.before_investments,
        ),
    ),
    BudgetSection.INVESTMENTS: (
        (
            N_("Avanzo/disavanzo da investimenti e disinvestimenti"),
            lambda s: s.investments.surplus,
        ),
        (N_("Avanzo/disavanzo complessivo"), lambda s: s.overall),
    ),
}


def statement_rows(view: YearStatement) -> list[StatementRow]:
    """The rows of the Rendiconto in the official order: each section's uscite, its
    entrate and its result, then the totals of the gestione, taxes and investments."""
    current, previous = view.statement, view.previous
    previous_actual = (
        {line.category_id: line.amounts.actual for line in previous.lines()} if previous else {}
    )

    def result(label: str, pick: _Pick, expense: bool = False) -> StatementRow:
        before = pick(previous).actual if previous is not None else None
        return StatementRow(RowKind.RESULT, label, 0, pick(current), before, expense=expense)

    rows: list[StatementRow] = []
    for section in BudgetSection:
        for line in current.lines():
            if line.section is section:
                rows.append(_line_row(line, previous_actual.get(line.category_id, ZERO)))
        if section in OPERATING_SECTIONS:
            label = _("Avanzo/disavanzo {section}").format(section=section.label())
            rows.append(result(label, _section_surplus(section)))
        for label, pick in _AFTER.get(section, ()):
            rows.append(result(_(label), pick, expense=label == _EXPENSE_TOTAL))
    if previous is None:
        rows = [_without_previous(row) for row in rows]
    return rows


def _section_surplus(section: BudgetSection) -> _Pick:
    return lambda statement: statement.sections[section].surplus


def _line_row(line: StatementLine, previous: Decimal) -> StatementRow:
    expense = line.flow is Flow.EXPENSE
    if line.depth == 0:
        return StatementRow(
            RowKind.HEADER, line.name, 0, line.amounts, previous, line.category_id, expense=expense
        )
    return StatementRow(
        RowKind.LINE,
        f"{_INDENT * line.depth}{line.code} {line.name}",
        line.depth,
        line.amounts,
        previous,
        line.category_id,
        line.is_leaf,
        expense,
    )


def _without_previous(row: StatementRow) -> StatementRow:
    return replace(row, previous=None)


def refusal(category: str, reason: str) -> str:
    return _("Preventivo di “{category}” non salvato: {reason}").format(
        category=category.strip(), reason=reason
    )


class StatementModel(QAbstractTableModel):
    """Plan vs actual rows. A Preventivo typed in a cell is only read here: a valid
    amount is announced with `plan_edited(category_id, amount or None)` and the view
    writes it and reloads the statement (`set_statement`); the model never writes."""

    refused = Signal(str)
    plan_edited = Signal(int, object)  # category id, Decimal or None (remove)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StatementRow] = []
        self.read_only = False

    # -- content ---------------------------------------------------------------------------
    def set_statement(self, view: YearStatement | None) -> None:
        """Show a (re)loaded statement; rows already shown keep their place and selection."""
        rows = statement_rows(view) if view is not None else []
        self.read_only = view is None or view.closed
        if [r.key for r in rows] == [r.key for r in self._rows] and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[StatementRow]:
        return self._rows

    def row_of(self, category_id: int) -> int:
        return next(i for i, r in enumerate(self._rows) if r.category_id == category_id)

    def is_editable(self, row: StatementRow) -> bool:
        return row.kind is RowKind.LINE and row.is_leaf and not self.read_only

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PLANNED and self.is_editable(self._rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return self._text(row, column)
        if role == _EDIT:
            planned = row.amounts.planned
            return plain_money(planned) if planned else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column != CATEGORY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.kind is not RowKind.LINE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == VARIANCE:
                return NEGATIVE if unfavourable(row) else None
            value = self._value(row, column)
            return NEGATIVE if value is not None and value < 0 else None
        if role == Qt.ItemDataRole.BackgroundRole and row.kind is RowKind.RESULT:
            return _RESULT_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or index.column() != PLANNED:
            return False
        row = self._rows[index.row()]
        if not self.is_editable(row) or row.category_id is None:
            return False
        text = str(value or "").strip()
        try:
            amount = parse_money(text) if text else None
            if amount is not None and amount < 0:
                raise _Refusal(
                    _("Il preventivo di “{category}” non può essere negativo.").format(
                        category=row.label.strip()
                    )
                )
        except DesdeskError as exc:
            self.refused.emit(refusal(row.label, exc.message))
            return False
        self.plan_edited.emit(row.category_id, amount or None)
        return True

    def label_of(self, category_id: int) -> str:
        return self._rows[self.row_of(category_id)].label.strip()

    # -- cells -----------------------------------------------------------------------------
    @staticmethod
    def _value(row: StatementRow, column: int) -> Decimal | None:
        amounts = row.amounts
        return {
            PLANNED: amounts.planned,
            ACTUAL: amounts.actual,
            VARIANCE: amounts.variance,
            PREVIOUS: row.previous,
        }.get(column)

    def _text(self, row: StatementRow, column: int) -> str:
        if column == CATEGORY:
            return row.label
        if column == PERCENT:
            return format_percent(row.amounts.percent)
        value = self._value(row, column)
        if value is None or (not value and row.kind is RowKind.LINE):
            return ""  # blank, not "0,00 €", keeps a mostly empty plan readable
        return format_money(value)

    def _tooltip(self, row: StatementRow, column: int) -> str | None:
        if column == CATEGORY:
            return row.label.strip()
        if column != PLANNED or row.kind is not RowKind.LINE or not row.is_leaf:
            return self._text(row, column) or None
        if self.read_only:
            return _("Esercizio chiuso: riaprilo per cambiare il preventivo.")
        return _("Doppio clic per scrivere l'importo previsto, ad esempio 1.234,56.")


class _Refusal(DesdeskError):
    """A planned amount the model refuses before asking the service."""
