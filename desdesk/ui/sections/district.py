"""Distretto: the district's profile, its objectives and its founding documents."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS
from desdesk.domain.enums import FoundingDocumentKind, ObjectiveStatus
from desdesk.domain.errors import FieldProblem, ValidationFailed
from desdesk.i18n import N_, _, format_date, format_number, ngettext
from desdesk.schemas import FoundingDocumentRead, ObjectiveRead
from desdesk.services.base import ConcurrentEdit
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.errors import show_error
from desdesk.ui.models.rows import RowsTableModel, TextColumn
from desdesk.ui.sections.base import Section, select_where
from desdesk.ui.widgets.business_plan import BusinessPlanPage
from desdesk.ui.widgets.forms import Form
from desdesk.ui.widgets.growth_actions import GrowthActionsPage
from desdesk.ui.widgets.profile_fields import ProfileFields
from desdesk.ui.widgets.tables import make_table, selected_source_row

T = TypeVar("T")


def _target(objective: ObjectiveRead) -> str:
    data = objective.data
    if data.target_value is None:
        return ""
    return f"{format_number(data.target_value)} {data.target_unit}".strip()


OBJECTIVE_DATES: tuple[TextColumn[ObjectiveRead], ...] = (
    TextColumn(
        N_("Scadenza"),
        lambda o: format_date(o.data.deadline),
        lambda o: o.data.deadline or date.max,
    ),
    TextColumn(N_("Stato"), lambda o: ObjectiveStatus(o.data.status).label()),
)


def objective_columns(
    progress: Mapping[int, Decimal | None],
) -> tuple[TextColumn[ObjectiveRead], ...]:
    """The objectives' columns; `progress` maps an objective linked to an indicator to
    how far it has come (percent), as the Indicatori section computes it."""

    def progress_text(objective: ObjectiveRead) -> str:
        percent = progress.get(objective.id)
        return "" if percent is None else f"{format_number(percent)} %"

    def progress_key(objective: ObjectiveRead) -> Decimal:
        percent = progress.get(objective.id)
        return Decimal(-1) if percent is None else percent

    return (
        TextColumn(N_("Obiettivo"), lambda o: o.data.title),
        TextColumn(N_("Valore obiettivo"), _target),
        TextColumn(N_("Avanzamento"), progress_text, progress_key),
        *OBJECTIVE_DATES,
    )


def document_duration(document: FoundingDocumentRead) -> str:
    """How long a document is valid, in whole years when it is («3 anni»), else in months."""
    start, end = document.document_date, document.valid_until
    if end is None:
        return ""
    if start is None:
        return _("fino al {day}").format(day=format_date(end))
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    if months >= 12 and months % 12 == 0:
        return ngettext("{n} anno", "{n} anni", months // 12).format(n=months // 12)
    return ngettext("{n} mese", "{n} mesi", months).format(n=months)


DOCUMENT_COLUMNS: tuple[TextColumn[FoundingDocumentRead], ...] = (
    TextColumn(N_("Tipo"), lambda d: FoundingDocumentKind(d.kind).label()),
    TextColumn(N_("Titolo"), lambda d: d.title),
    TextColumn(
        N_("Data"), lambda d: format_date(d.document_date), lambda d: d.document_date or date.min
    ),
    TextColumn(
        N_("Valido fino al"),
        lambda d: format_date(d.valid_until),
        lambda d: d.valid_until or date.max,
    ),
    TextColumn(N_("Durata"), document_duration),
    TextColumn(N_("Approvato"), lambda d: _("sì") if d.approved else _("no")),
    TextColumn(N_("File"), lambda d: d.filename or _("nessun file")),
)


def _button_row(*pairs: tuple[QPushButton, Callable[[], None]]) -> QHBoxLayout:
    row = QHBoxLayout()
    for button, slot in pairs:
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row


class DistrictSection(Section):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._profile_tab(), _("Profilo"))
        self.plan_page = BusinessPlanPage()
        self.plan_page.save_button.clicked.connect(self.save_plan)
        self.tabs.addTab(self.plan_page, _("Governance e piano"))
        self.objectives_tab = self.tabs.addTab(self._objectives_tab(), _("Obiettivi"))
        self.tabs.addTab(self._documents_tab(), _("Documenti fondativi"))
        self.growth_page = GrowthActionsPage()
        self.growth_tab = self.tabs.addTab(self.growth_page, _("Nuovi aderenti"))
        self.growth_page.add_button.clicked.connect(self.add_growth_action)
        self.growth_page.edit_button.clicked.connect(self.edit_growth_action)
        self.growth_page.delete_button.clicked.connect(self.delete_growth_action)
        self.growth_page.table.doubleClicked.connect(lambda _i: self.edit_growth_action())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.load_profile()
        self.refresh()
        # Progress and growth actions are read when in view (not at start-up).
        self.tabs.currentChanged.connect(
            lambda i: self.reload() if i in (self.objectives_tab, self.growth_tab) else None
        )

    # -- profile ----------------------------------------------------------------------
    def load_profile(self) -> None:
        """Both profile tabs as saved, with the edit count their saves send back (one
        count for the district: a reload refreshes both)."""
        profile = self.workspace.district.profile()
        self.profile_version = profile.version
        self.profile_fields.load(profile)
        self.plan_page.load(profile.governance, profile.business_plan)

    def _profile_conflict(self, exc: ConcurrentEdit, title: str) -> None:
        if ask_to_reload(self, exc, title):
            self.load_profile()

    def _profile_tab(self) -> QWidget:
        page = self.profile_page = QWidget()
        self.profile_form = Form()
        self.profile_fields = ProfileFields(self.profile_form)
        self.save_profile_button = QPushButton(_("Salva il profilo"))
        self.history_button = QPushButton(_("Cronologia del distretto…"))
        self.history_button.setObjectName("districtHistoryButton")
        layout = QVBoxLayout(page)
        layout.addWidget(self.profile_form)
        layout.addLayout(
            _button_row(
                (self.save_profile_button, self.save_profile),
                (self.history_button, self.show_history),
            )
        )
        layout.addStretch(1)
        return page

    def save_profile(self) -> None:
        problems: list[FieldProblem] = []
        profile = self.profile_fields.read(problems)
        try:
            if problems:
                raise ValidationFailed(problems)
            # The governance and the business plan are saved from their own tab.
            stored = self.workspace.district.profile()
            profile = replace(
                profile, governance=stored.governance, business_plan=stored.business_plan
            )
            district = self.workspace.district
            self.profile_version = district.update_profile(profile, self.profile_version)
        except ValidationFailed as exc:
            self.profile_form.show_problems(exc.problems)
            return
        except ConcurrentEdit as exc:
            self._profile_conflict(exc, _("Profilo non salvato"))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.profile_form.show_problems([])
        self.changed.emit()  # the window updates its title

    def show_history(self) -> None:
        """Every logged change of the district, newest first (Cronologia)."""
        from desdesk.ui.dialogs.history import HistoryDialog

        HistoryDialog(self.workspace, title=_("Cronologia del distretto"), parent=self).exec()

    def save_plan(self) -> None:
        """The governance text and all the business plan's sections, in one transaction."""
        governance, plan = self.plan_page.values()
        try:
            stored = self.workspace.district.profile()
            self.profile_version = self.workspace.district.update_profile(
                replace(stored, governance=governance, business_plan=plan), self.profile_version
            )
        except ValidationFailed as exc:
            self.plan_page.show_problems(exc.problems)
            return
        except ConcurrentEdit as exc:
            self._profile_conflict(exc, _("Governance e piano non salvati"))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.plan_page.show_saved()
        self.changed.emit()  # the check's counts may change

    # -- objectives ---------------------------------------------------------------------
    def _objectives_tab(self) -> QWidget:
        page = QWidget()
        self.progress: dict[int, Decimal | None] = {}
        self.objectives: RowsTableModel[ObjectiveRead] = RowsTableModel(
            objective_columns(self.progress), parent=self
        )
        self.objective_table = make_table(self.objectives, page)
        self.objective_table.setColumnWidth(0, 420)
        self.objective_table.doubleClicked.connect(lambda _i: self.edit_objective())
        layout = QVBoxLayout(page)
        layout.addWidget(self.objective_table, 1)
        layout.addLayout(
            _button_row(
                (QPushButton(_("Nuovo obiettivo…")), self.add_objective),
                (QPushButton(_("Modifica…")), self.edit_objective),
                (QPushButton(_("Elimina…")), self.delete_objective),
            )
        )
        return page

    def add_objective(self) -> None:
        from desdesk.ui.dialogs.district_dialogs import ObjectiveDialog

        self.run_dialog(ObjectiveDialog(self.workspace, None, self))

    def edit_objective(self) -> None:
        from desdesk.ui.dialogs.district_dialogs import ObjectiveDialog

        objective = self._selected(self.objective_table, self.objectives)
        if objective is not None:
            self.run_dialog(ObjectiveDialog(self.workspace, objective, self))

    def delete_objective(self) -> None:
        objective = self._selected(self.objective_table, self.objectives)
        if objective is not None and self._confirm(
            _("Eliminare l'obiettivo “{title}”?").format(title=objective.data.title)
        ):
            self.apply(lambda: self.workspace.district.delete_objective(objective.id))

    # -- founding documents -------------------------------------------------------------------
    def _documents_tab(self) -> QWidget:
        page = QWidget()
        self.documents: RowsTableModel[FoundingDocumentRead] = RowsTableModel(
            DOCUMENT_COLUMNS, parent=self
        )
        self.document_table = make_table(self.documents, page)
        self.document_table.setColumnWidth(0, 170)
        self.document_table.setColumnWidth(1, 320)
        self.document_table.doubleClicked.connect(lambda _i: self.edit_document())
        layout = QVBoxLayout(page)
        layout.addWidget(self.document_table, 1)
        layout.addLayout(
            _button_row(
                (QPushButton(_("Nuovo documento…")), self.add_document),
                (QPushButton(_("Modifica…")), self.edit_document),
                (QPushButton(_("Salva il file come…")), self.export_document),
                (QPushButton(_("Elimina…")), self.delete_document),
            )
        )
        return page

    def add_document(self) -> None:
        from desdesk.ui.dialogs.district_dialogs import FoundingDocumentDialog

        self.run_dialog(FoundingDocumentDialog(self.workspace, None, self))

    def edit_document(self) -> None:
        from desdesk.ui.dialogs.district_dialogs import FoundingDocumentDialog

        document = self._selected(self.document_table, self.documents)
        if document is not None:
            self.run_dialog(FoundingDocumentDialog(self.workspace, document, self))

    def export_document(self) -> None:
        document = self._selected(self.document_table, self.documents)
        if document is None or not document.filename:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Salva il file del documento"), document.filename
        )
        if not name:
            return
        try:
            _filename, content = self.workspace.district.document_content(document.id)
            self.workspace.documents.save_pdf(content, Path(name))
        except Exception as exc:
            show_error(self, exc)

    def delete_document(self) -> None:
        document = self._selected(self.document_table, self.documents)
        if document is not None and self._confirm(
            _("Eliminare il documento “{title}” e il file allegato?").format(title=document.title)
        ):
            self.apply(lambda: self.workspace.district.delete_document(document.id))

    # -- growth actions («Nuovi aderenti») ---------------------------------------------------
    def add_growth_action(self) -> None:
        from desdesk.ui.dialogs.growth_action import GrowthActionDialog

        self.run_dialog(GrowthActionDialog(self.workspace, None, self))

    def edit_growth_action(self) -> None:
        from desdesk.ui.dialogs.growth_action import GrowthActionDialog

        action = self.growth_page.selected()
        if action is not None:
            self.run_dialog(GrowthActionDialog(self.workspace, action, self))

    def delete_growth_action(self) -> None:
        action = self.growth_page.selected()
        if action is not None and self._confirm(
            _("Eliminare l'azione del {day} «{what}»?").format(
                day=format_date(action.data.day), what=action.data.description.strip()
            )
        ):
            self.apply(lambda: self.workspace.growth.delete(action.id))

    # -- shared ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Objectives, documents, growth actions (when in view); the profile form keeps what
        the user is typing."""
        self.progress.clear()
        if self.tabs.currentIndex() == self.objectives_tab:
            self.progress.update(
                (p.objective_id, p.progress_percent)
                for p in self.workspace.indicators.objectives_progress()
            )
        self.objectives.set_rows(self.workspace.district.objectives())
        self.documents.set_rows(self.workspace.district.documents())
        if self.tabs.currentIndex() == self.growth_tab:
            self.growth_page.model.set_rows(self.workspace.growth.actions())

    @staticmethod
    def _selected(table: QTableView, model: RowsTableModel[T]) -> T | None:
        row = selected_source_row(table)
        return None if row is None else model.row_at(row)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self, _("Conferma"), text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    # -- the check's targets ---------------------------------------------------------------
    def _profile_page_to_fix(self) -> QWidget:
        """The check points at "the profile" for the mission (C6), the governance (C8) and
        the business plan (C10): the «Governance e piano» tab when the mission is there
        and something of those is missing, else «Profilo»."""
        profile = self.workspace.district.profile()
        plan_missing = not profile.governance.strip() or len(profile.business_plan) < len(
            BUSINESS_PLAN_SECTIONS
        )
        if profile.mission.strip() and plan_missing:
            return self.plan_page
        return self.profile_page

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """The profile, or an objective, founding document or growth action selected in
        its tab."""
        if record == "profile":
            self.tabs.setCurrentWidget(self._profile_page_to_fix())
            return True
        lists: dict[str, tuple[QTableView, RowsTableModel[Any]]] = {
            "objective": (self.objective_table, self.objectives),
            "document": (self.document_table, self.documents),
            "growth_action": (self.growth_page.table, self.growth_page.model),
        }
        if record not in lists:
            return False
        table, model = lists[record]
        page = table.parentWidget()
        if page is not None:
            self.tabs.setCurrentWidget(page)
        if record_id is None:
            return True
        return select_where(table, model, lambda row: row.id == record_id)
