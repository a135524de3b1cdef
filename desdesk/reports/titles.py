"""Document titles, importable without loading reportlab (menus, CLI messages)."""

from __future__ import annotations

from desdesk.i18n import _


def register_title() -> str:
    return _("Libro degli aderenti")


def contacts_title() -> str:
    return _("Contatti dei referenti")
