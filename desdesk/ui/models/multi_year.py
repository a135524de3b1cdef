"""The multi-year view as tables: the statement's lines per year (past actuals, this
year's actuals with the plan in the tooltip, the forecast's plan), the planned funding
sources of the forecast years, and the initial investments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desdesk.domain.budget_rules import OPERATING_SECTIONS, Amounts, Statement
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import BudgetSection, FundingSource
from desdesk.i18n import N_, _, format_money
from desdesk.money_schemas import InvestmentRead, MultiYearView, YearColumn
from desdesk.ui.models.rows import RowsTableModel, TextColumn

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_RED = QBrush(QColor("#b00020"))
_BOLD = QFont()
_BOLD.setBold(True)

KIND_LABELS = {
    "consuntivo": N_("consuntivo"),
    "corrente": N_("corrente"),
    "previsione": N_("previsione"),
}


def column_header(column: YearColumn) -> str:
    """ "2024 consuntivo", "2026 corrente", "2027 previsione"."""
    return f"{column.year} {_(KIND_LABELS.get(column.kind, column.kind))}"


@dataclass(frozen=True)
class MultiYearLine:
    """A row: its label (an N_ msgid, or a section label), the amounts it reads from a
    statement (None: a heading), and whether it is a total/result (bold)."""

    label: str
    amounts: Callable[[Statement], Amounts] | None
    strong: bool = False
    result: bool = False  # a surplus/deficit: red when negative


def _income(section: BudgetSection) -> Callable[[Statement], Amounts]:
    return lambda s: s.sections[section].income


def _expenses(section: BudgetSection) -> Callable[[Statement], Amounts]:
    return lambda s: s.sections[section].expenses


def multi_year_lines() -> list[MultiYearLine]:
    """The rows in the order of the official layout (labels translated when built)."""
    inv = BudgetSection.INVESTMENTS
    return [
        MultiYearLine(_("Entrate"), None, strong=True),
        *(MultiYearLine(s.label(), _income(s)) for s in OPERATING_SECTIONS),
        MultiYearLine(_("Totale entrate della gestione"), lambda s: s.operating.income, True),
        MultiYearLine(_("Entrate da disinvestimenti"), _income(inv)),
        MultiYearLine(_("Uscite"), None, strong=True),
        *(MultiYearLine(s.label(), _expenses(s)) for s in OPERATING_SECTIONS),
        MultiYearLine(_("Totale uscite della gestione"), lambda s: s.operating.expenses, True),
        MultiYearLine(_("Imposte"), lambda s: s.taxes),
        MultiYearLine(_("Uscite per investimenti"), _expenses(inv)),
        MultiYearLine(_("Risultati"), None, strong=True),
        MultiYearLine(
            _("Avanzo/disavanzo della gestione"), lambda s: s.operating.surplus, True, True
        ),
        MultiYearLine(
            _("Avanzo/disavanzo prima degli investimenti"),
            lambda s: s.before_investments,
            True,
            True,
        ),
        MultiYearLine(_("Avanzo/disavanzo complessivo"), lambda s: s.overall, True, True),
    ]


def shown_amount(column: YearColumn, amounts: Amounts) -> Decimal:
    """Actuals for past and current years, the plan for the forecast."""
    return amounts.planned if column.kind == "previsione" else amounts.actual


class MultiYearModel(QAbstractTableModel):
    """Rows = statement lines, columns = years; read-only, not sortable."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[YearColumn, ...] = ()
        self._lines: list[MultiYearLine] = multi_year_lines()

    def set_view(self, view: MultiYearView | None) -> None:
        self.beginResetModel()
        self._columns = view.columns if view is not None else ()
        self._lines = multi_year_lines()
        self.endResetModel()

    def columns(self) -> tuple[YearColumn, ...]:
        return self._columns

    def value(self, row: int, column: int) -> Decimal | None:
        """The amount shown in a cell (None on a heading row)."""
        line = self._lines[row]
        if line.amounts is None:
            return None
        year = self._columns[column]
        return shown_amount(year, line.amounts(year.statement))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.FontRole:
            return _BOLD if line.strong else None
        if line.amounts is None:
            return None
        if role == _DISPLAY:
            return format_money(self.value(index.row(), index.column()))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            amount = self.value(index.row(), index.column())
            return _RED if line.result and amount is not None and amount < 0 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, self._columns[index.column()])
        return None

    @staticmethod
    def _tooltip(line: MultiYearLine, column: YearColumn) -> str | None:
        assert line.amounts is not None
        amounts = line.amounts(column.statement)
        if column.kind == "corrente":
            return _("Consuntivo {actual} · previsto {planned}").format(
                actual=format_money(amounts.actual), planned=format_money(amounts.planned)
            )
        if column.kind == "previsione":
            return _("Previsto nel preventivo del {year}").format(year=column.year)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role != _DISPLAY or section >= len(self._columns):
                return None
            return column_header(self._columns[section])
        if section >= len(self._lines):
            return None
        if role == _DISPLAY:
            return self._lines[section].label
        if role == Qt.ItemDataRole.FontRole and self._lines[section].strong:
            return _BOLD
        return None


class PlannedSourcesModel(QAbstractTableModel):
    """Planned income of the forecast years by funding source, with a total row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._years: tuple[YearColumn, ...] = ()

    def set_view(self, view: MultiYearView | None) -> None:
        self.beginResetModel()
        columns = view.columns if view is not None else ()
        self._years = tuple(c for c in columns if c.kind == "previsione")
        self.endResetModel()

    def value(self, row: int, column: int) -> Decimal:
        sources = self._years[column].planned_sources
        if row == len(FundingSource):
            return sum(sources.values(), ZERO)
        return sources.get(list(FundingSource)[row], ZERO)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FundingSource) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._years)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == _DISPLAY:
            return format_money(self.value(index.row(), index.column()))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and index.row() == len(FundingSource):
            return _BOLD
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            # Only the year: the table's title already says these are planned amounts.
            return str(self._years[section].year) if section < len(self._years) else None
        if section < len(FundingSource):
            return list(FundingSource)[section].label()
        return _("Totale") if section == len(FundingSource) else None


def _source_label(investment: InvestmentRead) -> str:
    source = investment.data.source
    codes = {s.value: s for s in FundingSource}
    return codes[source].label() if source in codes else (source or "")


class InvestmentsModel(RowsTableModel[InvestmentRead]):
    """Descrizione, Anno, Importo, Fonte of the initial investments."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            TextColumn[InvestmentRead](N_("Descrizione"), lambda i: i.data.description),
            TextColumn[InvestmentRead](
                N_("Anno"), lambda i: str(i.data.year), lambda i: i.data.year
            ),
            TextColumn[InvestmentRead](
                N_("Importo"), lambda i: format_money(i.data.amount), lambda i: i.data.amount
            ),
            TextColumn[InvestmentRead](N_("Fonte"), _source_label),
        ]
        super().__init__(columns, parent=parent)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() == 2:
            return _RIGHT
        return super().data(index, role)
