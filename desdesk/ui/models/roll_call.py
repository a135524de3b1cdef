"""The roll call's table: one row per member, updated row by row as statuses are saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QObject

from desdesk.domain.enums import AttendanceStatus
from desdesk.i18n import N_, _
from desdesk.schemas import RollCallRow
from desdesk.ui.models.rows import RowsTableModel, TextColumn


def status_text(row: RollCallRow) -> str:
    return AttendanceStatus(row.status).label() if row.status else ""


class RollCallModel(RowsTableModel[RollCallRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        self._names: dict[int, str] = {}
        self._position: dict[int, int] = {}
        columns = [
            TextColumn[RollCallRow](N_("Aderente"), lambda r: r.member_name),
            TextColumn[RollCallRow](N_("Titolare"), lambda r: r.primary),
            TextColumn[RollCallRow](N_("Supplente"), lambda r: r.substitute),
            TextColumn[RollCallRow](N_("Stato"), status_text),
            TextColumn[RollCallRow](N_("Delega a"), self._holder_text),
        ]
        super().__init__(columns, parent=parent)

    def _holder_text(self, row: RollCallRow) -> str:
        if row.proxy_holder_id is None:
            return ""
        return self._names.get(row.proxy_holder_id, _("(aderente non più presente)"))

    def set_rows(self, rows: Sequence[RollCallRow]) -> None:
        self._names = {row.member_id: row.member_name for row in rows}
        super().set_rows(rows)
        self._reindex()

    def _permute(self, order_of: list[int], new_position: dict[int, int]) -> None:
        super()._permute(order_of, new_position)
        self._reindex()

    def _reindex(self) -> None:
        self._position = {row.member_id: i for i, row in enumerate(self.rows())}

    def row_of(self, member_id: int) -> int:
        return self._position[member_id]

    def set_status(self, member_id: int, status: str | None, holder_id: int | None) -> None:
        """Show a saved status: only that row changes (`dataChanged`)."""
        i = self._position[member_id]
        row = replace(self._rows[i], status=status, proxy_holder_id=holder_id)
        self._rows[i] = row
        self._texts[i] = tuple(column.text(row) for column in self._columns)
        self._haystacks_generation = -1
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
