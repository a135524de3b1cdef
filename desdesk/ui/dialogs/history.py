"""Cronologia: the logged changes of a member (with its referents, offices, fees and
movements) or of the whole district, searchable, exportable to CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desdesk.history_schemas import HistoryRow
from desdesk.i18n import _, format_number, ngettext
from desdesk.services.history import HistoryService
from desdesk.ui.errors import show_error
from desdesk.ui.models.history import DATE, HistoryModel, SearchProxy, matching_history
from desdesk.ui.widgets.busy import busy_cursor
from desdesk.ui.widgets.forms import add_buttons

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

# The district's log can grow long: the dialog shows the newest changes only (the count
# says so) and the export reads the whole log.
DISTRICT_LIMIT = 5000
_WIDTHS = (120, 160, 100, 230, 150, 170)


def history_service(source: Workspace | HistoryService) -> HistoryService:
    """The workspace's history service (built on its sessions if it has none yet)."""
    if isinstance(source, HistoryService):
        return source
    service = getattr(source, "history", None)
    return service if isinstance(service, HistoryService) else HistoryService(source.sessions)


class HistoryDialog(QDialog):
    def __init__(
        self,
        workspace_or_service: Workspace | HistoryService,
        *,
        member_id: int | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = history_service(workspace_or_service)
        self.member_id = member_id
        # The view holds only the newest DISTRICT_LIMIT changes of a longer log.
        self.capped = False
        self.loaded = 0
        self.setWindowTitle(title or _("Cronologia"))
        self.model = HistoryModel(self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(_("Filtra per persona, campo, valore…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = self._build_table()
        self.count_label = QLabel()
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.count_label)
        buttons_row.addStretch(1)
        self.buttons = add_buttons(
            buttons_row,
            [("export", _("Esporta CSV…"), self.export), ("close", _("Chiudi"), self.accept)],
        )
        for button in self.buttons.values():
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        self.resize(1100, 560)
        self.refresh()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("historyTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(_WIDTHS):
            table.setColumnWidth(column, width)
        table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)  # newest first
        return table

    def refresh(self) -> None:
        self.capped = False
        try:
            if self.member_id is not None:
                rows = self.service.rows(member_id=self.member_id)
            else:
                rows = self.service.rows(limit=DISTRICT_LIMIT)
                self.capped = len(rows) >= DISTRICT_LIMIT and self.service.count() > len(rows)
        except Exception as exc:
            show_error(self, exc)
            rows = []
        self.loaded = len(rows)
        self.model.set_history(rows)
        self._show_count()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_count()

    def _show_count(self) -> None:
        changes = len(self.visible_rows())
        text = ngettext("{count} modifica", "{count} modifiche", changes).format(
            count=format_number(changes)
        )
        if self.capped:
            latest = format_number(self.loaded)
            if self.search.text().strip():
                text = _("{shown} tra le ultime {latest} modifiche").format(
                    shown=text, latest=latest
                )
            else:
                text = _("ultime {latest} modifiche").format(latest=latest)
        self.count_label.setText(text)
        self.count_label.setToolTip(
            _(
                "Qui sono mostrate solo le modifiche più recenti; «Esporta CSV…» esporta "
                "tutta la cronologia."
            )
            if self.capped
            else ""
        )
        self.buttons["export"].setEnabled(changes > 0 or self.capped)

    def visible_rows(self) -> list[HistoryRow]:
        """The changes with at least one line shown (the filter applies), in order."""
        source_rows = [
            self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            for row in range(self.proxy.rowCount())
        ]
        return self.model.history_rows(source_rows)

    def rows_to_export(self) -> list[HistoryRow]:
        """What is shown, or, when the view holds only the newest changes, the whole log
        (with the same filter if one is typed)."""
        if not self.capped:
            return self.visible_rows()
        return matching_history(self.service.rows(), self.search.text())

    def export(self) -> None:
        start = str(Path.home() / "cronologia.csv")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Esporta la cronologia"), start, _("CSV (*.csv)")
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        try:
            with busy_cursor():
                lines = self.service.export_csv(path, self.rows_to_export())
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            _("Esportazione completata"),
            ngettext(
                "{count} riga esportata in {path}", "{count} righe esportate in {path}", lines
            ).format(count=lines, path=path),
        )
