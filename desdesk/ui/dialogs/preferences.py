"""Preferenze: language and the secretary's name."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from desdesk import settings
from desdesk.i18n import LANGUAGE_NAMES, _
from desdesk.ui.widgets.forms import Form, combo_with, select_data


class PreferencesDialog(QDialog):
    def __init__(self, prefs: settings.Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferenze"))
        self.form = Form()
        self.language_combo = self.form.add(
            "language",
            _("Lingua / Language"),
            combo_with(list((name, code) for code, name in LANGUAGE_NAMES.items())),
        )
        select_data(self.language_combo, prefs.language)
        self.name_edit = self.form.add(
            "secretary_name", _("Nome del segretario o della segretaria"), QLineEdit()
        )
        self.name_edit.setText(prefs.secretary_name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(460, 160)

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def secretary_name(self) -> str:
        return self.name_edit.text().strip()
