"""Document titles, importable without loading reportlab (menus, CLI messages)."""

from __future__ import annotations

from desdesk.i18n import _


def register_title() -> str:
    return _("Libro degli aderenti")


def contacts_title() -> str:
    return _("Contatti dei referenti")


def convocation_title() -> str:
    return _("Convocazione dell'assemblea")


def notice_title() -> str:
    return _("Avviso di convocazione")


def minutes_title() -> str:
    return _("Verbale di assemblea")


def deserted_minutes_title() -> str:
    return _("Verbale di assemblea deserta")


def attendance_title() -> str:
    return _("Registro presenze")
