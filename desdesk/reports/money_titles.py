"""Titles of the money documents, importable without loading reportlab (menus, CLI)."""

from __future__ import annotations

from desdesk.i18n import _


def budget_title() -> str:
    return _("Rendiconto per cassa")


def plan_title() -> str:
    return _("Piano finanziario")


def indicators_title() -> str:
    return _("Indicatori di monitoraggio")
