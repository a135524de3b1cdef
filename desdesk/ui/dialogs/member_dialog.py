"""Add or edit a member: three tabs, each field checked as it is left, errors beside it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain import member_fields
from desdesk.domain.enums import Nature, Sector, SupplyChainRole
from desdesk.domain.errors import DesdeskError, FieldProblem, InvalidValue, ValidationFailed
from desdesk.domain.legal_forms import LEGAL_FORMS, by_code
from desdesk.domain.values import vat_number_warning
from desdesk.i18n import _
from desdesk.schemas import MemberInput, ReferentInput
from desdesk.services.base import ConcurrentEdit
from desdesk.services.workspace import Workspace
from desdesk.ui.conflicts import ask_to_reload
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.forms import DateField, Form, combo_with, line_text, select_data

_TEXT_FIELDS = ("tax_code", "vat_number", "legal_representative", "address", "comune", "provincia", "cap", "email", "pec", "phone", "website")  # fmt: skip
_IDENTITY_TAB, _CONTACTS_TAB, _CHAIN_TAB, _REFERENT_TAB = range(4)
_TAB_OF_FIELD = {
    **{
        f: _CONTACTS_TAB
        for f in ("address", "comune", "provincia", "cap", "email", "pec", "phone", "website")
    },
    "disciplinari": _CHAIN_TAB,
    "supply_chain_roles": _CHAIN_TAB,
}


class MemberDialog(QDialog):
    """`member_id=None` adds a member (with its primary referent, optional); else edits it."""

    def __init__(
        self, workspace: Workspace, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.member_id = member_id
        self.version: int | None = None  # the edit count the form was loaded with
        self.saved_id: int | None = None
        self.setWindowTitle(_("Nuovo aderente") if member_id is None else _("Modifica aderente"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._identity_tab(), _("Dati"))
        self.tabs.addTab(self._contacts_tab(), _("Sede e contatti"))
        self.tabs.addTab(self._chain_tab(), _("Filiera e disciplinari"))
        if member_id is None:
            self.tabs.addTab(self._referent_tab(), _("Referente"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(620, 560)
        if member_id is not None:
            self._load(member_id)
        self._update_nature_hint()

    # -- tabs ------------------------------------------------------------------------
    def _identity_tab(self) -> QWidget:
        form = self.form = Form()
        self.name_edit = form.add("name", _("Denominazione *"), QLineEdit())
        self.legal_form = form.add(
            "legal_form",
            _("Forma giuridica *"),
            combo_with([(_("— scegli —"), "")] + [(f.label, f.code) for f in LEGAL_FORMS]),
        )
        natures = [(_("come la forma giuridica"), "")] + [(n.label(), n.value) for n in Nature]
        self.nature = form.add("nature_override", _("Natura"), combo_with(natures))
        self.nature_reason = form.add(
            "nature_override_reason", _("Motivo della natura diversa"), QLineEdit()
        )
        self.tax_code = form.add("tax_code", _("Codice fiscale"), QLineEdit())
        self.vat_number = form.add("vat_number", _("Partita IVA"), QLineEdit())
        self.legal_representative = form.add(
            "legal_representative", _("Legale rappresentante"), QLineEdit()
        )
        self.joined_on = form.add("joined_on", _("Data di adesione"), DateField())
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        form.add("notes", _("Note"), self.notes)
        self.legal_form.currentIndexChanged.connect(self._update_nature_hint)
        self.nature.currentIndexChanged.connect(self._update_nature_hint)
        for field in ("tax_code", "vat_number"):
            self._check_on_leave(field)
        return form

    def _contacts_tab(self) -> QWidget:
        form = self.form
        page = Form()
        labels = {
            "address": _("Indirizzo"), "comune": _("Comune"), "provincia": _("Provincia (sigla)"),
            "cap": _("CAP"), "email": _("E-mail"), "pec": _("PEC"), "phone": _("Telefono"),
            "website": _("Sito web"),
        }  # fmt: skip
        for field, label in labels.items():
            editor = page.add(field, label, QLineEdit())
            form.editors[field] = editor
            form.errors[field] = page.errors[field]
            self._check_on_leave(field)
        return page

    def _chain_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.aes = QCheckBox(_("Iscritto ai disciplinari dell'economia solidale (AES)"))
        layout.addWidget(self.aes)
        sectors_box = QGroupBox(_("Settori dei disciplinari"))
        grid = QGridLayout(sectors_box)
        self.sector_checks: dict[int, QCheckBox] = {}
        for i, sector in enumerate(Sector):
            check = QCheckBox(f"{sector.value}. {sector.label()}")
            self.sector_checks[sector.value] = check
            grid.addWidget(check, i // 2, i % 2)
        layout.addWidget(sectors_box)
        roles_box = QGroupBox(_("Ruoli nella filiera"))
        roles_layout = QGridLayout(roles_box)
        self.role_checks: dict[str, QCheckBox] = {}
        for i, role in enumerate(SupplyChainRole):
            check = QCheckBox(role.label())
            self.role_checks[role.value] = check
            roles_layout.addWidget(check, 0, i)
        layout.addWidget(roles_box)
        layout.addStretch(1)
        self.aes.toggled.connect(sectors_box.setEnabled)
        sectors_box.setEnabled(False)
        return page

    def _referent_tab(self) -> QWidget:
        page = self.referent_form = Form()
        self.ref_first = page.add("first_name", _("Nome"), QLineEdit())
        self.ref_last = page.add("last_name", _("Cognome"), QLineEdit())
        self.ref_role = page.add("role", _("Ruolo nell'organizzazione"), QLineEdit())
        self.ref_email = page.add("email", _("E-mail"), QLineEdit())
        self.ref_phone = page.add("phone", _("Telefono"), QLineEdit())
        return page

    # -- inline checks ---------------------------------------------------------------------
    def _check_on_leave(self, field: str) -> None:
        editor = self.form.editors[field]
        assert isinstance(editor, QLineEdit)
        editor.editingFinished.connect(lambda f=field: self.check_field(f))

    def check_field(self, field: str) -> bool:
        """Validate one field as the user leaves it; show why it is refused, next to it."""
        editor = self.form.editors[field]
        assert isinstance(editor, QLineEdit)
        try:
            value = member_fields.normalize_field(field, editor.text())
        except InvalidValue as exc:
            self.form.show_problem(field, exc.message)
            return False
        warning = vat_number_warning(value, field) if value else None
        self.form.show_problem(field, warning, warning=True)
        return True

    def _update_nature_hint(self) -> None:
        code = self.legal_form.currentData()
        override = self.nature.currentData()
        implied = by_code(code).nature if code else None
        differs = bool(override) and implied is not None and override != implied.value
        self.nature_reason.setEnabled(differs)
        if implied is not None:
            self.nature.setItemText(
                0, _("come la forma giuridica ({nature})").format(nature=implied.label())
            )

    # -- load and save -----------------------------------------------------------------
    def _load(self, member_id: int) -> None:
        detail = self.workspace.members.get(member_id)
        self.version = detail.version
        data = detail.data
        self.name_edit.setText(data.name)
        select_data(self.legal_form, data.legal_form)
        select_data(self.nature, data.nature_override or "")
        self.nature_reason.setText(data.nature_override_reason)
        for field in _TEXT_FIELDS:
            editor = self.form.editors[field]
            assert isinstance(editor, QLineEdit)
            editor.setText(getattr(data, field))
        self.joined_on.set_date(data.joined_on)
        self.notes.setPlainText(data.notes)
        self.aes.setChecked(data.aes_subscriber)
        for value, check in self.sector_checks.items():
            check.setChecked(value in data.disciplinari)
        for role, check in self.role_checks.items():
            check.setChecked(role in data.supply_chain_roles)

    def member_input(self, problems: list[FieldProblem]) -> MemberInput:
        texts = {f: line_text(self.form, f) for f in _TEXT_FIELDS}
        return MemberInput(
            name=self.name_edit.text(),
            legal_form=self.legal_form.currentData() or "",
            nature_override=self.nature.currentData() or None,
            nature_override_reason=self.nature_reason.text(),
            aes_subscriber=self.aes.isChecked(),
            disciplinari=[v for v, c in self.sector_checks.items() if c.isChecked()]
            if self.aes.isChecked()
            else [],
            supply_chain_roles=[v for v, c in self.role_checks.items() if c.isChecked()],
            joined_on=self.form.read_date("joined_on", problems),
            notes=self.notes.toPlainText(),
            **texts,
        )

    def _referent_input(self) -> ReferentInput | None:
        if self.member_id is not None:
            return None
        fields = (self.ref_first, self.ref_last, self.ref_role, self.ref_email, self.ref_phone)
        texts = [f.text().strip() for f in fields]
        if not any(texts):
            return None
        first, last, role, email, phone = texts
        return ReferentInput(
            first_name=first, last_name=last, role=role, email=email, phone=phone, start_date=None
        )

    def save(self) -> None:
        problems: list[FieldProblem] = []
        data = self.member_input(problems)
        try:
            if problems:
                raise ValidationFailed(problems)
            self.saved_id = self._write(data)
        except ValidationFailed as exc:
            self._show_problems(exc)
            return
        except ConcurrentEdit as exc:
            if self.member_id is not None and ask_to_reload(self, exc, _("Aderente non salvato")):
                self._load(self.member_id)
            return
        except DesdeskError as exc:
            QMessageBox.warning(self, _("Aderente non salvato"), exc.message)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()

    def _write(self, data: MemberInput) -> int:
        if self.member_id is not None:
            self.workspace.members.update(self.member_id, data, expected_version=self.version)
            return self.member_id
        return self.workspace.members.add(data, self._referent_input())

    def _show_problems(self, exc: ValidationFailed) -> None:
        member_problems = [p for p in exc.problems if not p.field.startswith("primary.")]
        referent_problems = [
            FieldProblem(p.field.removeprefix("primary."), p.message)
            for p in exc.problems
            if p.field.startswith("primary.")
        ]
        self.form.show_problems(member_problems)
        if self.member_id is None:
            self.referent_form.show_problems(referent_problems)
        first = exc.problems[0].field
        tab = (
            _REFERENT_TAB
            if first.startswith("primary.")
            else _TAB_OF_FIELD.get(first, _IDENTITY_TAB)
        )
        self.tabs.setCurrentIndex(tab)
        editor = self.form.editors.get(first)
        if editor is not None:
            editor.setFocus()
