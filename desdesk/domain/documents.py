"""The documents desdesk produces, as kinds with Italian names, and the approval footer.

A kind's value is what the CLI takes (`desdesk report annual …`) and what the archive
stores; the label is what the user reads.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from desdesk.i18n import N_, _, format_date


class DocumentKind(StrEnum):
    REGISTER = "register"
    CONTACTS = "contacts"
    CONVOCATION = "convocation"
    NOTICE = "notice"
    MINUTES = "minutes"
    ATTENDANCE = "attendance"
    BUDGET = "budget"
    PLAN = "plan"
    INDICATORS = "indicators"
    CHECK = "check"
    ANNUAL = "annual"
    AGREEMENT = "agreement"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS: dict[DocumentKind, str] = {
    DocumentKind.REGISTER: N_("Libro degli aderenti"),
    DocumentKind.CONTACTS: N_("Contatti dei referenti"),
    DocumentKind.CONVOCATION: N_("Convocazione dell'assemblea"),
    DocumentKind.NOTICE: N_("Avviso di convocazione"),
    DocumentKind.MINUTES: N_("Verbale di assemblea"),
    DocumentKind.ATTENDANCE: N_("Registro presenze"),
    DocumentKind.BUDGET: N_("Rendiconto per cassa"),
    DocumentKind.PLAN: N_("Piano finanziario"),
    DocumentKind.INDICATORS: N_("Indicatori di monitoraggio"),
    DocumentKind.CHECK: N_("Verifica del distretto"),
    DocumentKind.ANNUAL: N_("Rendicontazione annuale"),
    DocumentKind.AGREEMENT: N_("Accordo volontario di costituzione"),
}

# How much of the SHA-256 the footer shows: 16 hex digits (64 bits), in groups of four.
FOOTPRINT_DIGITS = 16


def footprint(sha256_hex: str) -> str:
    """The short, readable form of a SHA-256 printed in the footer: `3F2A 91C0 5D7E 0B44`."""
    head = sha256_hex[:FOOTPRINT_DIGITS].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def approval_footer(
    approved_on: date, approver: str, office: str, revision: int, content_sha256: str
) -> str:
    """The line stamped on every page of an approved document."""
    who = f"{approver} ({office})" if office else approver
    return _(
        "Documento approvato il {day} da {who} — revisione {revision} — impronta {footprint}"
    ).format(
        day=format_date(approved_on),
        who=who,
        revision=revision,
        footprint=footprint(content_sha256),
    )
