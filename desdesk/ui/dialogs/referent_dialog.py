"""Name, replace or correct a member's referent (titolare or supplente)."""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.schemas import ReferentInput, ReferentRead
from desdesk.services.base import ConcurrentEdit
from desdesk.services.referents import LEGAL_BASES
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


class ReferentMode(Enum):
    NEW = "new"  # a member gets a referent of a kind it lacks (or any, chosen here)
    REPLACE = "replace"  # a new person takes over; the previous one is kept with an end date
    CORRECT = "correct"  # fix a typo in the current person's data, no new term


class ReferentDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        mode: ReferentMode,
        current: ReferentRead | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.mode = mode
        self.current = current
        titles = {
            ReferentMode.NEW: _("Nuovo referente"),
            ReferentMode.REPLACE: _("Sostituisci il referente"),
            ReferentMode.CORRECT: _("Correggi i dati del referente"),
        }
        self.setWindowTitle(titles[mode])
        self.form = Form()
        self.member = self.form.add("member_id", _("Aderente"), QComboBox())
        self.kind = self.form.add(
            "kind", _("Ruolo"), combo_with([(kind.label(), kind.value) for kind in ReferentKind])
        )
        self.first_name = self.form.add("first_name", _("Nome *"), QLineEdit())
        self.last_name = self.form.add("last_name", _("Cognome *"), QLineEdit())
        self.role = self.form.add("role", _("Ruolo nell'organizzazione"), QLineEdit())
        self.email = self.form.add("email", _("E-mail"), QLineEdit())
        self.phone = self.form.add("phone", _("Telefono"), QLineEdit())
        self.since = self.form.add("start_date", _("Dal"), DateField())
        self.since.set_date(date.today())
        self.legal_basis = self.form.add(
            "legal_basis",
            _("Base giuridica"),
            combo_with(
                [(_("— non indicata —"), "")]
                + [(_(label), code) for code, label in LEGAL_BASES.items()]
            ),
        )
        self.notice = self.form.add("notice_given_on", _("Informativa consegnata il"), DateField())
        self._prepare(current)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if mode is ReferentMode.REPLACE and current is not None:
            note = QLabel(
                _(
                    "{name} resterà nello storico come {kind} di “{member}” fino alla data "
                    "indicata in “Dal”."
                ).format(
                    name=current.full_name,
                    kind=ReferentKind(current.kind).label().lower(),
                    member=current.member_name,
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(520, 440)

    def _prepare(self, current: ReferentRead | None) -> None:
        if self.mode is ReferentMode.NEW:
            self.member.addItem(_("— scegli —"), None)
            for member_id, name, _active in self.workspace.members.names():
                self.member.addItem(name, member_id)
            found = current is not None and self.member.findData(current.member_id) >= 0
            if current is not None and found:
                select_data(self.member, current.member_id)
                other = [k for k in ReferentKind if k.value != current.kind]
                select_data(self.kind, other[0].value)  # the kind it may lack
            return
        assert current is not None
        self.member.addItem(current.member_name, current.member_id)
        self.member.setEnabled(False)
        select_data(self.kind, current.kind)
        self.kind.setEnabled(False)
        if self.mode is ReferentMode.CORRECT:
            self._fill(current)

    def _fill(self, current: ReferentRead) -> None:
        """The fields of the referent being corrected, as saved."""
        self.first_name.setText(current.first_name)
        self.last_name.setText(current.last_name)
        self.role.setText(current.role)
        self.email.setText(current.email)
        self.phone.setText(current.phone)
        self.since.set_date(current.start_date)
        select_data(self.legal_basis, current.legal_basis)
        self.notice.set_date(current.notice_given_on)

    def referent_input(self, problems: list[FieldProblem]) -> ReferentInput:
        return ReferentInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            role=self.role.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            start_date=self.form.read_date("start_date", problems),
            legal_basis=str(self.legal_basis.currentData() or ""),
            notice_given_on=self.form.read_date("notice_given_on", problems),
        )

    def save(self) -> None:
        save_or_show(self, self.form, self._write, self._conflict)

    def _conflict(self, exc: ConcurrentEdit) -> None:
        """Someone saved the referent since the form read it: reload it if the user wants
        (its new edit count with it, or every retry would be refused)."""
        if self.current is None or not ask_to_reload(self, exc, _("Referente non salvato")):
            return
        history = self.workspace.referents.history(self.current.member_id)
        fresh = [r for r in history if r.id == self.current.id]
        if fresh:
            self.current = fresh[0]
            self._fill(self.current)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        data = self.referent_input(problems)
        member_id = self.member.currentData()
        if member_id is None:
            problems.append(FieldProblem("member_id", _("Scegli l'aderente.")))
        raise_if(problems)
        referents = self.workspace.referents
        kind = ReferentKind(self.kind.currentData())
        if self.mode is ReferentMode.CORRECT:
            assert self.current is not None
            referents.correct(self.current.id, data, expected_version=self.current.version)
        elif self.mode is ReferentMode.NEW:  # refused if the member already has one
            referents.add_referent(int(member_id), kind, data)
        else:
            referents.set_referent(int(member_id), kind, data, since=data.start_date)
