"""Aderenti: the member register with search, filters, and the actions on a member."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import Nature, SupplyChainRole
from desdesk.domain.legal_forms import LEGAL_FORMS
from desdesk.i18n import N_, _, ngettext
from desdesk.schemas import MemberRow
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.members import MemberFilter, MemberFilterProxy, MemberTableModel
from desdesk.ui.sections.base import Section
from desdesk.ui.tasks import run_in_background
from desdesk.ui.widgets.busy import busy_cursor
from desdesk.ui.widgets.forms import combo_with

log = logging.getLogger(__name__)

FLAGS_DELAY_MS = 150

_STATUS = (
    ("active", N_("Attivi")),
    ("former", N_("Usciti")),
    ("all", N_("Tutti")),
    ("flagged", N_("Oltre la soglia di assenze")),
)


class MembersSection(Section):
    flags_loaded = Signal()  # the absence flags arrived (from a background read)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_filters()
        self._build_table()
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions_row)
        self.refresh()
        self.search.setFocus()

    # -- construction ------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText(_("Cerca per nome, codice fiscale, comune o referente…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        self.status = combo_with([(_(label), key) for key, label in _STATUS])
        self.nature = combo_with(
            [(_("Tutte le nature"), "")] + [(n.label(), n.value) for n in Nature]
        )
        self.legal_form = combo_with(
            [(_("Tutte le forme giuridiche"), "")] + [(f.label, f.code) for f in LEGAL_FORMS]
        )
        self.legal_form.setMaximumWidth(260)
        self.aes = combo_with(
            [(_("AES: tutti"), None), (_("AES: iscritti"), True), (_("AES: non iscritti"), False)]
        )
        self.role = combo_with(
            [(_("Tutti i ruoli di filiera"), "")] + [(r.label(), r.value) for r in SupplyChainRole]
        )
        self.count_label = QLabel()
        self.filters_row = QVBoxLayout()
        self.filters_row.addWidget(self.search)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Mostra:")))
        for combo in (self.status, self.nature, self.legal_form, self.aes, self.role):
            combo.currentIndexChanged.connect(self.apply_filters)
            row.addWidget(combo)
        row.addStretch(1)
        self.filters_row.addLayout(row)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

    def _build_table(self) -> None:
        table = self.table = QTableView()
        table.setObjectName("memberTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((250, 170, 120, 110, 100, 150, 40, 150, 85)):
            table.setColumnWidth(column, width)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.doubleClicked.connect(self._edit_index)
        table.selectionModel().selectionChanged.connect(self._update_buttons)

    def _build_actions(self) -> None:
        self.add_button = QPushButton(_("Nuovo aderente…"))
        self.edit_button = QPushButton(_("Modifica…"))
        self.withdraw_button = QPushButton(_("Registra uscita…"))
        self.readmit_button = QPushButton(_("Riammetti"))
        self.delete_button = QPushButton(_("Elimina…"))
        self.delete_button.setToolTip(_("Solo per un aderente inserito per errore"))
        self.history_button = QPushButton(_("Cronologia…"))
        self.history_button.setToolTip(_("Le modifiche all'aderente e ai suoi referenti"))
        self.import_button = QPushButton(_("Importa…"))
        self.export_button = QPushButton(_("Esporta…"))
        row = self.actions_row = QHBoxLayout()
        for button, slot in (
            (self.add_button, self.add_member),
            (self.edit_button, self.edit_selected),
            (self.withdraw_button, self.withdraw_selected),
            (self.readmit_button, self.readmit_selected),
            (self.delete_button, self.delete_selected),
            (self.history_button, self.history_of_selected),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.count_label)
        row.addStretch(1)
        for button, slot in (
            (self.import_button, self.import_members),
            (self.export_button, self.export_members),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_id()
        rows = self.workspace.members.list_rows()
        self.proxy.criteria = self.criteria()  # applied by the reset's single filter pass
        self.model.set_rows(rows)
        self._show_count()
        # After the first paint: the rows matter at once, the flags a moment later.
        QTimer.singleShot(FLAGS_DELAY_MS, self._load_flags)
        if selected is not None:
            self.select_member(selected)

    def _load_flags(self) -> None:
        """The absence flags need every roll call: read them off the GUI thread."""
        run_in_background(
            self.workspace.attendance.flagged_member_ids, self._show_flags, self._flags_failed
        )

    def _show_flags(self, member_ids: set[int]) -> None:
        self.model.set_flagged(frozenset(member_ids))
        if self.proxy.criteria.status == "flagged":
            self.apply_filters()
        self.flags_loaded.emit()

    def _flags_failed(self, error: BaseException) -> None:
        log.warning("Absence flags not loaded: %s", error)
        self.flags_loaded.emit()

    def row_count(self) -> int:
        return self.model.rowCount()

    def criteria(self) -> MemberFilter:
        return MemberFilter(
            text=self.search.text(),
            status=self.status.currentData(),
            nature=self.nature.currentData(),
            legal_form=self.legal_form.currentData(),
            aes=self.aes.currentData(),
            role=self.role.currentData(),
        )

    def apply_filters(self) -> None:
        self.proxy.set_criteria(self.criteria())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            ngettext(
                "{shown} aderente mostrato su {total}",
                "{shown} aderenti mostrati su {total}",
                shown,
            ).format(shown=shown, total=total)
        )
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.proxy.member_id(rows[0].row()) if rows else None

    def select_member(self, member_id: int) -> None:
        source_row = self.model.row_of_id(member_id)
        if source_row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if index.isValid():  # hidden by the filters otherwise
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """A member (or its referent's member): selected, the filters cleared if they hid it."""
        if record != "member" or record_id is None or self.model.row_of_id(record_id) < 0:
            return False
        self.select_member(record_id)
        if self.selected_id() != record_id:  # hidden by the search or the filters
            self.search.clear()
            self.status.setCurrentIndex(self.status.findData("all"))
            for combo in (self.nature, self.legal_form, self.aes, self.role):
                combo.setCurrentIndex(0)
            self.select_member(record_id)
        self.table.setFocus()
        return self.selected_id() == record_id

    def _selected_row(self) -> MemberRow | None:
        member_id = self.selected_id()
        if member_id is None:
            return None
        return self.model.row_at(self.model.row_of_id(member_id))

    def _update_buttons(self) -> None:
        row = self._selected_row()
        for button in (self.edit_button, self.delete_button, self.history_button):
            button.setEnabled(row is not None)
        self.withdraw_button.setEnabled(row is not None and row.active)
        self.readmit_button.setEnabled(row is not None and not row.active)

    def _after_change(self, member_id: int | None = None) -> None:
        self.refresh()
        if member_id is not None:
            self.select_member(member_id)
        self.changed.emit()

    # -- actions -----------------------------------------------------------------------
    def add_member(self) -> None:
        from desdesk.ui.dialogs.member_dialog import MemberDialog

        dialog = MemberDialog(self.workspace, None, self)
        if dialog.exec():
            self._after_change(dialog.saved_id)

    def _edit_index(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.edit_selected()

    def edit_selected(self) -> None:
        from desdesk.ui.dialogs.member_dialog import MemberDialog

        member_id = self.selected_id()
        if member_id is None:
            return
        dialog = MemberDialog(self.workspace, member_id, self)
        if dialog.exec():
            self._after_change(member_id)

    def withdraw_selected(self) -> None:
        from desdesk.ui.dialogs.withdraw_dialog import WithdrawDialog

        row = self._selected_row()
        if row is None:
            return
        if WithdrawDialog(self.workspace, row.id, row.name, self).exec():
            self._after_change(row.id)

    def readmit_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        if self.apply(lambda: self.workspace.members.readmit(row.id)):
            self.select_member(row.id)

    def delete_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Eliminare l'aderente?"),
            _(
                "Eliminare “{name}” e i suoi referenti dal registro?\n\n"
                "Usa questa azione solo per un aderente inserito per errore: se l'aderente "
                "lascia il distretto, usa “Registra uscita” così resta nello storico."
            ).format(name=row.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.apply(lambda: self.workspace.members.delete(row.id))

    def history_of_selected(self) -> None:
        from desdesk.ui.dialogs.history import HistoryDialog

        row = self._selected_row()
        if row is None:
            return
        title = _("Cronologia di “{name}”").format(name=row.name)
        HistoryDialog(self.workspace, member_id=row.id, title=title, parent=self).exec()

    def import_members(self) -> None:
        from desdesk.ui.dialogs.import_dialog import ImportDialog

        name, _filter = QFileDialog.getOpenFileName(
            self, _("Importa aderenti"), "", _("Fogli di calcolo (*.csv *.xlsx)")
        )
        if name and ImportDialog.run_for(self.workspace, name, self):
            self._after_change()

    def export_members(self) -> None:
        start = str(self.workspace.folder / "aderenti.xlsx")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Esporta aderenti"), start, _("Excel (*.xlsx);;CSV (*.csv)")
        )
        if not name:
            return
        try:
            with busy_cursor():
                count = self.workspace.member_io.export(Path(name))
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            _("Esportazione completata"),
            ngettext(
                "{count} aderente esportato in {path}",
                "{count} aderenti esportati in {path}",
                count,
            ).format(count=count, path=name),
        )
