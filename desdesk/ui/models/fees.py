"""The membership fees of a year: one row per member, what is due, paid and still owed.

Amounts are right-aligned and sort as Decimals; an overdue fee's status is red; the
"solo da pagare" filter is one Python pass over the rows, like every list in desdesk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desdesk.domain.money import ZERO
from desdesk.i18n import N_, _, format_date, format_money
from desdesk.money_schemas import FeeRow
from desdesk.ui.models.rows import RowsTableModel, SearchProxy, TextColumn

Index = QModelIndex | QPersistentModelIndex
RED = QBrush(QColor("#b00020"))
OVERDUE = "scaduta"
STATUS_LABELS = {
    "pagata": N_("Pagata"),
    "parziale": N_("Parziale"),
    "da_pagare": N_("Da pagare"),
    OVERDUE: N_("Scaduta"),
    "esente": N_("Esente"),
    "non_stabilita": N_("Quota non stabilita"),
}
DUE_COLUMN, STATUS_COLUMN = 1, 6
_MONEY_COLUMNS = {1, 3, 5}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def status_text(row: FeeRow, today: date) -> str:
    """The status in words; a fee nobody set is "Quota non stabilita", not "Esente"."""
    return _(STATUS_LABELS[row.status(today)])


@dataclass(frozen=True, slots=True)
class FeeTotals:
    due: Decimal
    paid: Decimal
    outstanding: Decimal


def fee_totals(rows: Sequence[FeeRow]) -> FeeTotals:
    """What the year's fees add up to (paid counts what was paid, even above the due)."""
    return FeeTotals(
        sum((r.due for r in rows), ZERO),
        sum((r.paid for r in rows), ZERO),
        sum((r.outstanding for r in rows), ZERO),
    )


class FeesModel(RowsTableModel[FeeRow]):
    """Aderente, Quota, Scadenza, Pagato, Ultimo pagamento, Da pagare, Stato."""

    def __init__(self, today: date | None = None, parent: QObject | None = None) -> None:
        self.today = today or date.today()
        columns = [
            TextColumn[FeeRow](N_("Aderente"), lambda r: r.member_name),
            TextColumn[FeeRow](N_("Quota"), self._due_text, lambda r: r.due),
            TextColumn[FeeRow](
                N_("Scadenza"), lambda r: format_date(r.due_on), lambda r: r.due_on or date.max
            ),
            TextColumn[FeeRow](N_("Pagato"), lambda r: format_money(r.paid), lambda r: r.paid),
            TextColumn[FeeRow](
                N_("Ultimo pagamento"),
                lambda r: format_date(r.last_paid_on),
                lambda r: r.last_paid_on or date.min,
            ),
            TextColumn[FeeRow](
                N_("Da pagare"), lambda r: format_money(r.outstanding), lambda r: r.outstanding
            ),
            TextColumn[FeeRow](N_("Stato"), lambda r: status_text(r, self.today)),
        ]
        super().__init__(columns, muted=lambda r: r.due == 0, parent=parent)

    @staticmethod
    def _due_text(row: FeeRow) -> str:
        text = format_money(row.due)
        return f"{text} *" if row.overridden else text

    def overdue(self, row: FeeRow) -> bool:
        return row.status(self.today) == OVERDUE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _MONEY_COLUMNS:
            return int(_RIGHT.value)
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN and self.overdue(row):
            return RED
        if role == Qt.ItemDataRole.ToolTipRole and column == DUE_COLUMN and row.overridden:
            reason = row.reason or _("nessun motivo indicato")
            return _("Quota personalizzata: {reason}").format(reason=reason)
        return super().data(index, role)


class FeesProxy(SearchProxy):
    """Search as in every list, plus "solo da pagare": rows with something still owed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.only_outstanding = False

    def mask(self, source: Any) -> list[bool]:
        accepted = super().mask(source)
        if not self.only_outstanding or not isinstance(source, FeesModel):
            return accepted
        return [ok and row.outstanding > 0 for ok, row in zip(accepted, source.rows(), strict=True)]

    def set_only_outstanding(self, only: bool) -> None:
        self.only_outstanding = only
        self.refilter()
