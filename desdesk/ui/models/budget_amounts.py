"""Small pieces the Bilancio widgets share: amounts as typed into a field, and a table
model whose amount columns are right-aligned."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from desdesk.i18n import format_money
from desdesk.ui.models.rows import RowsTableModel, TextColumn

T = TypeVar("T")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def plain_money(amount: Decimal | None) -> str:
    """`1.234,56` (no currency sign) for a field labelled in euros; empty for None."""
    if amount is None:
        return ""
    return format_money(amount).replace("€", "").replace("\xa0", "").strip()


class AmountRowsModel(RowsTableModel[T]):
    """RowsTableModel with `amount_columns` right-aligned, as figures are read."""

    def __init__(
        self,
        columns: Sequence[TextColumn[T]],
        amount_columns: Collection[int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent=parent)
        self._amount_columns = frozenset(amount_columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._amount_columns:
            return RIGHT
        return super().data(index, role)
