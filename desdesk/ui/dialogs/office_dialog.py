"""Assign a district office to a person, or edit a term."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import OfficeKind
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.schemas import OfficeInput, OfficeRead
from desdesk.services.base import ConcurrentEdit
from desdesk.services.offices import SINGLE_HOLDER
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    combo_with,
    raise_if,
    save_or_show,
    select_data,
)


class OfficeDialog(QDialog):
    """`term=None` assigns a new term; otherwise the term is edited in place."""

    def __init__(
        self, workspace: Workspace, term: OfficeRead | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.term = term
        self.setWindowTitle(_("Assegna una carica") if term is None else _("Modifica il mandato"))
        self.form = Form()
        self.kind = self.form.add(
            "kind", _("Carica"), combo_with([(k.label(), k.value) for k in OfficeKind])
        )
        self.title = self.form.add("title", _("Nome della carica"), QLineEdit())
        self.title.setPlaceholderText(_("solo per “Altra carica”, es. Responsabile progetti"))
        self.person = self.form.add("person_name", _("Persona *"), QComboBox())
        self.person.setEditable(True)
        self.member = self.form.add("member_id", _("Aderente di provenienza"), QComboBox())
        self.start = self.form.add("start_date", _("Dal *"), DateField())
        self.end = self.form.add("end_date", _("Al"), DateField())
        self.notes = self.form.add("notes", _("Note"), QLineEdit())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self._fill_choices()
        self.kind.currentIndexChanged.connect(self._update_hint)
        self.start.editingFinished.connect(self._update_hint)
        self.end.editingFinished.connect(self._update_hint)
        self.person.currentTextChanged.connect(self._guess_member)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(540, 400)
        if term is not None:
            self._load(term)
        else:
            self.start.set_date(date.today())
        self._update_hint()

    def _fill_choices(self) -> None:
        """Members to choose from (a term's own member stays even if it has left), and the
        current referents as people, completed as one types."""
        own_member = self.term.member_id if self.term is not None else None
        self.member.addItem(_("— nessuno —"), None)
        for member_id, name, active in self.workspace.members.names(include_former=True):
            if active:
                self.member.addItem(name, member_id)
            elif member_id == own_member:
                self.member.addItem(_("{name} (uscito)").format(name=name), member_id)
        people = self.workspace.referents.current_people()
        self._member_of_person = {name.casefold(): member for name, member in people}
        self.person.addItem("")
        self.person.addItems([name for name, _member in people])
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.person.completer()
        if completer is not None:
            # A popup of matches: inline completion with "contains" matching would write
            # the rest of another name into the field as one types a surname.
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._guessed_member: int | None = None

    def _guess_member(self, name: str) -> None:
        """A referent chosen as the person brings their member, unless the user picked one."""
        member_id = self._member_of_person.get(name.strip().casefold())
        current = self.member.currentData()
        if current not in (None, self._guessed_member):
            return  # the user chose the member: leave it
        select_data(self.member, member_id)  # None selects "— nessuno —"
        self._guessed_member = member_id

    def _update_hint(self) -> None:
        kind = OfficeKind(self.kind.currentData())
        self.title.setEnabled(kind is OfficeKind.OTHER)
        holders = []
        start = self._typed_date("start_date")
        if kind in SINGLE_HOLDER and self.term is None and self._is_running():
            holders = [
                h
                for h in self.workspace.offices.current_holders(kind)
                if start is None or h.start_date < start
            ]
        if holders:
            self.hint.setText(
                _(
                    "Il mandato attuale di {name} terminerà il giorno prima dell'inizio del nuovo."
                ).format(name=holders[0].person_name)
            )
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(holders))

    def _is_running(self) -> bool:
        """Whether the term being typed has not ended (only such a term replaces a holder)."""
        end = self._typed_date("end_date")
        return end is None or end >= date.today()

    def _typed_date(self, field: str) -> date | None:
        problems: list[FieldProblem] = []
        value = self.form.read_date(field, problems)
        return None if problems else value

    def _load(self, term: OfficeRead) -> None:
        select_data(self.kind, term.kind)
        self.kind.setEnabled(False)
        self.title.setText(term.title)
        self.person.setCurrentText(term.person_name)
        select_data(self.member, term.member_id)
        self.start.set_date(term.start_date)
        self.end.set_date(term.end_date)
        self.notes.setText(term.notes)

    def save(self) -> None:
        save_or_show(self, self.form, self._write, self._conflict)

    def _conflict(self, exc: ConcurrentEdit) -> None:
        """Someone saved the term since the form read it: reload it if the user wants
        (its new edit count with it, or every retry would be refused)."""
        if self.term is None or not ask_to_reload(self, exc, _("Mandato non salvato")):
            return
        fresh = [t for t in self.workspace.offices.terms() if t.id == self.term.id]
        if fresh:
            self.term = fresh[0]
            self._load(self.term)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        start = self.form.read_date("start_date", problems)
        end = self.form.read_date("end_date", problems)
        if start is None and not any(p.field == "start_date" for p in problems):
            problems.append(FieldProblem("start_date", _("Indica l'inizio del mandato.")))
        raise_if(problems)
        assert start is not None
        data = OfficeInput(
            kind=self.kind.currentData(),
            title=self.title.text(),
            person_name=self.person.currentText(),
            member_id=self.member.currentData(),
            start_date=start,
            end_date=end,
            notes=self.notes.text(),
        )
        if self.term is None:
            self.workspace.offices.assign(data)
        else:
            self.workspace.offices.update(self.term.id, data, expected_version=self.term.version)
