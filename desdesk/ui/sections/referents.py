"""Referenti: every member's titolare and supplente, with contacts and history."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import ReferentKind
from desdesk.i18n import N_, _, format_date
from desdesk.schemas import ReferentRead
from desdesk.services.workspace import Workspace
from desdesk.ui.models.rows import RowsTableModel, SearchProxy, TextColumn
from desdesk.ui.sections.base import Section, select_where
from desdesk.ui.widgets.forms import combo_with
from desdesk.ui.widgets.tables import make_table, selected_source_row

COLUMNS: tuple[TextColumn[ReferentRead], ...] = (
    TextColumn(N_("Aderente"), lambda r: r.member_name),
    TextColumn(N_("Tipo"), lambda r: ReferentKind(r.kind).label()),
    TextColumn(N_("Nome e cognome"), lambda r: r.full_name),
    TextColumn(N_("Ruolo nell'organizzazione"), lambda r: r.role),
    TextColumn(N_("E-mail"), lambda r: r.email),
    TextColumn(N_("Telefono"), lambda r: r.phone),
    TextColumn(N_("Dal"), lambda r: format_date(r.start_date), lambda r: r.start_date or date.min),
    TextColumn(N_("Al"), lambda r: format_date(r.end_date), lambda r: r.end_date or date.max),
)


class ReferentsSection(Section):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model: RowsTableModel[ReferentRead] = RowsTableModel(
            COLUMNS, muted=lambda r: not r.current, parent=self
        )
        self.table = make_table(self.model, self)
        self.table.setObjectName("referentTable")
        for column, width in enumerate((240, 130, 170, 170, 210, 130, 85)):
            self.table.setColumnWidth(column, width)
        self.search = QLineEdit()
        self.search.setObjectName("referentSearch")
        self.search.setPlaceholderText(_("Cerca per aderente, nome, e-mail o telefono…"))
        self.search.setClearButtonEnabled(True)
        self.kind_filter = combo_with(
            [(_("Titolari e supplenti"), "")]
            + [(kind.label(), kind.value) for kind in ReferentKind]
        )
        self.show_past = QCheckBox(_("Mostra anche i referenti passati (storico)"))
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.kind_filter)
        top.addWidget(self.show_past)
        self.new_button = QPushButton(_("Nuovo referente…"))
        self.replace_button = QPushButton(_("Sostituisci…"))
        self.correct_button = QPushButton(_("Correggi…"))
        self.end_button = QPushButton(_("Termina…"))
        self.personal_button = QPushButton(_("Dati personali…"))
        self.personal_button.setObjectName("personalDataButton")
        bottom = QHBoxLayout()
        for button, slot in (
            (self.new_button, self.new_referent),
            (self.replace_button, self.replace_selected),
            (self.correct_button, self.correct_selected),
            (self.end_button, self.end_selected),
            (self.personal_button, self.personal_data_selected),
        ):
            button.clicked.connect(slot)
            bottom.addWidget(button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.search.textChanged.connect(self._apply_filters)
        self.kind_filter.currentIndexChanged.connect(self.reload)
        self.show_past.toggled.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.correct_selected())
        self.refresh()

    def refresh(self) -> None:
        past = self.show_past.isChecked()
        rows = self.workspace.referents.list_all(include_past=past, active_members_only=not past)
        kind = self.kind_filter.currentData()
        self.model.set_rows([r for r in rows if not kind or r.kind == kind])
        self._apply_filters()

    def _apply_filters(self) -> None:
        proxy = self.table.model()
        assert isinstance(proxy, SearchProxy)
        proxy.set_text(self.search.text())
        self._update_buttons()

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """A referent by its id, or a member's referents (the titolare first) by the
        member's id; the search and filters are cleared if they hid it."""
        if record_id is None or record not in ("referent", "member"):
            return False

        def wanted(row: ReferentRead) -> bool:
            if record == "referent":
                return row.id == record_id
            return row.member_id == record_id and row.current

        def select() -> bool:
            primary = ReferentKind.PRIMARY.value
            rows = self.model.rows()
            if record == "member" and any(wanted(r) and r.kind == primary for r in rows):
                return select_where(
                    self.table, self.model, lambda r: wanted(r) and r.kind == primary
                )
            return select_where(self.table, self.model, wanted)

        if not select():
            self.search.clear()
            self.kind_filter.setCurrentIndex(0)
            if record == "referent":
                self.show_past.setChecked(True)  # an ended one is in the history
            if not select():
                return False
        self.table.setFocus()
        return True

    def selected(self) -> ReferentRead | None:
        row = selected_source_row(self.table)
        return None if row is None else self.model.row_at(row)

    def _update_buttons(self) -> None:
        selected = self.selected()
        current = selected is not None and selected.current
        for button in (self.replace_button, self.correct_button, self.end_button):
            button.setEnabled(current)
        self.personal_button.setEnabled(selected is not None)

    def new_referent(self) -> None:
        from desdesk.ui.dialogs.referent_dialog import ReferentDialog, ReferentMode

        self.run_dialog(ReferentDialog(self.workspace, ReferentMode.NEW, self.selected(), self))

    def replace_selected(self) -> None:
        from desdesk.ui.dialogs.referent_dialog import ReferentDialog, ReferentMode

        selected = self.selected()
        if selected is not None:
            self.run_dialog(ReferentDialog(self.workspace, ReferentMode.REPLACE, selected, self))

    def correct_selected(self) -> None:
        from desdesk.ui.dialogs.referent_dialog import ReferentDialog, ReferentMode

        selected = self.selected()
        if selected is not None and selected.current:
            self.run_dialog(ReferentDialog(self.workspace, ReferentMode.CORRECT, selected, self))

    def end_selected(self) -> None:
        selected = self.selected()
        if selected is None:
            return
        answer = QMessageBox.question(
            self,
            _("Terminare il referente?"),
            _("{name} non sarà più {kind} di “{member}” da oggi. Resterà nello storico.").format(
                name=selected.full_name,
                kind=ReferentKind(selected.kind).label().lower(),
                member=selected.member_name,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        kind = ReferentKind(selected.kind)
        self.apply(lambda: self.workspace.referents.end(selected.member_id, kind, date.today()))

    def personal_data_selected(self) -> None:
        """Legal basis, export and erasure of the selected referent's personal data."""
        from desdesk.ui.dialogs.personal_data import PersonalDataDialog

        selected = self.selected()
        if selected is None:
            return
        dialog = PersonalDataDialog(self.workspace, selected, self)
        dialog.exec()
        if dialog.erased is not None:
            self.reload()
            self.changed.emit()
