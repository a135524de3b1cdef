"""Constitution rules C6–C12: purpose, founding documents, governance, supply chain,
business and financial plan, the partnership agreement (toolkit 2.1, Delibera
provinciale 1949/2020). Pure functions of `DistrictFacts`, each returning at least one
`Finding`."""

from __future__ import annotations

from datetime import date

from desdesk.domain.assembly_calendar import add_months
from desdesk.domain.check_types import (
    BUSINESS_PLAN_SECTIONS,
    DistrictFacts,
    DocumentFact,
    Finding,
    Level,
    Target,
)
from desdesk.domain.enums import AssemblyStatus, FoundingDocumentKind, SupplyChainRole
from desdesk.i18n import _, format_date, ngettext

FOUNDING_KINDS = (
    FoundingDocumentKind.STATUTE,
    FoundingDocumentKind.CHARTER,
    FoundingDocumentKind.REGULATION,
    FoundingDocumentKind.AGREEMENT,
)
AGREEMENT_MIN_YEARS = 3


def _source_toolkit() -> str:
    return _("Toolkit 2.1")


# -- C6 ---------------------------------------------------------------------------------


def c6(facts: DistrictFacts) -> list[Finding]:
    """A mission and at least one measurable objective (target value and deadline)."""
    reason = _("Obiettivi misurabili permettono di verificare se il distretto li raggiunge.")
    findings: list[Finding] = []
    if not facts.mission.strip():
        findings.append(
            Finding(
                "C6",
                Level.WARNING,
                _("La missione del distretto non è descritta."),
                _source_toolkit(),
                reason,
                Target("district", "profile"),
            )
        )
    measurable = [o for o in facts.objectives if o.target_value is not None and o.deadline]
    if not measurable:
        if facts.objectives:
            vague = facts.objectives[0]
            message = ngettext(
                "L'obiettivo «{title}» non ha valore obiettivo e scadenza: non è misurabile.",
                "Nessuno dei {n} obiettivi ha sia valore obiettivo sia scadenza "
                "(per esempio «{title}»).",
                len(facts.objectives),
            ).format(n=len(facts.objectives), title=vague.title)
            target = Target("district", "objective", vague.id)
        else:
            message = _("Nessun obiettivo registrato: serve almeno un obiettivo misurabile.")
            target = Target("district", "profile")
        findings.append(Finding("C6", Level.WARNING, message, _source_toolkit(), reason, target))
    if findings:
        return findings
    message = ngettext(
        "Missione descritta e {n} obiettivo misurabile («{title}»).",
        "Missione descritta e {n} obiettivi misurabili (tra cui «{title}»).",
        len(measurable),
    ).format(n=len(measurable), title=measurable[0].title)
    target = Target("district", "objective", measurable[0].id)
    return [Finding("C6", Level.OK, message, _source_toolkit(), reason, target)]


# -- C7, C8 -----------------------------------------------------------------------------


def c7(facts: DistrictFacts) -> list[Finding]:
    """A founding document (statuto, carta dei principi, regolamento or accordo)."""
    reason = _("I documenti fondativi dicono chi è il distretto e come funziona.")
    founding = [d for d in facts.documents if d.kind in FOUNDING_KINDS]
    if not founding:
        message = _(
            "Nessun documento fondativo registrato (statuto, carta dei principi, "
            "regolamento o accordo)."
        )
        return [
            Finding(
                "C7",
                Level.WARNING,
                message,
                _source_toolkit(),
                reason,
                Target("district", "document"),
            )
        ]
    first = founding[0]
    message = ngettext(
        "{n} documento fondativo registrato: «{title}».",
        "{n} documenti fondativi registrati, tra cui «{title}».",
        len(founding),
    ).format(n=len(founding), title=first.title)
    target = Target("district", "document", first.id)
    return [Finding("C7", Level.OK, message, _source_toolkit(), reason, target)]


def c8(facts: DistrictFacts) -> list[Finding]:
    """The governance described and an assembly held or planned in the current year."""
    source = _("Toolkit 2.1 e 2.2")
    reason = _("Serve dire chi decide e quando si riunisce l'assemblea.")
    findings: list[Finding] = []
    if not facts.governance.strip():
        message = _("La governance non è descritta: quali organi decidono e come.")
        findings.append(
            Finding("C8", Level.WARNING, message, source, reason, Target("district", "profile"))
        )
    year = facts.today.year
    this_year = sorted(
        (
            a
            for a in facts.assemblies
            if a.day.year == year and a.status != AssemblyStatus.CANCELLED
        ),
        key=lambda a: a.day,
    )
    if not this_year:
        message = _("Nessuna assemblea svolta o in calendario nel {year}.").format(year=year)
        findings.append(Finding("C8", Level.WARNING, message, source, reason, Target("assemblies")))
    if findings:
        return findings
    message = ngettext(
        "Governance descritta; {n} assemblea nel {year} (il {day}).",
        "Governance descritta; {n} assemblee nel {year} (la prima il {day}).",
        len(this_year),
    ).format(n=len(this_year), year=year, day=format_date(this_year[0].day))
    target = Target("assemblies", "assembly", this_year[0].id)
    return [Finding("C8", Level.OK, message, source, reason, target)]


# -- C9, C10 ----------------------------------------------------------------------------


