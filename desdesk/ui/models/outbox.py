"""The outbox as a table: one row per message, its state in words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desdesk.document_schemas import OutboxRow
from desdesk.i18n import N_, _, format_date

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row number, as rows.ROW_ROLE (tables.py)

COLUMNS = (
    N_("Creato"),
    N_("Destinatario"),
    N_("Oggetto"),
    N_("Allegati"),
    N_("Stato"),
    N_("Tentativi"),
    N_("Errore"),
)
STATUS_COLUMN = 4
_ATTENTION = QBrush(QColor("#a61b1b"))
_UNCERTAIN = QBrush(QColor("#9a6700"))


def moment(value: datetime | None) -> str:
    """`26/11/2026 10:42` in the computer's time zone (stored in UTC)."""
    if value is None:
        return ""
    local = value.astimezone()
    return f"{format_date(local)} {local:%H:%M}"


def status_text(row: OutboxRow) -> str:
    if row.status == "sent":
        return _("Inviato il {moment}").format(moment=moment(row.sent_at))
    if row.status == "sending":
        return _("Invio in corso o esito incerto")
    if row.status == "failed":
        return _("Non inviato")
    return _("In attesa")


class OutboxModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OutboxRow] = []

    def set_rows(self, rows: Sequence[OutboxRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> OutboxRow:
        return self._rows[row]

    def rows(self) -> list[OutboxRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column(), role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS_COLUMN:
            if row.status == "failed":
                return _ATTENTION
            if row.status == "sending":
                return _UNCERTAIN
        return None

    @staticmethod
    def _text(row: OutboxRow, column: int, tooltip: bool) -> str:
        if column == 0:
            return moment(row.created_at)
        if column == 1:
            return row.recipient
        if column == 2:
            return row.subject
        if column == 3:
            return ("\n" if tooltip else ", ").join(row.attachments)
        if column == STATUS_COLUMN:
            return status_text(row)
        if column == 5:
            return str(row.attempts)
        return row.last_error
