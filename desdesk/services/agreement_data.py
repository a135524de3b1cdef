"""What the constitution agreement is filled with: the district's data, as texts.

Every value is read from the services that own it (profile, offices, assemblies'
rules, the check's thresholds, the year's fee, the founding documents); the parties
are read here, with the seat and the legal representative the register does not show.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from desdesk.db.models import Member
from desdesk.domain.agreement_template import AgreementParty
from desdesk.domain.enums import (
    DistrictKind,
    FoundingDocumentKind,
    OfficeKind,
    Sector,
    SupplyChainRole,
)
from desdesk.domain.errors import NotFound
from desdesk.domain.text import search_key
from desdesk.i18n import N_, _, babel_locale, format_date, format_money, format_number
from desdesk.schemas import DistrictProfile, ObjectiveRead
from desdesk.services.base import Service

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

MIN_YEARS = 3
VACANT = N_("da nominare")
NO_FEE = N_("da stabilire")
PROVINCE_WIDE = N_("l'intero territorio della Provincia autonoma di Trento")
NO_SECTOR = N_("nessuno in particolare (DES territoriale)")

_KIND_ADJECTIVES = {
    DistrictKind.TERRITORIAL: N_("territoriale"),
    DistrictKind.THEMATIC: N_("tematico"),
}


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """A party with the supply-chain roles it covers (for the Filiera article)."""

    party: AgreementParty
    roles: tuple[str, ...]


class PartiesReader(Service):
    def active(self) -> list[PartyRecord]:
        """The active members, by name (case and accents ignored)."""
        query = select(Member).where(Member.left_on.is_(None))
        with self._reading() as session:
            members = list(session.execute(query).scalars())
            records = [_record(member) for member in members]
        return sorted(records, key=lambda record: search_key(record.party.name))


def _record(member: Member) -> PartyRecord:
    party = AgreementParty(
        name=member.name,
        legal_form=member.legal_form,
        tax_code=member.tax_code or "",
        vat_number=member.vat_number or "",
        address=member.address,
        cap=member.cap,
        comune=member.comune,
        provincia=member.provincia,
        legal_representative=member.legal_representative,
    )
    return PartyRecord(party, tuple(member.supply_chain_roles))


def and_list(items: Sequence[str]) -> str:
    """`a, b e c`."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} e {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _holders(ws: Workspace, kind: OfficeKind, today: date) -> str:
    names = [
        f"{term.person_name} ({term.member_name})" if term.member_name else term.person_name
        for term in ws.offices.current_holders(kind, on=today)
    ]
    return and_list(names) if names else _(VACANT)


def _objective_line(objective: ObjectiveRead) -> str:
    data = objective.data
    parts = [data.title.strip()]
    if data.target_value is not None:
        target = f"{format_number(data.target_value)} {data.target_unit}".strip()
        parts.append(_("traguardo: {target}").format(target=target))
    if data.deadline is not None:
        parts.append(_("entro il {date}").format(date=format_date(data.deadline)))
    return " — ".join(parts)


def _fee(ws: Workspace, year: int) -> str:
    with contextlib.suppress(NotFound):
        fee = ws.budget.year(year).data.default_fee
        if fee is not None:
            return format_money(fee)
    return _(NO_FEE)


def _duration(ws: Workspace) -> int:
    """The recorded agreement's length in whole years, never below three."""
    agreements = [
        doc
        for doc in ws.district.documents()
        if doc.kind == FoundingDocumentKind.AGREEMENT.value
        and doc.document_date is not None
        and doc.valid_until is not None
    ]
    if not agreements:
        return MIN_YEARS
    latest = agreements[-1]
    assert latest.valid_until is not None and latest.document_date is not None
    years = round((latest.valid_until - latest.document_date).days / 365.25)
    return max(MIN_YEARS, years)


def _day_and_month(month: int, day: int) -> str:
    """`30 giugno`."""
    from babel.dates import format_date as babel_date

    try:
        return babel_date(date(2000, month, day), "d MMMM", locale=babel_locale())
    except ValueError:
        return ""


def _roles(records: Sequence[PartyRecord]) -> tuple[str, str]:
    """(the stages the members cover, one line per stage naming its members)."""
    covered: list[str] = []
    lines: list[str] = []
    for role in SupplyChainRole:
        names = [r.party.name for r in records if role.value in r.roles]
        if names:
            covered.append(role.label().lower())
            lines.append(f"{role.label()}: {', '.join(names)}")
    return and_list(covered), "\n".join(lines)


def _scope(profile: DistrictProfile) -> tuple[str, str, str]:
    """(kind adjective, territory, sector): a thematic district covers the province, a
    territorial one has no sector of its own; "" where the profile says nothing."""
    try:
        kind = DistrictKind(profile.kind)
    except ValueError:
        return "", profile.territory or "", ""
    territory = profile.territory or ""
    if not territory and kind is DistrictKind.THEMATIC:
        territory = _(PROVINCE_WIDE)
    sector = ""
    if profile.sector is not None:
        with contextlib.suppress(ValueError):
            sector = Sector(profile.sector).label()
    elif kind is DistrictKind.TERRITORIAL:
        sector = _(NO_SECTOR)
    return _(_KIND_ADJECTIVES[kind]), territory, sector


def _profile_values(ws: Workspace) -> dict[str, str]:
    profile = ws.district.profile()
    kind, territory, sector = _scope(profile)
    return {
        "nome_distretto": profile.name,
        "tipo_distretto": kind,
        "territorio": territory,
        "settore": sector,
        "missione": profile.mission,
        "data_costituzione": format_date(profile.founding_date),
        # Empty ones become lines to fill by hand.
        "sede": ", ".join(part for part in (profile.seat, profile.comune) if part),
        "luogo": profile.comune,
    }


def _rule_values(ws: Workspace) -> dict[str, str]:
    rules = ws.assemblies.rules()
    settings = ws.check.settings()
    quorum = rules.first_call_quorum_percent
    second = rules.second_call_quorum_minimum
    return {
        "soglia_assenze": str(rules.exclusion_threshold),
        "preavviso_convocazione": str(rules.notice_days),
        "deleghe_per_aderente": str(rules.proxies_per_member),
        "quorum_prima_convocazione": (
            _("più della metà degli aderenti")
            if quorum == 50
            else _("più del {percent}% degli aderenti").format(percent=quorum)
        ),
        "quorum_seconda_convocazione": (
            _("qualunque numero di aderenti")
            if second <= 1
            else _("almeno {count} aderenti").format(count=second)
        ),
        "scadenza_rendicontazione": _day_and_month(
            settings.report_deadline_month, settings.report_deadline_day
        ),
    }


def gather_values(ws: Workspace, records: Sequence[PartyRecord], today: date) -> dict[str, str]:
    """Every placeholder's text; "" where the district holds nothing (printed blank)."""
    covered, per_role = _roles(records)
    values = _profile_values(ws)
    values |= _rule_values(ws)
    values |= {
        "filiera": covered,
        "aderenti_per_filiera": per_role,
        "obiettivi": "\n".join(_objective_line(o) for o in ws.district.objectives()),
        "numero_aderenti": str(len(records)),
        "elenco_aderenti": ", ".join(r.party.name for r in records),
        "coordinatore": _holders(ws, OfficeKind.COORDINATOR, today),
        "referente_esterno": _holders(ws, OfficeKind.EXTERNAL_REFERENT, today),
        "tesoriere": _holders(ws, OfficeKind.TREASURER, today),
        "quota_annua": _fee(ws, today.year),
        "durata_anni": str(_duration(ws)),
        "data": format_date(today),
        "anno": str(today.year),
    }
    return values
