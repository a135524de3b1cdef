"""Unexpected errors: written to the log file, shown in a dialog that names it.

No traceback ever reaches the user. Expected failures (`DesdeskError`) carry their own
message and are shown as they are.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from desdesk import paths
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _
from desdesk.logs import setup_logging

log = logging.getLogger("desdesk")

__all__ = ["install_excepthook", "setup_logging", "show_error"]


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Tell the user what went wrong: the message of an expected error, or where the log is."""
    if isinstance(exc, DesdeskError):
        QMessageBox.warning(parent, title or _("Operazione non riuscita"), exc.message)
        return
    log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    QMessageBox.critical(
        parent,
        title or _("Errore imprevisto"),
        _(
            "Si è verificato un errore imprevisto e l'operazione non è stata completata. "
            "I dati già salvati non sono stati toccati.\n\n"
            "I dettagli tecnici sono nel file:\n{path}"
        ).format(path=paths.log_file()),
    )


def _excepthook(
    kind: type[BaseException], exc: BaseException, traceback: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, traceback)
        return
    show_error(None, exc)


def install_excepthook() -> None:
    """Route exceptions escaping Qt slots to the log and a dialog instead of stderr."""
    sys.excepthook = _excepthook
