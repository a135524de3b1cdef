"""Cariche: the district's offices, who holds them, their terms and past holders."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import OfficeKind
from desdesk.i18n import N_, _, format_date
from desdesk.schemas import OfficeRead
from desdesk.services.workspace import Workspace
from desdesk.ui.models.rows import RowsTableModel, TextColumn
from desdesk.ui.sections.base import Section, select_where
from desdesk.ui.widgets.tables import make_table, selected_source_row


def _office_name(term: OfficeRead) -> str:
    kind = OfficeKind(term.kind)
    return term.title if kind is OfficeKind.OTHER and term.title else kind.label()


def _state(term: OfficeRead) -> str:
    return _("in carica") if term.current else _("concluso")


COLUMNS: tuple[TextColumn[OfficeRead], ...] = (
    TextColumn(N_("Carica"), _office_name),
    TextColumn(N_("Persona"), lambda t: t.person_name),
    TextColumn(N_("Aderente di provenienza"), lambda t: t.member_name),
    TextColumn(N_("Dal"), lambda t: format_date(t.start_date), lambda t: t.start_date),
    TextColumn(N_("Al"), lambda t: format_date(t.end_date), lambda t: t.end_date or date.max),
    TextColumn(N_("Stato"), _state),
    TextColumn(N_("Note"), lambda t: t.notes),
)


class OfficesSection(Section):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model: RowsTableModel[OfficeRead] = RowsTableModel(
            COLUMNS, muted=lambda t: not t.current, parent=self
        )
        self.table = make_table(self.model, self, sortable=False)
        self.table.setObjectName("officeTable")
        for column, width in enumerate((200, 180, 240, 90, 90, 90)):
            self.table.setColumnWidth(column, width)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.show_past = QCheckBox(_("Mostra anche i mandati conclusi (storico)"))
        self.show_past.setChecked(True)
        self.show_past.toggled.connect(self.reload)
        self.assign_button = QPushButton(_("Assegna carica…"))
        self.edit_button = QPushButton(_("Modifica…"))
        self.end_button = QPushButton(_("Termina mandato…"))
        self.delete_button = QPushButton(_("Elimina…"))
        self.delete_button.setToolTip(_("Solo per un mandato inserito per errore"))
        buttons = QHBoxLayout()
        for button, slot in (
            (self.assign_button, self.assign),
            (self.edit_button, self.edit_selected),
            (self.end_button, self.end_selected),
            (self.delete_button, self.delete_selected),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.show_past)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.refresh()

    def refresh(self) -> None:
        terms = self.workspace.offices.terms(include_past=self.show_past.isChecked())
        self.model.set_rows(terms)
        self.summary.setText(self._summary(terms))
        self._update_buttons()

    @staticmethod
    def _summary(terms: list[OfficeRead]) -> str:
        def holder(kind: OfficeKind) -> str:
            names = [
                t.person_name
                for t in terms
                if t.kind == kind.value and t.current and t.start_date <= date.today()
            ]
            return ", ".join(names) or _("nessuno")

        return _(
            "Coordinatore: <b>{coordinator}</b> · Referente esterno: <b>{external}</b>"
        ).format(
            coordinator=html.escape(holder(OfficeKind.COORDINATOR)),
            external=html.escape(holder(OfficeKind.EXTERNAL_REFERENT)),
        )

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """A term of office by its id (the ended ones shown if it is one of them)."""
        if record != "office" or record_id is None:
            return False
        if not select_where(self.table, self.model, lambda t: t.id == record_id):
            self.show_past.setChecked(True)
            if not select_where(self.table, self.model, lambda t: t.id == record_id):
                return False
        self.table.setFocus()
        return True

    def selected(self) -> OfficeRead | None:
        row = selected_source_row(self.table)
        return None if row is None else self.model.row_at(row)

    def _update_buttons(self) -> None:
        term = self.selected()
        self.edit_button.setEnabled(term is not None)
        self.delete_button.setEnabled(term is not None)
        self.end_button.setEnabled(term is not None and term.end_date is None)

    def assign(self) -> None:
        from desdesk.ui.dialogs.office_dialog import OfficeDialog

        self.run_dialog(OfficeDialog(self.workspace, None, self))

    def edit_selected(self) -> None:
        from desdesk.ui.dialogs.office_dialog import OfficeDialog

        term = self.selected()
        if term is not None:
            self.run_dialog(OfficeDialog(self.workspace, term, self))

    def end_selected(self) -> None:
        term = self.selected()
        if term is None:
            return
        answer = QMessageBox.question(
            self,
            _("Terminare il mandato?"),
            _("Il mandato di {name} come {office} termina oggi, {date}.").format(
                name=term.person_name,
                office=_office_name(term).lower(),
                date=format_date(date.today()),
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.apply(lambda: self.workspace.offices.end_term(term.id, date.today()))

    def delete_selected(self) -> None:
        term = self.selected()
        if term is None:
            return
        answer = QMessageBox.question(
            self,
            _("Eliminare il mandato?"),
            _(
                "Eliminare il mandato di {name}? Usalo solo per un inserimento sbagliato: lo storico lo perde."
            ).format(name=term.person_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.apply(lambda: self.workspace.offices.delete(term.id))
