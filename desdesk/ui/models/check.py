"""The checklist of the district check: one row per finding (level, rule, message, source).

The level is carried three ways so that nobody misses it: a symbol (✓ ⚠ ✗), a colour,
and a word ("Errore"), which is also what a screen reader reads for the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desdesk.domain.check_types import Finding, Level
from desdesk.i18n import N_, _

Index = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole

LEVEL_SYMBOLS: dict[Level, str] = {Level.OK: "✓", Level.WARNING: "⚠", Level.ERROR: "✗"}
LEVEL_COLOURS: dict[Level, str] = {
    Level.OK: "#1b6e34",  # dark enough for text on white (contrast ≥ 4.5:1)
    Level.WARNING: "#8a5a00",
    Level.ERROR: "#b00020",
}
HEADERS = (N_("Esito"), N_("Regola"), N_("Cosa risulta"), N_("Fonte"))
LEVEL, RULE, MESSAGE, SOURCE = range(4)


def level_text(level: Level) -> str:
    """The level as shown: symbol and word ("⚠ Avviso")."""
    return f"{LEVEL_SYMBOLS[level]} {level.label()}"


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return self._findings

    def finding_at(self, row: int) -> Finding:
        return self._findings[row]

    def row_of(self, rule: str) -> int:
        """The first row of a rule ("C4"), -1 if none."""
        return next((i for i, f in enumerate(self._findings) if f.rule == rule), -1)

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._text(finding, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.reason or self._text(finding, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:  # the word, without the symbol
            label = finding.level.label()
            return label if column == LEVEL else f"{label}: {self._text(finding, column)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == LEVEL:
            return QBrush(QColor(LEVEL_COLOURS[finding.level]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            vertical = Qt.AlignmentFlag.AlignTop
            return int(vertical | Qt.AlignmentFlag.AlignLeft)
        if role == FINDING_ROLE:
            return finding
        return None

    @staticmethod
    def _text(finding: Finding, column: int) -> str:
        if column == LEVEL:
            return level_text(finding.level)
        if column == RULE:
            return finding.rule
        if column == MESSAGE:
            return finding.message
        return finding.source

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if (
            role == _DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None
