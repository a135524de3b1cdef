"""The Verifica navigation entry with the check's errors and warnings: "Verifica (2 ✗, 5 ⚠)".

The symbols are for the eye; the tooltip and the accessible text say it in words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QStyle

from desdesk.i18n import _, ngettext


def counts_words(errors: int, warnings: int) -> str:
    """The counts in words: "2 errori e 5 avvisi", or "nessun errore né avviso"."""
    if not errors and not warnings:
        return _("nessun errore né avviso")
    return _("{errors} e {warnings}").format(
        errors=ngettext("{n} errore", "{n} errori", errors).format(n=errors),
        warnings=ngettext("{n} avviso", "{n} avvisi", warnings).format(n=warnings),
    )


def show_counts(
    item: QListWidgetItem, title: str, counts: tuple[int, int] | None, style: QStyle | None = None
) -> None:
    """Put the counts on the entry (None: not counted yet, the plain title); with a style,
    the icon too (an error or warning sign instead of the tick while there are some)."""
    if style is not None and counts is not None and (counts[0] or counts[1]):
        pixmap = QStyle.StandardPixmap
        sign = pixmap.SP_MessageBoxCritical if counts[0] else pixmap.SP_MessageBoxWarning
        item.setIcon(style.standardIcon(sign))
    if counts is None:
        item.setText(title)
        item.setToolTip("")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        return
    errors, warnings = counts
    words = counts_words(errors, warnings)
    item.setText(f"{title} ({errors} ✗, {warnings} ⚠)" if errors or warnings else f"{title} ✓")
    item.setToolTip(_("Verifica del distretto: {counts}").format(counts=words))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}: {words}")
