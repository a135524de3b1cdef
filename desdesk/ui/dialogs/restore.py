"""Ripristina…: the district's backups, newest first, with what each holds; the user picks
one. The restore itself (confirmation, closing, reopening) is ui/backup_actions.py."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _
from desdesk.services.backup_summary import BackupSummary, format_date_time, format_size
from desdesk.ui.widgets.forms import add_buttons

_WIDTHS = (130, 170, 80)


class RestoreDialog(QDialog):
    def __init__(
        self, district: Path, backups: Sequence[BackupSummary], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backups = list(backups)
        self.setWindowTitle(_("Ripristina un backup"))
        intro = QLabel(
            _(
                "Backup di {name}, dal più recente. Scegli quello da ripristinare: prima "
                "desdesk salva un backup dello stato attuale, così nulla va perso."
            ).format(name=district.name)
        )
        intro.setWordWrap(True)
        self.table = self._build_table()
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons = add_buttons(
            row, [("restore", _("Ripristina…"), self.accept), ("cancel", _("Annulla"), self.reject)]
        )
        self.buttons["restore"].setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(820, 420)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def _build_table(self) -> QTableWidget:
        headers = [_("Data e ora"), _("Motivo"), _("Dimensione"), _("Contenuto")]
        table = QTableWidget(len(self.backups), len(headers))
        table.setObjectName("backupsTable")
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        for row, summary in enumerate(self.backups):
            entry = summary.entry
            cells = (
                format_date_time(entry.taken_at),
                entry.reason.label(),
                format_size(entry.size),
                summary.describe(),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(entry.path))
                table.setItem(row, column, item)
        for column, width in enumerate(_WIDTHS):
            table.setColumnWidth(column, width)
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _index: self.accept())
        return table

    def _selection_changed(self) -> None:
        self.buttons["restore"].setEnabled(self.chosen() is not None)

    def chosen(self) -> BackupSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        summary = self.backups[rows[0].row()]
        return summary if summary.facts is not None else None  # an unreadable one is not offered