def c9(facts: DistrictFacts) -> list[Finding]:
    """Every supply-chain stage covered by an active member: one avviso per missing stage."""
    source = _("Toolkit 2.1 «obiettivo di filiera»")
    reason = _("Il distretto mette in rete tutta la filiera, dal finanziamento al consumo.")
    covered = {role for m in facts.active_members() for role in m.roles}
    missing = [role for role in SupplyChainRole if role not in covered]
    if missing:
        return [
            Finding(
                "C9",
                Level.WARNING,
                _("Nessun aderente attivo copre la fase «{stage}» della filiera.").format(
                    stage=role.label()
                ),
                source,
                reason,
                Target("members"),
            )
            for role in missing
        ]
    message = _("Tutte le fasi della filiera sono coperte: {stages}.").format(
        stages=", ".join(role.label() for role in SupplyChainRole)
    )
    return [Finding("C9", Level.OK, message, source, reason, Target("members"))]


def c10(facts: DistrictFacts) -> list[Finding]:
    """Every section of the business plan filled."""
    reason = _("Il piano d'impresa mostra come il distretto starà in piedi.")
    target = Target("district", "profile")
    missing = [
        _(label)
        for code, label in BUSINESS_PLAN_SECTIONS
        if not (facts.business_plan.get(code) or "").strip()
    ]
    if missing:
        message = ngettext(
            "Piano d'impresa: manca la sezione {sections}.",
            "Piano d'impresa: mancano {n} sezioni: {sections}.",
            len(missing),
        ).format(n=len(missing), sections=", ".join(f"«{s}»" for s in missing))
        return [Finding("C10", Level.WARNING, message, _source_toolkit(), reason, target)]
    message = _("Il piano d'impresa ha tutte le {n} sezioni compilate.").format(
        n=len(BUSINESS_PLAN_SECTIONS)
    )
    return [Finding("C10", Level.OK, message, _source_toolkit(), reason, target)]


# -- C11 --------------------------------------------------------------------------------


def c11(facts: DistrictFacts) -> list[Finding]:
    """A financial plan: an initial investment, funding sources, a three-year forecast."""
    money = facts.money
    reason = _("Il piano finanziario dice con quali risorse il distretto parte e prosegue.")
    target = Target("budget", "plan")  # Pluriennale: investments and the forecast
    years = len(set(money.forecast_years))
    missing: list[str] = []
    if money.investments < 1:
        missing.append(_("nessun investimento iniziale"))
    if money.planned_sources < 1:
        missing.append(_("nessuna fonte di finanziamento prevista"))
    if years < 3:
        missing.append(
            ngettext("previsione per {n} anno su 3", "previsione per {n} anni su 3", years).format(
                n=years
            )
        )
    if missing:
        message = _("Piano finanziario incompleto: {items}.").format(items="; ".join(missing))
        return [Finding("C11", Level.WARNING, message, _source_toolkit(), reason, target)]
    message = ngettext(
        "Piano finanziario: {inv} investimento iniziale, {src} fonti, previsione per {y} anni.",
        "Piano finanziario: {inv} investimenti iniziali, {src} fonti, previsione per {y} anni.",
        money.investments,
    ).format(inv=money.investments, src=money.planned_sources, y=years)
    return [Finding("C11", Level.OK, message, _source_toolkit(), reason, target)]


# -- C12 --------------------------------------------------------------------------------


def _lasts(doc: DocumentFact) -> bool:
    return (
        doc.document_date is not None
        and doc.valid_until is not None
        and doc.valid_until >= add_months(doc.document_date, 12 * AGREEMENT_MIN_YEARS)
    )


def _agreement_problem(doc: DocumentFact, today: date) -> str:
    if _lasts(doc) and doc.approved and doc.valid_until is not None and doc.valid_until < today:
        return _("L'accordo «{title}» è scaduto il {end}: serve un accordo in vigore.").format(
            title=doc.title, end=format_date(doc.valid_until)
        )
    if not doc.approved:
        return _("L'accordo «{title}» non è approvato.").format(title=doc.title)
    if doc.document_date is None:
        return _("L'accordo «{title}» non ha una data.").format(title=doc.title)
    if doc.valid_until is None:
        return _("L'accordo «{title}» non ha una data di fine («Valido fino al»).").format(
            title=doc.title
        )
    return _("L'accordo «{title}» dura dal {start} al {end}: meno di {years} anni.").format(
        title=doc.title,
        start=format_date(doc.document_date),
        end=format_date(doc.valid_until),
        years=AGREEMENT_MIN_YEARS,
    )


def c12(facts: DistrictFacts) -> list[Finding]:
    """An approved partnership agreement lasting at least three years (errore)."""
    source = _("Delibera provinciale 1949/2020")
    reason = _("La Delibera chiede un accordo di partenariato di almeno tre anni.")
    agreements = [d for d in facts.documents if d.kind == FoundingDocumentKind.AGREEMENT]
    good = [
        d
        for d in agreements
        if d.approved and _lasts(d) and d.valid_until is not None and d.valid_until >= facts.today
    ]
    if good:
        doc = good[0]
        assert doc.document_date is not None and doc.valid_until is not None
        message = _("Accordo «{title}» approvato, valido dal {start} al {end}.").format(
            title=doc.title,
            start=format_date(doc.document_date),
            end=format_date(doc.valid_until),
        )
        return [
            Finding(
                "C12", Level.OK, message, source, reason, Target("district", "document", doc.id)
            )
        ]
    if not agreements:
        message = _("Nessun accordo di partenariato registrato: ne serve uno di almeno 3 anni.")
        return [
            Finding("C12", Level.ERROR, message, source, reason, Target("district", "document"))
        ]
    # The most recent agreement is the one to fix.
    doc = max(agreements, key=lambda d: (d.document_date or date.min, d.id))
    return [
        Finding(
            "C12",
            Level.ERROR,
            _agreement_problem(doc, facts.today),
            source,
            reason,
            Target("district", "document", doc.id),
        )
    ]
