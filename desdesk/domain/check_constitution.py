"""Rules for constituting a district: C1–C12 (domain.md «Rules desdesk checks»; toolkit
Parte 2, Delibera provinciale 1949/2020).

Each rule is a pure function of `DistrictFacts` returning at least one `Finding`: an OK
one with the facts when satisfied, so the checklist shows every rule. The members,
referents and offices (C1–C5) are here; purpose, documents, governance, supply chain and
plans (C6–C12) are in `check_constitution_plan`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desdesk.domain.check_constitution_plan import c6, c7, c8, c9, c10, c11, c12
from desdesk.domain.check_text import name_list
from desdesk.domain.check_types import DistrictFacts, Finding, Level, MemberFact, Target
from desdesk.domain.enums import OfficeKind
from desdesk.domain.text import match_key
from desdesk.i18n import _, ngettext

__all__ = [
    "CONSTITUTION_RULES",
    "c1",
    "c2",
    "c3",
    "c4",
    "c5",
    "c6",
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
]


def _source_delibera() -> str:
    return _("Delibera provinciale 1949/2020; toolkit 2.1")


def _member_target(members: Sequence[MemberFact]) -> Target:
    if len(members) == 1:
        return Target("members", "member", members[0].id)
    return Target("members")


# -- C1, C2, C3 -------------------------------------------------------------------------


def c1(facts: DistrictFacts) -> list[Finding]:
    """At least three active members."""
    count = len(facts.active_members())
    reason = _("Un distretto nasce dall'accordo di almeno tre soggetti del territorio.")
    level = Level.OK if count >= 3 else Level.ERROR
    message = ngettext(
        "{n} aderente attivo: ne servono almeno 3.",
        "{n} aderenti attivi: ne servono almeno 3.",
        count,
    ).format(n=count)
    return [Finding("C1", level, message, _source_delibera(), reason, Target("members"))]


def c2(facts: DistrictFacts) -> list[Finding]:
    """At least one active member subscribed to the disciplinari (AES)."""
    aes = [m for m in facts.active_members() if m.aes_subscriber]
    reason = _("Almeno un aderente deve aver sottoscritto i disciplinari dell'Economia Solidale.")
    if not aes:
        message = _("Nessun aderente attivo ha sottoscritto i disciplinari (AES).")
        return [Finding("C2", Level.ERROR, message, _source_delibera(), reason, Target("members"))]
    message = ngettext(
        "{n} aderente ha sottoscritto i disciplinari (AES): {names}.",
        "{n} aderenti hanno sottoscritto i disciplinari (AES): {names}.",
        len(aes),
    ).format(n=len(aes), names=name_list([m.name for m in aes]))
    return [Finding("C2", Level.OK, message, _source_delibera(), reason, _member_target(aes))]


def c3(facts: DistrictFacts) -> list[Finding]:
    """At least two distinct legal forms (errore); all of one nature is an avviso."""
    active = facts.active_members()
    forms: dict[str, str] = {}
    for m in active:
        if m.legal_form.strip():
            forms.setdefault(match_key(m.legal_form), m.legal_form.strip())
    natures = {m.nature for m in active}
    source = _("Delibera provinciale 1949/2020; toolkit 2.1 e 2.3 «eccessiva omogeneità»")
    reason = _("Il distretto unisce soggetti diversi: forme giuridiche e nature differenti.")
    findings: list[Finding] = []
    if len(forms) < 2:
        if forms:
            message = _(
                "Tutti gli aderenti attivi hanno la stessa forma giuridica ({form}): "
                "ne servono almeno 2 diverse."
            ).format(form=next(iter(forms.values())))
        else:
            message = _("Nessuna forma giuridica tra gli aderenti attivi: ne servono almeno 2.")
        findings.append(Finding("C3", Level.ERROR, message, source, reason, Target("members")))
    if len(natures) == 1:
        message = _("Tutti gli aderenti attivi sono della stessa natura ({nature}).").format(
            nature=next(iter(natures)).label()
        )
        findings.append(Finding("C3", Level.WARNING, message, source, reason, Target("members")))
    if findings:
        return findings
    message = _("{forms} forme giuridiche e {natures} nature diverse tra gli aderenti.").format(
        forms=len(forms), natures=len(natures)
    )
    return [Finding("C3", Level.OK, message, source, reason, Target("members"))]


# -- C4 ---------------------------------------------------------------------------------


def _has_primary(m: MemberFact) -> bool:
    return m.primary is not None and bool(m.primary.name.strip())


def c4(facts: DistrictFacts) -> list[Finding]:
    """Every active member has a named primary referent (errore) with a contact (avviso);
    a substitute is recommended (avviso)."""
    active = facts.active_members()
    source = _("Toolkit 2.1 «governance»")
    reason = _("Ogni aderente partecipa alle decisioni tramite un referente raggiungibile.")
    findings: list[Finding] = []
    no_primary = [m for m in active if not _has_primary(m)]
    if no_primary:
        names = [
            _("{name} (solo supplente)").format(name=m.name) if m.substitute else m.name
            for m in no_primary
        ]
        message = ngettext(
            "{n} aderente senza referente titolare: {names}.",
            "{n} aderenti senza referente titolare: {names}.",
            len(no_primary),
        ).format(n=len(no_primary), names=name_list(names))
        findings.append(
            Finding("C4", Level.ERROR, message, source, reason, _member_target(no_primary))
        )
    unreachable = [m for m in active if _has_primary(m) and m.primary and not m.primary.has_contact]
    if unreachable:
        names = [f"{m.primary.name} ({m.name})" for m in unreachable if m.primary]
        message = ngettext(
            "{n} referente titolare senza email né telefono: {names}.",
            "{n} referenti titolari senza email né telefono: {names}.",
            len(unreachable),
        ).format(n=len(unreachable), names=name_list(names))
        first = unreachable[0]
        target = (
            Target("referents", "referent", first.primary_id)
            if len(unreachable) == 1 and first.primary_id is not None
            else Target("referents")
        )
        findings.append(Finding("C4", Level.WARNING, message, source, reason, target))
    no_substitute = [m for m in active if m.substitute is None or not m.substitute.name.strip()]
    if no_substitute:
        message = ngettext(
            "{n} aderente senza referente supplente (consigliato): {names}.",
            "{n} aderenti senza referente supplente (consigliato): {names}.",
            len(no_substitute),
        ).format(n=len(no_substitute), names=name_list([m.name for m in no_substitute]))
        findings.append(
            Finding("C4", Level.WARNING, message, source, reason, _member_target(no_substitute))
        )
    if findings:
        return findings
    message = ngettext(
        "L'aderente attivo ha un referente titolare raggiungibile e un supplente.",
        "Tutti i {n} aderenti attivi hanno un referente titolare raggiungibile e un supplente.",
        len(active),
    ).format(n=len(active))
    if not active:
        message = _("Nessun aderente attivo: nessun referente da verificare.")
    return [Finding("C4", Level.OK, message, source, reason, Target("referents"))]


# -- C5 ---------------------------------------------------------------------------------


def c5(facts: DistrictFacts) -> list[Finding]:
    """A current coordinator and a current external referent (may be one person)."""
    source = _("Toolkit 2.1 e 2.2")
    reason = _(
        "Il coordinatore guida il distretto e il referente esterno lo rappresenta verso "
        "la Provincia."
    )
    current = [o for o in facts.offices if o.current_on(facts.today)]
    coordinator = next((o for o in current if o.kind is OfficeKind.COORDINATOR), None)
    external = next((o for o in current if o.kind is OfficeKind.EXTERNAL_REFERENT), None)
    missing = [
        kind.label()
        for kind, office in (
            (OfficeKind.COORDINATOR, coordinator),
            (OfficeKind.EXTERNAL_REFERENT, external),
        )
        if office is None
    ]
    if missing:
        message = _("Manca una carica in corso: {offices}.").format(offices=", ".join(missing))
        return [Finding("C5", Level.ERROR, message, source, reason, Target("offices"))]
    assert coordinator is not None and external is not None
    if match_key(coordinator.person_name) == match_key(external.person_name):
        message = _(
            "{name} è sia coordinatore sia referente esterno (una sola persona è ammessa)."
        ).format(name=coordinator.person_name)
    else:
        message = _("Coordinatore: {coordinator}; referente esterno: {external}.").format(
            coordinator=coordinator.person_name, external=external.person_name
        )
    return [Finding("C5", Level.OK, message, source, reason, Target("offices"))]


CONSTITUTION_RULES: tuple[Callable[[DistrictFacts], list[Finding]], ...] = (
    c1,
    c2,
    c3,
    c4,
    c5,
    c6,
    c7,
    c8,
    c9,
    c10,
    c11,
    c12,
)
