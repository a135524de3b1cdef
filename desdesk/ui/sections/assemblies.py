"""Assemblee: the calendar of the district's assemblies, with the 6-month rule in view.

`tabs` holds the "Calendario" tab; the tasks and attendance views are added beside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk.document_schemas import DocumentRequest
from desdesk.domain.assembly_rules import CalendarGap
from desdesk.domain.documents import DocumentKind
from desdesk.domain.enums import AssemblyKind, AssemblyStatus
from desdesk.i18n import N_, _, format_date, ngettext
from desdesk.schemas import AssemblyRead
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.rows import RowsTableModel, TextColumn
from desdesk.ui.sections.base import Section, select_where
from desdesk.ui.widgets.attendance_record import AttendanceRecordView
from desdesk.ui.widgets.forms import WARNING_STYLE
from desdesk.ui.widgets.pdf import write_pdf
from desdesk.ui.widgets.tables import make_table, selected_source_row
from desdesk.ui.widgets.tasks_view import TasksView


def status_text(assembly: AssemblyRead) -> str:
    if assembly.minutes_approved:
        return _("Verbale approvato")
    return AssemblyStatus(assembly.status).label()


def _time(assembly: AssemblyRead) -> str:
    at = assembly.data.first_call_time
    return at.strftime("%H:%M") if at else ""


COLUMNS: tuple[TextColumn[AssemblyRead], ...] = (
    TextColumn(
        N_("Data"), lambda a: format_date(a.data.first_call_date), lambda a: a.data.first_call_date
    ),
    TextColumn(N_("Ora"), _time),
    TextColumn(N_("Tipo"), lambda a: AssemblyKind(a.data.kind).label()),
    TextColumn(N_("Titolo"), lambda a: a.data.title),
    TextColumn(N_("Luogo"), lambda a: a.data.place or a.data.remote_link),
    TextColumn(N_("Stato"), status_text),
)


def gap_sentence(gap: CalendarGap) -> str:
    if gap.after is None:
        return _("Nessuna assemblea registrata: ne va tenuta almeno una ogni 6 mesi.")
    if gap.before is None:
        return _("Nessuna assemblea dal {after} e nessuna in programma: più di 6 mesi.").format(
            after=format_date(gap.after)
        )
    return _("Nessuna assemblea tra il {after} e il {before}: più di 6 mesi.").format(
        after=format_date(gap.after), before=format_date(gap.before)
    )


class AssembliesSection(Section):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.today = today or date.today()
        self.model: RowsTableModel[AssemblyRead] = RowsTableModel(
            COLUMNS, muted=lambda a: a.status == AssemblyStatus.CANCELLED.value, parent=self
        )
        self.table = make_table(self.model, self, sortable=False)
        self.table.setObjectName("assemblyTable")
        for column, width in enumerate((90, 60, 110, 260, 200)):
            self.table.setColumnWidth(column, width)
        self.year = QComboBox()
        self.year.setObjectName("yearFilter")
        self.banner = QLabel()
        self.banner.setObjectName("gapBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(WARNING_STYLE)
        self.buttons: dict[str, QPushButton] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._calendar_tab(), _("Calendario"))
        self.tasks_view = TasksView(workspace, self)
        self.tasks_view.changed.connect(self.changed)
        self.tabs.addTab(self.tasks_view, _("Compiti"))
        # The attendance record reads every roll call: built when its tab is first opened.
        self.attendance_view: AttendanceRecordView | None = None
        self._attendance_holder = QWidget()
        QVBoxLayout(self._attendance_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._attendance_holder, _("Presenze"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.year.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.refresh()

    def _calendar_tab(self) -> QWidget:
        tab = QWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Anno:")))
        top.addWidget(self.year)
        top.addStretch(1)
        row_buttons = QHBoxLayout()
        for key, label, slot in (
            ("new", _("Nuova assemblea…"), self.plan_new),
            ("edit", _("Modifica…"), self.edit_selected),
            ("convene", _("Convoca…"), self.convene_selected),
            ("roll_call", _("Appello…"), self.roll_call_selected),
            ("minutes", _("Verbale…"), self.minutes_selected),
            ("pdf", _("PDF"), None),
            ("cancel", _("Annulla assemblea"), self.cancel_selected),
            ("delete", _("Elimina…"), self.delete_selected),
        ):
            row_buttons.addWidget(self._button(key, label, slot))
        row_buttons.addStretch(1)
        other_buttons = QHBoxLayout()
        other_buttons.addStretch(1)
        other_buttons.addWidget(self._button("export", _("Esporta calendario…"), self.export))
        other_buttons.addWidget(self._button("settings", _("Impostazioni…"), self.settings))
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addLayout(other_buttons)
        return tab

    def _button(self, key: str, label: str, slot: object) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"{key}Button")
        if slot is None:  # the documents of the selected assembly, as a menu
            button.setMenu(self._pdf_menu(button))
        else:
            button.clicked.connect(slot)
        self.buttons[key] = button
        return button

    def _pdf_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        for label, kind in (
            (_("Lettere di convocazione…"), DocumentKind.CONVOCATION),
            (_("Avviso di convocazione da stampare…"), DocumentKind.NOTICE),
            (_("Verbale con foglio presenze…"), DocumentKind.MINUTES),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _checked=False, k=kind: self.assembly_pdf(k))
        return menu

    def assembly_pdf(self, kind: DocumentKind, target: Path | None = None) -> Path | None:
        """A document of the selected assembly, kept in the archive (Documenti) and shown
        in the preview, where it can be saved, printed or approved; written straight to
        `target` when one is given."""
        assembly = self.selected()
        if assembly is None:
            return None
        workspace = self.workspace
        try:
            if target is not None:
                workspace.documents.check_target(target)
        except Exception as exc:
            show_error(self, exc)
            return None
        from desdesk.ui.document_jobs import generate_document

        made = generate_document(self, workspace, DocumentRequest(kind, assembly_id=assembly.id))
        if made is None:
            return None
        row, data = made
        self.changed.emit()
        if target is not None:
            return target if write_pdf(self, workspace, data, target) else None
        from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog

        PdfPreviewDialog(data, row.title, workspace, document=row, parent=self).exec()
        return None

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self._attendance_holder and self.attendance_view is None:
            try:
                self.attendance_view = AttendanceRecordView(self.workspace, self)
            except Exception as exc:
                show_error(self, exc)
                return
            layout = self._attendance_holder.layout()
            assert layout is not None
            layout.addWidget(self.attendance_view)

    # -- content --------------------------------------------------------------
    def refresh(self) -> None:
        self.tasks_view.refresh()
        if self.attendance_view is not None:
            self.attendance_view.reload()
        self._all = self.workspace.assemblies.list()
        self._fill_years()
        self._show_rows()
        gaps = self.workspace.assemblies.gaps(self.today)
        self.banner.setText("\n".join(gap_sentence(g) for g in gaps))
        self.banner.setVisible(bool(gaps))

    def _fill_years(self) -> None:
        chosen = self.year.currentData() if self.year.count() else self.today.year
        years = {a.data.first_call_date.year for a in self._all} | {self.today.year}
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("Tutti gli anni"), None)
        for year in sorted(years, reverse=True):
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen)
        self.year.setCurrentIndex(index if index >= 0 else 0)
        self.year.blockSignals(False)

    def _show_rows(self) -> None:
        year = self.year.currentData()
        rows = [a for a in self._all if year is None or a.data.first_call_date.year == year]
        self.model.set_rows(rows)
        self._update_buttons()

    def selected(self) -> AssemblyRead | None:
        row = selected_source_row(self.table)
        return None if row is None else self.model.row_at(row)

    def show_assembly(self, assembly_id: int) -> None:
        """Select an assembly, switching the year shown if it is in another year."""
        found = next((a for a in self._all if a.id == assembly_id), None)
        if found is None:
            return
        year = self.year.currentData()
        if year is not None and year != found.data.first_call_date.year:
            self.year.setCurrentIndex(self.year.findData(found.data.first_call_date.year))
        self.select(assembly_id)

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """An assembly in the calendar, or a task in the Compiti tab."""
        if record == "assembly" and record_id is not None:
            self.tabs.setCurrentIndex(0)
            self.show_assembly(record_id)
            selected = self.selected()
            return selected is not None and selected.id == record_id
        if record == "task" and record_id is not None:
            self.tabs.setCurrentWidget(self.tasks_view)
            view = self.tasks_view
            if select_where(view.table, view.model, lambda t: t.id == record_id):
                return True
            view.member.setCurrentIndex(0)  # every member, every status
            view.status.setCurrentIndex(0)
            return select_where(view.table, view.model, lambda t: t.id == record_id)
        return False

    def select(self, assembly_id: int) -> None:
        for row, assembly in enumerate(self.model.rows()):
            if assembly.id == assembly_id:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        assembly = self.selected()
        for key in ("edit", "convene", "roll_call", "minutes", "pdf", "cancel", "delete"):
            self.buttons[key].setEnabled(assembly is not None)
        if assembly is not None:
            cancelled = assembly.status == AssemblyStatus.CANCELLED.value
            self.buttons["convene"].setEnabled(not cancelled)
            self.buttons["cancel"].setEnabled(not cancelled)

    # -- actions --------------------------------------------------------------
    def plan_new(self) -> None:
        from desdesk.ui.dialogs.assembly_dialog import AssemblyDialog

        dialog = AssemblyDialog(self.workspace, None, self, today=self.today)
        if self.run_dialog(dialog) and dialog.saved_id is not None:
            self.show_assembly(dialog.saved_id)

    def edit_selected(self) -> None:
        from desdesk.ui.dialogs.assembly_dialog import AssemblyDialog

        assembly = self.selected()
        if assembly is not None:
            full = self.workspace.assemblies.get(assembly.id)
            self.run_dialog(AssemblyDialog(self.workspace, full, self, today=self.today))

    def convene_selected(self) -> None:
        from desdesk.ui.dialogs.convene_dialog import ConveneDialog

        assembly = self.selected()
        if assembly is not None:
            self.run_dialog(ConveneDialog(self.workspace, assembly, self, today=self.today))

    def roll_call_selected(self) -> None:
        from desdesk.ui.dialogs.roll_call import RollCallDialog

        assembly = self.selected()
        if assembly is not None:
            self._run_live(RollCallDialog(self.workspace, assembly.id, self))

    def minutes_selected(self) -> None:
        from desdesk.ui.dialogs.minutes_dialog import MinutesDialog

        assembly = self.selected()
        if assembly is not None:
            try:
                dialog = MinutesDialog(self.workspace, assembly.id, self)
            except Exception as exc:  # e.g. a future or cancelled assembly has no minutes
                show_error(self, exc)
                return
            self._run_live(dialog)

    def _run_live(self, dialog: QDialog) -> None:
        """A dialog that saves as it goes: whatever way it closes, show what it saved."""
        dialog.exec()
        self.reload()
        self.changed.emit()

    def cancel_selected(self) -> None:
        assembly = self.selected()
        if assembly is None:
            return
        answer = QMessageBox.question(
            self,
            _("Annullare l'assemblea?"),
            _("L'assemblea del {date} sarà segnata come annullata; resta nel calendario.").format(
                date=format_date(assembly.data.first_call_date)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.apply(lambda: self.workspace.assemblies.cancel(assembly.id))

    def delete_selected(self) -> None:
        assembly = self.selected()
        if assembly is None:
            return
        answer = QMessageBox.question(
            self,
            _("Eliminare l'assemblea?"),
            _(
                "Eliminare l'assemblea del {date} con il suo ordine del giorno e l'appello? "
                "Per un'assemblea che non si terrà, usa «Annulla assemblea»."
            ).format(date=format_date(assembly.data.first_call_date)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.apply(lambda: self.workspace.assemblies.delete(assembly.id))

    def export(self) -> None:
        year = self.year.currentData()
        start = str(Path.home() / (f"assemblee-{year}.ics" if year else "assemblee.ics"))
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Esporta calendario"), start, _("Calendario (*.ics)")
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".ics") else Path(name + ".ics")
        try:
            count = self.workspace.assemblies.export_calendar(path, year)
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            _("Calendario esportato"),
            ngettext(
                "Scritta {n} assemblea in {path}.", "Scritte {n} assemblee in {path}.", count
            ).format(n=count, path=path),
        )

    def settings(self) -> None:
        from desdesk.ui.dialogs.convene_dialog import AssemblyRulesDialog

        self.run_dialog(AssemblyRulesDialog(self.workspace, self))
