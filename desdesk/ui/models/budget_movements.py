"""The Movimenti list: one row per receipt or payment, and the proxy that filters it by
text, flow and category (with the category's subcategories)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject

from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import Account, Flow, FundingSource
from desdesk.i18n import N_, format_date, format_money
from desdesk.money_schemas import MovementRead
from desdesk.ui.models.budget_amounts import AmountRowsModel
from desdesk.ui.models.rows import RowsTableModel, SearchProxy, TextColumn


def _source(m: MovementRead) -> str:
    if m.flow is not Flow.INCOME or not m.data.source:
        return ""
    try:
        return FundingSource(m.data.source).label()
    except ValueError:
        return m.data.source


def _account(m: MovementRead) -> str:
    try:
        return Account(m.data.account).label()
    except ValueError:
        return m.data.account


def _income(m: MovementRead) -> Decimal:
    return m.data.amount if m.flow is Flow.INCOME else ZERO


def _expense(m: MovementRead) -> Decimal:
    return m.data.amount if m.flow is Flow.EXPENSE else ZERO


def _blank_zero(amount: Decimal) -> str:
    return format_money(amount) if amount else ""


MOVEMENT_COLUMNS: tuple[TextColumn[MovementRead], ...] = (
    TextColumn(N_("Data"), lambda m: format_date(m.data.date), lambda m: (m.data.date, m.id)),
    TextColumn(N_("Categoria"), lambda m: f"{m.category_code} {m.category_name}"),
    TextColumn(N_("Descrizione"), lambda m: m.data.description),
    TextColumn(N_("Controparte"), lambda m: m.counterparty_label),
    TextColumn(N_("Fonte"), _source),
    TextColumn(N_("Entrata"), lambda m: _blank_zero(_income(m)), _income),
    TextColumn(N_("Uscita"), lambda m: _blank_zero(_expense(m)), _expense),
    TextColumn(N_("Conto"), _account),
    TextColumn(N_("Documento"), lambda m: m.data.document_ref),
)
AMOUNT_COLUMNS = (5, 6)


class MovementsModel(AmountRowsModel[MovementRead]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(MOVEMENT_COLUMNS, AMOUNT_COLUMNS, parent=parent)


class MovementsProxy(SearchProxy):
    """Rows matching the typed words, the flow (None: both) and the categories (None: all)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flow: Flow | None = None
        self._categories: frozenset[int] | None = None

    def set_flow(self, flow: Flow | None) -> None:
        self._flow = flow
        self.refilter()

    def set_categories(self, category_ids: Collection[int] | None) -> None:
        self._categories = frozenset(category_ids) if category_ids is not None else None
        self.refilter()

    def mask(self, source: Any) -> list[bool]:
        accepted = super().mask(source)
        if not isinstance(source, RowsTableModel):
            return accepted
        flow, categories = self._flow, self._categories
        if flow is None and categories is None:
            return accepted
        return [
            ok
            and (flow is None or m.flow is flow)
            and (categories is None or m.data.category_id in categories)
            for ok, m in zip(accepted, source.rows(), strict=True)
        ]

    def shown(self) -> list[MovementRead]:
        """The movements passing the filter, in the order shown."""
        source = self.sourceModel()
        assert isinstance(source, RowsTableModel)
        return [
            source.row_at(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())
        ]


def totals(movements: list[MovementRead]) -> tuple[Decimal, Decimal]:
    """Income and expenses of `movements`."""
    income = sum((_income(m) for m in movements), ZERO)
    expenses = sum((_expense(m) for m in movements), ZERO)
    return income, expenses
