"""Verifica › Soglie…: the district's thresholds for the check (CheckSettings).

The exclusion threshold is the same number the assemblies' settings show: changing it
here changes it there. The 6-month assembly rule is not a setting.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QSpinBox, QVBoxLayout, QWidget

from desdesk.domain.check_types import CheckSettings
from desdesk.i18n import N_, _, current_language
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.forms import Form, save_cancel_buttons, save_or_show, select_data

# field → (label msgid, low, high, unit: "%", a msgid, or "")
_SPINS: tuple[tuple[str, str, int, int, str], ...] = (
    ("exclusion_threshold", N_("Assenze consecutive per l'esclusione"), 1, 50, ""),
    ("participation_threshold_percent", N_("Partecipazione minima in 12 mesi"), 0, 100, "%"),
    ("public_share_warning_percent", N_("Entrate pubbliche: avviso oltre il"), 0, 100, "%"),
    ("structure_cost_target_percent", N_("Costi di struttura: obiettivo massimo"), 0, 100, "%"),
    ("office_notice_days", N_("Cariche in scadenza: avviso prima di"), 0, 3650, N_("giorni")),
    ("office_min_years", N_("Coordinatore e referente esterno: mandato minimo"), 0, 20, N_("anni")),
    ("report_deadline_day", N_("Rapporto annuale approvato entro il giorno"), 1, 31, ""),
)
_TIPS: dict[str, str] = {
    "exclusion_threshold": N_("La stessa soglia delle impostazioni delle assemblee."),
    "participation_threshold_percent": N_(
        "Gli aderenti presenti a meno di questa quota delle assemblee tenute negli ultimi "
        "12 mesi sono segnalati."
    ),
    "structure_cost_target_percent": N_(
        "La quota delle uscite per la struttura che il distretto si dà come obiettivo; "
        "«nessun obiettivo» se non l'ha fissato."
    ),
}


class CheckSettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Soglie della verifica"))
        self.current = workspace.check.settings()
        self.form = Form()
        self.spins: dict[str, QSpinBox] = {}
        for field, label, low, high, suffix in _SPINS:
            spin = QSpinBox()
            spin.setRange(low, high)
            if suffix:
                spin.setSuffix(" " + _(suffix))  # "%" is the same in every language
            if field in _TIPS:
                spin.setToolTip(_(_TIPS[field]))
            self.spins[field] = self.form.add(field, _(label), spin)
        self.spins["structure_cost_target_percent"].setSpecialValueText(_("nessun obiettivo"))
        self.month = self.form.add("report_deadline_month", _("del mese"), QComboBox())
        locale = QLocale(current_language())
        for month in range(1, 13):
            self.month.addItem(locale.monthName(month, QLocale.FormatType.LongFormat), month)
        self._load(self.current)
        note = QLabel(
            _(
                "Le soglie valgono per tutta la verifica e per i segnali della salute del "
                "distretto; la regola delle assemblee ogni 6 mesi non cambia."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(560, 380)

    def _load(self, settings: CheckSettings) -> None:
        for field, spin in self.spins.items():
            value = getattr(settings, field)
            spin.setValue(spin.minimum() if value is None else int(value))
        select_data(self.month, settings.report_deadline_month)

    def settings(self) -> CheckSettings:
        """What the fields say (the settings the dialog does not show are kept)."""
        values: dict[str, int | None] = {name: spin.value() for name, spin in self.spins.items()}
        if values["structure_cost_target_percent"] == 0:
            values["structure_cost_target_percent"] = None
        values["report_deadline_month"] = int(self.month.currentData())
        return replace(self.current, **values)  # type: ignore[arg-type]

    def save(self) -> None:
        save_or_show(self, self.form, lambda: self.workspace.check.update_settings(self.settings()))
