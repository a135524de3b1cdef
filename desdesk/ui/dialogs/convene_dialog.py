"""Record that an assembly was convened (the day the notice was sent and how), and edit
the district's assembly settings."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from PySide6.QtWidgets import QDialog, QLabel, QSpinBox, QVBoxLayout, QWidget

from desdesk.domain.assembly_rules import SETTING_LABELS, SETTING_RANGES, AssemblyRules
from desdesk.domain.enums import ConvocationChannel
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _, format_date
from desdesk.schemas import AssemblyRead
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.forms import (
    WARNING_STYLE,
    DateField,
    Form,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)


class ConveneDialog(QDialog):
    """The notice's warnings (too short, after the first call) show as the date is typed."""

    def __init__(
        self,
        workspace: Workspace,
        assembly: AssemblyRead,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assembly = assembly
        self.today = today or date.today()
        self.setWindowTitle(_("Convoca l'assemblea"))
        intro = QLabel(
            _("Assemblea del {date}: registra quando e come hai inviato la convocazione.").format(
                date=format_date(assembly.data.first_call_date)
            )
        )
        intro.setWordWrap(True)
        self.form = Form()
        self.sent_on = self.form.add("sent_on", _("Inviata il *"), DateField())
        self.sent_on.set_date(assembly.convened_on or self.today)
        self.via = self.form.add(
            "via",
            _("Inviata con"),
            combo_with([(c.label(), c.value) for c in ConvocationChannel]),
        )
        select_data(self.via, assembly.convened_via or ConvocationChannel.EMAIL.value)
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.sent_on.textChanged.connect(self.update_warnings)
        self.update_warnings()
        self.resize(480, 260)

    def update_warnings(self) -> None:
        problems: list[FieldProblem] = []
        sent_on = self.form.read_date("sent_on", problems)
        messages: list[str] = []
        if sent_on is not None and not problems:
            messages = self.workspace.assemblies.draft_warnings(
                self.assembly.data, sent_on, self.today
            )
        self.warnings.setText("\n".join(messages))
        self.warnings.setVisible(bool(messages))

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        sent_on = self.form.read_date("sent_on", problems)
        if sent_on is None and not problems:
            problems.append(
                FieldProblem("sent_on", _("Indica quando hai inviato la convocazione."))
            )
        raise_if(problems)
        assert sent_on is not None
        self.workspace.assemblies.convene(self.assembly.id, sent_on, self.via.currentData())


class AssemblyRulesDialog(QDialog):
    """The district's assembly settings: notice, quorum, proxies, exclusion threshold."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Impostazioni delle assemblee"))
        self.form = Form()
        self.spins: dict[str, QSpinBox] = {}
        rules = workspace.assemblies.rules()
        for field in fields(AssemblyRules):
            spin = QSpinBox()
            low, high = SETTING_RANGES[field.name]
            spin.setRange(low, high)
            spin.setValue(getattr(rules, field.name))
            self.spins[field.name] = self.form.add(field.name, _(SETTING_LABELS[field.name]), spin)
        note = QLabel(
            _(
                "Quorum in prima convocazione: più della percentuale indicata degli aderenti, "
                "presenti o rappresentati. In seconda: almeno il numero indicato."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(520, 320)

    def rules(self) -> AssemblyRules:
        return AssemblyRules(**{name: spin.value() for name, spin in self.spins.items()})

    def save(self) -> None:
        save_or_show(self, self.form, lambda: self.workspace.assemblies.update_rules(self.rules()))
