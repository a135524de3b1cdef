"""«Governance e piano»: how the district decides, and its business plan's six sections.

The hints paraphrase the toolkit (2.1): what each section of the business plan describes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import N_, _
from desdesk.ui.widgets.forms import Form

BUSINESS_PLAN_HINTS: dict[str, str] = {
    "model": N_(
        "Una panoramica del modello economico: attività di supporto agli aderenti, "
        "produzione di beni e servizi."
    ),
    "alliances": N_("Le alleanze e le attività previste o in corso tra le organizzazioni del DES."),
    "target": N_("A chi si rivolge il DES: i soggetti o i bisogni locali a cui vuole rispondere."),
    "communication": N_(
        "Come il DES si fa riconoscere, promuove progetti e aderenti e attira nuovi membri "
        "(eventi, marketing digitale, collaborazioni)."
    ),
    "channels": N_(
        "I canali di vendita di beni e servizi: mercati locali, piattaforme online, fiere…"
    ),
    "sustainability": N_(
        "Le strategie per una maggiore sostenibilità ambientale, sociale ed economica."
    ),
}

GOVERNANCE_HINT = N_(
    "Gli organi del distretto (assemblea, coordinamento, gruppi di lavoro), chi decide che cosa "
    "e come si prendono le decisioni."
)


def _area(hint: str, height: int = 90) -> QPlainTextEdit:
    area = QPlainTextEdit()
    area.setPlaceholderText(hint)
    area.setToolTip(hint)
    area.setMinimumHeight(height)
    return area


class BusinessPlanPage(QWidget):
    """The governance text and the business plan's sections, with one «Salva» button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Form()
        self.governance = self.form.add(
            "governance", _("Come decide il distretto"), _area(_(GOVERNANCE_HINT), 110)
        )
        self.sections: dict[str, QPlainTextEdit] = {}
        heading = QLabel(_("<b>Business plan</b> (le sei parti indicate dal toolkit)"))
        self.form.layout_.addRow(heading)
        for code, label in BUSINESS_PLAN_SECTIONS:
            hint = _(BUSINESS_PLAN_HINTS[code])
            self.sections[code] = self.form.add(f"plan_{code}", _(label), _area(hint))
        self.form.errors["business_plan"] = self.form.errors[f"plan_{BUSINESS_PLAN_SECTIONS[0][0]}"]
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.save_button = QPushButton(_("Salva governance e piano"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("governance_message")
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)

    def load(self, governance: str, plan: dict[str, str]) -> None:
        self.governance.setPlainText(governance)
        for code, area in self.sections.items():
            area.setPlainText(plan.get(code, ""))

    def values(self) -> tuple[str, dict[str, str]]:
        """The governance text and the sections (only those with something written)."""
        plan = {code: area.toPlainText() for code, area in self.sections.items()}
        return self.governance.toPlainText(), {c: t for c, t in plan.items() if t.strip()}

    def missing(self) -> list[str]:
        """The labels of the business plan's sections still empty."""
        return [
            _(label)
            for code, label in BUSINESS_PLAN_SECTIONS
            if not self.sections[code].toPlainText().strip()
        ]

    def show_saved(self) -> None:
        missing = self.missing()
        if missing:
            text = _("Salvato. Parti del business plan ancora vuote: {names}.").format(
                names=", ".join(missing)
            )
        else:
            text = _("Salvato: governance e business plan completi.")
        self.form.show_problems([])
        self.message.setText(text)

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self.form.show_problems(problems)
        self.message.setText(_("Non salvato: correggi quanto indicato."))
