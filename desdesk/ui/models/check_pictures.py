"""The two table pictures of Verifica › Quadro d'insieme: who covers which stage of the
supply chain, and the attendance heatmap (members × the last 12 months' assemblies).

Plain models over the services' read-models: a heatmap of 5,000 members is 5,000 rows of
a model, never 5,000 widgets. Colours come with a text (a letter in the cell, the status
in the tooltip), so the picture does not rely on colour alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desdesk.domain.enums import AttendanceStatus, SupplyChainRole
from desdesk.i18n import N_, _, format_date
from desdesk.services.check_pictures import STAGES, Coverage, Participation

Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole
EMPTY_STAGE = QColor("#ffd27a")  # amber: a stage no active member covers
CHECK = "✓"
FLAG = "⚠"

# The heatmap's statuses: colour and the one-letter code shown in the cell. None is a
# member whose status was not recorded.
STATUS_COLOURS: dict[AttendanceStatus | None, QColor] = {
    AttendanceStatus.PRESENT_PRIMARY: QColor("#1b7f3b"),
    AttendanceStatus.PRESENT_SUBSTITUTE: QColor("#7cc47f"),
    AttendanceStatus.PROXY: QColor("#5b8fd6"),
    AttendanceStatus.ABSENT_JUSTIFIED: QColor("#f2c14e"),
    AttendanceStatus.ABSENT: QColor("#c8102e"),
    None: QColor("#d9d9d9"),
}
STATUS_CODES: dict[AttendanceStatus | None, str] = {
    AttendanceStatus.PRESENT_PRIMARY: N_("P"),
    AttendanceStatus.PRESENT_SUBSTITUTE: N_("S"),
    AttendanceStatus.PROXY: N_("D"),
    AttendanceStatus.ABSENT_JUSTIFIED: N_("G"),
    AttendanceStatus.ABSENT: N_("A"),
    None: "?",
}
_NOT_RECORDED = N_("non registrato")
_LIGHT_TEXT = {AttendanceStatus.PRESENT_PRIMARY, AttendanceStatus.PROXY, AttendanceStatus.ABSENT}


def status_label(status: AttendanceStatus | None) -> str:
    """Lower-case Italian words for a status: «presente titolare», «non registrato»."""
    return _(_NOT_RECORDED) if status is None else status.label().lower()


def empty_stage_tip(stage: SupplyChainRole) -> str:
    return _("Nessun aderente copre la fase «{stage}».").format(stage=stage.label())


class CoverageModel(QAbstractTableModel):
    """Active members × Finanziamento / Produzione / Distribuzione / Consumo, ✓ where the
    member covers the stage, and a last row with the count per stage."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._coverage = Coverage(())
        self._counts: list[int] = [0] * len(STAGES)
        self._empty: frozenset[SupplyChainRole] = frozenset()
        self._amber = QBrush(EMPTY_STAGE)

    def set_coverage(self, coverage: Coverage) -> None:
        self.beginResetModel()
        self._coverage = coverage
        self._counts = [coverage.count(stage) for stage in STAGES]
        self._empty = frozenset(coverage.empty_stages)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._coverage.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(STAGES) + 1

    def _stage(self, column: int) -> SupplyChainRole | None:
        return STAGES[column - 1] if 1 <= column <= len(STAGES) else None

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        stage = self._stage(column)
        total_row = row == len(self._coverage.rows)
        if role == _ROLE.DisplayRole:
            if total_row:
                return _("Aderenti per fase") if stage is None else str(self._counts[column - 1])
            member = self._coverage.rows[row]
            if stage is None:
                return member.name
            return CHECK if stage in member.roles else ""
        if stage is None:
            return None
        if role == _ROLE.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == _ROLE.BackgroundRole and stage in self._empty:
            return self._amber
        if role == _ROLE.ToolTipRole and stage in self._empty:
            return empty_stage_tip(stage)
        if role == _ROLE.FontRole and total_row:
            return _bold()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        stage = self._stage(section)
        if role == _ROLE.DisplayRole:
            return _("Aderente") if stage is None else stage.label()
        if stage is not None and stage in self._empty:
            if role == _ROLE.BackgroundRole:
                return self._amber
            if role == _ROLE.ToolTipRole:
                return empty_stage_tip(stage)
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class ParticipationModel(QAbstractTableModel):
    """Column 0 the member (⚠ when over the exclusion threshold), then one column per
    held assembly, oldest first; each cell coloured by the member's status there, blank
    where it was not a member on that day."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid = Participation((), (), {}, 0)
        self._brushes = {status: QBrush(colour) for status, colour in STATUS_COLOURS.items()}
        self._white = QBrush(QColor("#ffffff"))
        self._black = QBrush(QColor("#000000"))
        self._flag_text = QBrush(QColor("#a4001d"))

    def set_participation(self, grid: Participation) -> None:
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    @property
    def participation(self) -> Participation:
        return self._grid

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._grid.members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._grid.assemblies) + 1

    def cell(self, row: int, column: int) -> tuple[bool, AttendanceStatus | None]:
        """(entitled, status) of the cell of an assembly column."""
        member = self._grid.members[row]
        assembly = self._grid.assemblies[column - 1]
        key = (member.member_id, assembly.id)
        return key in self._grid.cells, self._grid.cells.get(key)

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        member = self._grid.members[row]
        if column == 0:
            return self._member_data(member.name, member.flagged, role)
        entitled, status = self.cell(row, column)
        if not entitled:
            if role == _ROLE.ToolTipRole:
                return _("{member} non era aderente il {date}").format(
                    member=member.name, date=format_date(self._grid.assemblies[column - 1].day)
                )
            return None
        if role == _ROLE.DisplayRole:
            return _(STATUS_CODES[status]) if status is not None else STATUS_CODES[None]
        if role == _ROLE.BackgroundRole:
            return self._brushes[status]
        if role == _ROLE.ForegroundRole:
            return self._white if status in _LIGHT_TEXT else self._black
        if role == _ROLE.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == _ROLE.ToolTipRole:
            return _("{member}, {date}: {status}").format(
                member=member.name,
                date=format_date(self._grid.assemblies[column - 1].day),
                status=status_label(status),
            )
        return None

    def _member_data(self, name: str, flagged: bool, role: int) -> Any:
        if role == _ROLE.DisplayRole:
            return f"{FLAG} {name}" if flagged else name
        if flagged and role == _ROLE.ForegroundRole:
            return self._flag_text
        if flagged and role == _ROLE.ToolTipRole:
            return _(
                "{member}: almeno {n} assenze consecutive, oltre la soglia di esclusione"
            ).format(member=name, n=self._grid.exclusion_threshold)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= self.columnCount():
            return None
        if section == 0:
            return _("Aderente") if role == _ROLE.DisplayRole else None
        assembly = self._grid.assemblies[section - 1]
        if role == _ROLE.DisplayRole:
            return assembly.day.strftime("%d/%m")
        if role == _ROLE.ToolTipRole:
            day = format_date(assembly.day)
            return f"{assembly.title} ({day})" if assembly.title else day
        return None
