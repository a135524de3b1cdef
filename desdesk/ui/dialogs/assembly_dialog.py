"""Plan an assembly or edit it: kind, first and second call, place, agenda.

The warnings of the convocation (short notice, a date already past) are shown as the
dates are typed; they never stop the save.
"""

from __future__ import annotations

import re
from datetime import date, time

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import AssemblyKind, AssemblyStatus
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.schemas import AssemblyInput, AssemblyRead
from desdesk.services.base import ConcurrentEdit
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.widgets.agenda_editor import AgendaEditor
from desdesk.ui.widgets.forms import (
    WARNING_STYLE,
    DateField,
    ErrorLabel,
    Form,
    combo_with,
    raise_if,
    save_or_show,
    select_data,
)

# A held or cancelled assembly has no convocation left to warn about.
_SETTLED = (AssemblyStatus.HELD.value, AssemblyStatus.CANCELLED.value)
_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*$")


def parse_time(text: str) -> time | None:
    """ "20:30", "20.30" or "20" as a time; empty is None; ValueError otherwise."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    return time(int(match.group(1)), int(match.group(2) or 0))


class TimeField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("HH:MM"))
        self.setMaximumWidth(90)

    def set_time(self, value: time | None) -> None:
        self.setText(value.strftime("%H:%M") if value else "")


class AssemblyDialog(QDialog):
    """`assembly=None` plans a new assembly; otherwise it is edited in place."""

    def __init__(
        self,
        workspace: Workspace,
        assembly: AssemblyRead | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assembly = assembly
        self.today = today or date.today()
        self.saved_id: int | None = None
        self.setWindowTitle(_("Nuova assemblea") if assembly is None else _("Modifica assemblea"))
        self.form = Form()
        self.kind = self.form.add(
            "kind", _("Tipo"), combo_with([(k.label(), k.value) for k in AssemblyKind])
        )
        self.title = self.form.add("title", _("Titolo"), QLineEdit())
        self.title.setPlaceholderText(_("es. Assemblea di primavera"))
        self.open_to_public = self.form.add(
            "open_to_public",
            "",
            QCheckBox(_("Aperta a esterni (cittadini, portatori di interesse)")),
        )
        self.first_date = self.form.add("first_call_date", _("Prima convocazione *"), DateField())
        self.first_time = self.form.add("first_call_time", _("Ora della prima"), TimeField())
        self.second_date = self.form.add("second_call_date", _("Seconda convocazione"), DateField())
        self.second_time = self.form.add("second_call_time", _("Ora della seconda"), TimeField())
        self.place = self.form.add("place", _("Luogo"), QLineEdit())
        self.remote_link = self.form.add(
            "remote_link", _("Link per partecipare a distanza"), QLineEdit()
        )
        self.notes = self.form.add("notes", _("Note"), QPlainTextEdit())
        self.notes.setMaximumHeight(60)
        self.agenda = AgendaEditor()
        self.agenda_error = ErrorLabel()
        self.agenda_error.setObjectName("error_agenda")
        self.form.errors["agenda"] = self.agenda_error  # the service's "agenda" problems
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self._layout()
        if assembly is not None:
            self._load(assembly)
        self.agenda.offer(workspace.assemblies.open_tasks_item())
        self.first_date.editingFinished.connect(self.update_warnings)
        self.update_warnings()

    def _layout(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        agenda = QVBoxLayout()
        agenda.addWidget(QLabel(_("<b>Ordine del giorno</b>")))
        agenda.addWidget(self.agenda, 1)
        agenda.addWidget(self.agenda_error)
        columns = QHBoxLayout()
        columns.addWidget(self.form, 1)
        columns.addLayout(agenda, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
        self.resize(980, 560)

    def _load(self, assembly: AssemblyRead) -> None:
        data = assembly.data
        select_data(self.kind, data.kind)
        self.title.setText(data.title)
        self.open_to_public.setChecked(data.open_to_public)
        self.first_date.set_date(data.first_call_date)
        self.first_time.set_time(data.first_call_time)
        self.second_date.set_date(data.second_call_date)
        self.second_time.set_time(data.second_call_time)
        self.place.setText(data.place)
        self.remote_link.setText(data.remote_link)
        self.notes.setPlainText(data.notes)
        self.agenda.set_items(assembly.agenda)

    def update_warnings(self) -> None:
        """Short notice or a past date: said here, before saving, without blocking it."""
        problems: list[FieldProblem] = []
        first = self.form.read_date("first_call_date", problems)
        messages: list[str] = []
        settled = self.assembly is not None and self.assembly.status in _SETTLED
        if first is not None and not problems and not settled:
            sent_on = self.assembly.convened_on if self.assembly is not None else None
            messages = self.workspace.assemblies.draft_warnings(
                AssemblyInput(first_call_date=first), sent_on, self.today
            )
        self.warnings.setText("\n".join(messages))
        self.warnings.setVisible(bool(messages))

    def _read_time(
        self, field: str, editor: TimeField, problems: list[FieldProblem]
    ) -> time | None:
        try:
            return parse_time(editor.text())
        except ValueError:
            problems.append(FieldProblem(field, _("Scrivi l'ora come HH:MM (es. 20:30).")))
            return None

    def data(self) -> AssemblyInput:
        """What the form holds; raises ValidationFailed for dates and times not readable."""
        problems: list[FieldProblem] = []
        first = self.form.read_date("first_call_date", problems)
        second = self.form.read_date("second_call_date", problems)
        first_time = self._read_time("first_call_time", self.first_time, problems)
        second_time = self._read_time("second_call_time", self.second_time, problems)
        if first is None and not any(p.field == "first_call_date" for p in problems):
            problems.append(
                FieldProblem("first_call_date", _("Indica il giorno della prima convocazione."))
            )
        raise_if(problems)
        assert first is not None
        return AssemblyInput(
            first_call_date=first,
            kind=self.kind.currentData(),
            title=self.title.text(),
            open_to_public=self.open_to_public.isChecked(),
            first_call_time=first_time,
            second_call_date=second,
            second_call_time=second_time,
            place=self.place.text(),
            remote_link=self.remote_link.text(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        self.update_warnings()
        save_or_show(self, self.form, self._write, self._conflict)

    def _conflict(self, exc: ConcurrentEdit) -> None:
        """Someone saved the assembly (or began its roll call) since the form read it:
        reload it if the user wants, with its new edit count."""
        if self.assembly is None or not ask_to_reload(self, exc, _("Assemblea non salvata")):
            return
        self.assembly = self.workspace.assemblies.get(self.assembly.id)
        self._load(self.assembly)
        self.update_warnings()

    def _write(self) -> None:
        data = self.data()
        service = self.workspace.assemblies
        if self.assembly is None:
            self.saved_id = service.plan(data, self.agenda.items())
        else:
            service.update(
                self.assembly.id, data, self.agenda.items(), expected_version=self.assembly.version
            )
            self.saved_id = self.assembly.id
