"""Qt's own words (standard buttons) follow the chosen language."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desdesk.ui.qt_i18n import install_qt_translations

BUTTONS = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel


def _texts() -> list[str]:
    box = QDialogButtonBox(BUTTONS)
    return sorted(button.text() for button in box.buttons())


def test_standard_buttons_are_italian_then_english(qapp: QApplication) -> None:
    try:
        install_qt_translations(qapp, "it")
        assert _texts() == ["Annulla", "Salva"]
        install_qt_translations(qapp, "en")
        assert _texts() == ["Cancel", "Save"]
    finally:
        install_qt_translations(qapp, "en")
