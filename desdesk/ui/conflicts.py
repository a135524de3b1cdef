"""What a form does when someone else saved the same record first (ConcurrentEdit).

Nothing was written, so no change is lost; the user chooses between reloading the
saved values (and redoing her changes on them) and going on with what she typed, to
copy it somewhere before reloading.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desdesk.i18n import _
from desdesk.services.base import ConcurrentEdit


def ask_to_reload(parent: QWidget, exc: ConcurrentEdit, title: str) -> bool:
    """Show why the save was refused; True if the user chose to reload the record."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message, parent=parent)
    reload = box.addButton(_("Ricarica i dati aggiornati"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Continua a modificare"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload)
    box.exec()
    return box.clickedButton() is reload
