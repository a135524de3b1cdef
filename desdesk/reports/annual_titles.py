"""Titles of the annual report and of its sections, importable without loading reportlab
(menus, the CLI, the archive)."""

from __future__ import annotations

from desdesk.i18n import N_, _

# The sections in the order the report prints them (msgids; translate with `_`).
SECTION_TITLES: tuple[str, ...] = (
    N_("1. Profilo del distretto"),
    N_("2. Aderenti e variazioni"),
    N_("3. Governance e cariche"),
    N_("4. Assemblee e partecipazione"),
    N_("5. Attività e obiettivi"),
    N_("6. Compiti"),
    N_("7. Bilancio"),
    N_("8. Indicatori"),
    N_("9. Criticità e rimedi"),
)


def annual_title() -> str:
    return _("Rendicontazione annuale")


def section_title(number: int) -> str:
    """The heading of section `number` (1–9), in the current language."""
    return _(SECTION_TITLES[number - 1])
