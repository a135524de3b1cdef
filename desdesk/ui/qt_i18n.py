"""Qt's own translations (standard dialogs' buttons and the like) for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_installed: list[QTranslator] = []


def install_qt_translations(app: QApplication, language: str) -> None:
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(QLocale.Language.Italian if language == "it" else QLocale.Language.English)
    QLocale.setDefault(locale)
    if language == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        _installed.append(translator)
