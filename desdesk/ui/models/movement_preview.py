"""The preview of a movement import: one row per line of the file, the cells with a
problem highlighted (the message as their tooltip), and the problems of the row in the
last column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desdesk.i18n import N_, _
from desdesk.services.movement_rows import DISPLAY_FIELDS, PreviewLine, display_field

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_PROBLEM_BACKGROUND = QBrush(QColor("#f8d7da"))
_PROBLEM_TEXT = QBrush(QColor("#842029"))
# Amber: a row that seems registered already (a warning, not a problem).
_WARNING_BACKGROUND = QBrush(QColor("#fff3cd"))
_WARNING_TEXT = QBrush(QColor("#664d03"))

_HEADERS: dict[str, str] = {
    "data": N_("Data"),
    "importo": N_("Importo"),
    "categoria": N_("Categoria"),
    "descrizione": N_("Descrizione"),
    "fonte": N_("Fonte"),
    "controparte": N_("Controparte"),
    "documento": N_("Documento"),
    "conto": N_("Conto"),
    "quota_anno": N_("Quota anno"),
}
ROW_COLUMN = 0
FIELD_COLUMNS: tuple[str, ...] = DISPLAY_FIELDS  # columns 1..len
PROBLEMS_COLUMN = len(DISPLAY_FIELDS) + 1


class MovementPreviewModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[PreviewLine] = []
        # Per line: display field → message (the amount fields shown as one column).
        self._cell_problems: list[dict[str, str]] = []

    def set_lines(self, lines: list[PreviewLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._cell_problems = []
        for line in self._lines:
            problems: dict[str, str] = {}
            for name, message in line.problems.items():
                problems.setdefault(display_field(name), message)
            self._cell_problems.append(problems)
        self.endResetModel()

    def line_at(self, row: int) -> PreviewLine:
        return self._lines[row]

    def problem_at(self, row: int, column: int) -> str | None:
        """The message of a highlighted cell (None when the cell is fine)."""
        if column == PROBLEMS_COLUMN:
            return self._problems_text(row) or None
        if 1 <= column <= len(FIELD_COLUMNS):
            return self._cell_problems[row].get(FIELD_COLUMNS[column - 1])
        return None

    def _problems_text(self, row: int) -> str:
        line = self._lines[row]
        return " ".join(line.problems.values()) or line.warning

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else PROBLEMS_COLUMN + 1

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._text(row, column)
        problem = self.problem_at(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem or self._text(row, column) or None
        duplicate = self._lines[row].duplicate
        if role == Qt.ItemDataRole.BackgroundRole:
            if duplicate:
                return _WARNING_BACKGROUND
            if problem and column != PROBLEMS_COLUMN:
                return _PROBLEM_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and column == PROBLEMS_COLUMN:
            return _WARNING_TEXT if duplicate else _PROBLEM_TEXT
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ROW_COLUMN, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, column: int) -> str:
        line = self._lines[row]
        if column == ROW_COLUMN:
            return str(line.row)
        if column == PROBLEMS_COLUMN:
            return self._problems_text(row)
        return line.texts.get(FIELD_COLUMNS[column - 1], "")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        if section == ROW_COLUMN:
            return _("Riga")
        if section == PROBLEMS_COLUMN:
            return _("Problemi")
        if 1 <= section <= len(FIELD_COLUMNS):
            return _(_HEADERS[FIELD_COLUMNS[section - 1]])
        return None
