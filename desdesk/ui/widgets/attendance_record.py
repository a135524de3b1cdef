"""Each member's attendance over a period: counts, rate, current run of absences, and the
members at or over the exclusion threshold in red, with the assemblies that count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desdesk.assembly_schemas import MemberAttendanceRow
from desdesk.domain.assembly_rules import add_months
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import N_, _, format_date, ngettext
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.rows import RowsTableModel, SearchProxy, TextColumn
from desdesk.ui.widgets.forms import ERROR_STYLE, DateField
from desdesk.ui.widgets.tables import make_table

Row = MemberAttendanceRow
_FLAGGED = QBrush(QColor("#b00020"))


def rate_text(row: Row) -> str:
    return "" if row.rate is None else f"{round(row.rate * 100)}%"


def flag_tooltip(row: Row) -> str:
    dates = ", ".join(format_date(day) for day in row.run_dates)
    return ngettext(
        "{n} assenza consecutiva, all'assemblea del {dates}.",
        "{n} assenze consecutive, alle assemblee del {dates}.",
        row.current_absence_run,
    ).format(n=row.current_absence_run, dates=dates)


def _count(header: str, get: Callable[[Row], int]) -> TextColumn[Row]:
    return TextColumn[Row](header, lambda r: str(get(r)), sort_key=get)


COLUMNS: list[TextColumn[Row]] = [
    TextColumn[Row](N_("Aderente"), lambda r: r.name),
    _count(N_("Convocato"), lambda r: r.convened),
    _count(N_("Titolare"), lambda r: r.present_primary),
    _count(N_("Supplente"), lambda r: r.present_substitute),
    _count(N_("Delega"), lambda r: r.represented),
    _count(N_("Giustificato"), lambda r: r.absent_justified),
    _count(N_("Assente"), lambda r: r.absent),
    TextColumn[Row](N_("Presenza"), rate_text, sort_key=lambda r: r.rate or 0.0),
    _count(N_("Assenze di fila"), lambda r: r.current_absence_run),
    TextColumn[Row](N_("Segnalato"), lambda r: _("sì") if r.flagged else ""),
]


class AttendanceRecordModel(RowsTableModel[Row]):
    """Flagged members in red, with the assemblies of their run as tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent=parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if index.isValid() and self.row_at(index.row()).flagged:
            row = self.row_at(index.row())
            if role == Qt.ItemDataRole.ForegroundRole:
                return _FLAGGED
            if role == Qt.ItemDataRole.ToolTipRole:
                return flag_tooltip(row)
        return super().data(index, role)


class AttendanceRecordView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        today = date.today()
        self.start = DateField()
        self.start.set_date(add_months(today, -12))
        self.end = DateField()
        self.end.set_date(today)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cerca aderente…"))
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.model = AttendanceRecordModel(self)
        self.table = make_table(self.model, self)
        proxy = self.table.model()
        assert isinstance(proxy, SearchProxy)
        self.proxy = proxy
        self.search.textChanged.connect(self.proxy.set_text)
        self.start.editingFinished.connect(self.reload)
        self.end.editingFinished.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Dal")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(_("al")))
        bar.addWidget(self.end)
        bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.table)
        self.reload()

    def period(self) -> tuple[date | None, date | None]:
        """The dates typed; raises InvalidValue naming the bad field."""
        try:
            start = self.start.date_value()
        except DesdeskError as exc:
            raise type(exc)(_("Data iniziale: {reason}").format(reason=exc.message)) from exc
        try:
            end = self.end.date_value()
        except DesdeskError as exc:
            raise type(exc)(_("Data finale: {reason}").format(reason=exc.message)) from exc
        return start, end

    def reload(self) -> None:
        try:
            start, end = self.period()
        except DesdeskError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        self.problem.hide()
        try:
            rows = self.workspace.attendance.member_records(start, end)
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
