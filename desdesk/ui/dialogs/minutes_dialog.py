"""Write, approve and correct the minutes of an assembly (one window per assembly)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem, ValidationFailed
from desdesk.i18n import _, format_date
from desdesk.schemas import MinutesRead, TaskRead
from desdesk.services.base import ConcurrentEdit
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.dialogs.approve_minutes import ApproveMinutesDialog
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.minutes_header import MinutesHeader
from desdesk.ui.widgets.minutes_item_editor import MinutesItemEditor


def revision_label(minutes: MinutesRead) -> str:
    if minutes.approved_on is not None:
        return _("Revisione {n}, approvata il {date}").format(
            n=minutes.revision, date=format_date(minutes.approved_on)
        )
    return _("Revisione {n}, bozza").format(n=minutes.revision)


def _split(
    problems: list[FieldProblem],
) -> tuple[list[FieldProblem], dict[int, list[FieldProblem]]]:
    """Header problems, and item problems by item index with the "items.<n>." prefix removed."""
    header: list[FieldProblem] = []
    items: dict[int, list[FieldProblem]] = {}
    for problem in problems:
        parts = problem.field.split(".", 2)
        if parts[0] == "items" and len(parts) == 3 and parts[1].isdigit():
            items.setdefault(int(parts[1]), []).append(FieldProblem(parts[2], problem.message))
        else:
            header.append(problem)
    return header, items


class MinutesDialog(QDialog):
    def __init__(
        self, workspace: Workspace, assembly_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assembly_id = assembly_id
        self.setWindowTitle(_("Verbale dell'assemblea"))
        workspace.minutes.draft(assembly_id)
        self.voters = workspace.attendance.count(assembly_id)[0].voters
        self.members = [(i, name) for i, name, _active in workspace.members.names()]
        self.revision = QComboBox()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.header = MinutesHeader()
        self._heading = workspace.minutes.heading(assembly_id)
        self.items: list[MinutesItemEditor] = []
        self._items_box = QVBoxLayout()
        self.add_item_button = QPushButton(_("Aggiungi punto"))
        self.add_item_button.clicked.connect(self.add_item)
        self.save_button = QPushButton(_("Salva"))
        self.approve_button = QPushButton(_("Approva verbale"))
        self.revise_button = QPushButton(_("Nuova revisione…"))
        close = QPushButton(_("Chiudi"))
        self.save_button.clicked.connect(self.save)
        self.approve_button.clicked.connect(self.approve)
        self.revise_button.clicked.connect(self.new_revision)
        close.clicked.connect(self.accept)
        self._lay_out(close)
        self.revision.currentIndexChanged.connect(self._show_selected)
        self._reload()
        self.resize(860, 760)

    def _lay_out(self, close: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Revisione")))
        top.addWidget(self.revision)
        top.addWidget(self.status, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.header)
        column.addLayout(self._items_box)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_item_button)
        add_line.addStretch(1)
        column.addLayout(add_line)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.approve_button, self.revise_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    # -- showing a revision ------------------------------------------------------------------
    def _reload(self) -> None:
        """Read the revisions again and show the latest."""
        self.revisions = self.workspace.minutes.revisions(self.assembly_id)
        self.revision.blockSignals(True)
        self.revision.clear()
        for minutes in self.revisions:
            self.revision.addItem(revision_label(minutes), minutes.id)
        self.revision.setCurrentIndex(len(self.revisions) - 1)
        self.revision.blockSignals(False)
        self._show_selected()

    @property
    def shown(self) -> MinutesRead:
        return self.revisions[max(self.revision.currentIndex(), 0)]

    @property
    def editable(self) -> bool:
        return not self.shown.approved and self.shown is self.revisions[-1]

    def _show_selected(self) -> None:
        minutes = self.shown
        self.header.show_assembly(self._heading, *self.workspace.minutes.attendance(minutes.id))
        self.header.load(minutes)
        for editor in self.items:
            self._items_box.removeWidget(editor)
            editor.deleteLater()
        self.items = []
        for item, item_id in zip(minutes.data.items, minutes.item_ids, strict=True):
            self.add_item().load(item, self._item_tasks(minutes, item_id))
        self._set_state()

    def _item_tasks(self, minutes: MinutesRead, item_id: int) -> list[TaskRead]:
        """Approved minutes list the tasks as they were at approval, drafts the live ones."""
        if minutes.snapshot is not None:
            return [t for t in minutes.snapshot.tasks if t.data.minutes_item_id == item_id]
        return self.workspace.tasks.for_minutes_item(item_id)

    def add_item(self) -> MinutesItemEditor:
        """A new, empty item at the end (e.g. "Varie ed eventuali")."""
        editor = MinutesItemEditor(len(self.items) + 1, self.voters, self.members)
        self._items_box.addWidget(editor)
        self.items.append(editor)
        return editor

    def _set_state(self) -> None:
        minutes, editable = self.shown, self.editable
        self.header.set_read_only(not editable)
        for editor in self.items:
            editor.set_read_only(not editable)
        self.save_button.setEnabled(editable)
        self.add_item_button.setVisible(editable)
        self.approve_button.setEnabled(editable)
        latest = minutes is self.revisions[-1]
        self.revise_button.setEnabled(minutes.approved and latest)
        notes = []
        if minutes.previous_id is not None:
            notes.append(
                _("Corregge la revisione {n}: {reason}").format(
                    n=minutes.revision - 1, reason=minutes.correction_reason
                )
            )
        if minutes.approved:
            notes.append(_("Approvato: il verbale non si può più modificare."))
        elif not latest:
            notes.append(_("Revisione precedente, in sola lettura."))
        self.status.setText(" ".join(notes))

    # -- actions -------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the minutes shown; problems go next to their fields. True if saved."""
        problems: list[FieldProblem] = []
        data = self.header.read()
        tasks = []
        for index, editor in enumerate(self.items):
            data.items.append(editor.item_input())
            item_problems: list[FieldProblem] = []
            tasks.append(editor.tasks(item_problems))
            problems += [FieldProblem(f"items.{index}.{p.field}", p.message) for p in item_problems]
        try:
            if problems:
                raise ValidationFailed(problems)
            shown = self.shown
            self.workspace.minutes.save(shown.id, data, tasks, expected_version=shown.version)
        except ValidationFailed as exc:
            self._show_problems(exc.problems)
            return False
        except ConcurrentEdit as exc:
            if ask_to_reload(self, exc, _("Verbale non salvato")):
                self._reload()  # the minutes as saved, with their new edit count
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        self._reload()
        self.status.setText(_("Verbale salvato."))
        return True

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        header, items = _split(problems)
        self.header.show_problems(header)
        for index, editor in enumerate(self.items):
            editor.show_problems(items.get(index, []))
        self.status.setText(_("Il verbale non è stato salvato: correggi i campi segnalati."))

    def approve(self) -> None:
        """Save what is typed, then ask the approval date; frozen afterwards."""
        if not self.save():
            return
        warnings = self.workspace.minutes.approval_warnings(self.shown.id)
        if ApproveMinutesDialog(self.workspace, self.shown.id, warnings, self).exec():
            self._reload()

    def new_revision(self) -> None:
        reason, ok = QInputDialog.getText(
            self, _("Nuova revisione"), _("Che cosa va corretto nel verbale approvato, e perché?")
        )
        if not ok:
            return
        try:
            self.workspace.minutes.new_revision(self.shown.id, reason)
        except Exception as exc:
            show_error(self, exc)
            return
        self._reload()
