"""The district's health once constituted: rules H1–H10 (domain.md «Rules desdesk
watches»; toolkit Parte 3 and 2.3 «criticità»).

Each rule is a pure function of `DistrictFacts` returning at least one `Finding`: an OK
one with the facts when all is well, so the checklist shows every rule. H1–H4 (people
and meetings) live in `check_health_people`; money, offices, reporting, heterogeneity
and growth are here.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from desdesk.domain.assembly_calendar import add_months
from desdesk.domain.check_health_people import h1, h2, h3, h4
from desdesk.domain.check_text import name_list
from desdesk.domain.check_types import DistrictFacts, Finding, Level, OfficeFact, Target
from desdesk.domain.enums import OfficeKind
from desdesk.domain.text import match_key
from desdesk.i18n import _, format_date, format_number, ngettext

__all__ = ["HEALTH_RULES", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10"]


def _source_money() -> str:
    return _("Toolkit 3.3 «Gestione e sostenibilità delle risorse finanziarie»")


# -- H5, H6 -----------------------------------------------------------------------------


def h5(facts: DistrictFacts) -> list[Finding]:
    """Dependence on public money: the public share of the year's income above
    `public_share_warning_percent` (exactly at it is fine)."""
    money = facts.money
    limit = facts.settings.public_share_warning_percent
    reason = _(
        "Il distretto deve passare da una fase dipendente da risorse pubbliche a una "
        "maggiore autonomia economica."
    )
    target = Target("budget", "year", money.year) if money.year is not None else Target("budget")
    share = money.public_share
    if money.year is None or share is None or money.income_total <= 0:
        message = _("Nessuna entrata registrata: la quota di fondi pubblici non è calcolabile.")
        return [Finding("H5", Level.OK, message, _source_money(), reason, target)]
    values = {"share": format_number(share), "limit": limit, "year": money.year}
    if share > limit:
        message = _(
            "Nel {year} il {share} % delle entrate viene da enti pubblici, oltre il {limit} %."
        )
        return [
            Finding("H5", Level.WARNING, message.format(**values), _source_money(), reason, target)
        ]
    message = _("Nel {year} il {share} % delle entrate viene da enti pubblici (soglia {limit} %).")
    return [Finding("H5", Level.OK, message.format(**values), _source_money(), reason, target)]


def h6(facts: DistrictFacts) -> list[Finding]:
    """Structure costs as a share of expenses: shown, and above the district's target
    (when it set one) an avviso."""
    money = facts.money
    goal = facts.settings.structure_cost_target_percent
    reason = _(
        "Le risorse vanno usate strategicamente: il peso dei costi di struttura "
        "va tenuto sotto controllo."
    )
    year = money.structure_year or money.year
    target = Target("budget", "year", year) if year is not None else Target("budget")
    share = money.structure_share
    if year is None or share is None:
        message = _("Nessuna uscita registrata: la quota dei costi di struttura non è calcolabile.")
        return [Finding("H6", Level.OK, message, _source_money(), reason, target)]
    values = {"share": format_number(share), "goal": goal, "year": year}
    if goal is None:
        message = _(
            "Nel {year} i costi di struttura sono il {share} % delle uscite "
            "(nessun obiettivo fissato)."
        )
        level = Level.OK
    elif share > goal:
        message = _(
            "Nel {year} i costi di struttura sono il {share} % delle uscite, "
            "oltre l'obiettivo del {goal} %."
        )
        level = Level.WARNING
    else:
        message = _(
            "Nel {year} i costi di struttura sono il {share} % delle uscite (obiettivo {goal} %)."
        )
        level = Level.OK
    return [Finding("H6", level, message.format(**values), _source_money(), reason, target)]


# -- H7 ---------------------------------------------------------------------------------


def _office_label(office: OfficeFact) -> str:
    return _("{office} {person}").format(office=office.kind.label(), person=office.person_name)


def _office_findings(
    rule_level: Level, offices: list[OfficeFact], message: str, reason: str
) -> Finding:
    target = Target("offices", "office", offices[0].id) if offices else Target("offices")
    source = _("Toolkit 2.2 (coordinatore e referente esterno, idealmente per 4 anni)")
    return Finding("H7", rule_level, message, source, reason, target)


def _ending_soon(facts: DistrictFacts) -> list[OfficeFact]:
    """Current terms ending within the notice, unless the next term is already recorded."""
    horizon = facts.today + timedelta(days=facts.settings.office_notice_days)
    return [
        o
        for o in facts.offices
        if o.current_on(facts.today)
        and o.end_date is not None
        and o.end_date <= horizon
        and not _succeeded(facts, o)
    ]


def _succeeded(facts: DistrictFacts, office: OfficeFact) -> bool:
    """A term of the same office starts by the day after `office` ends."""
    end = office.end_date
    return end is not None and any(
        other.kind is office.kind
        and other.id != office.id
        and office.start_date < other.start_date <= end + timedelta(days=1)
        for other in facts.offices
    )


def _not_referent(facts: DistrictFacts) -> list[OfficeFact]:
    """Current offices linked to a member whose current referents do not include the
    holder (or a member no longer active)."""
    members = {m.id: m for m in facts.active_members()}
    found = []
    for office in facts.offices:
        if office.member_id is None or not office.current_on(facts.today):
            continue
        member = members.get(office.member_id)
        people = [member.primary, member.substitute] if member else []
        names = {match_key(p.name) for p in people if p is not None}
        if match_key(office.person_name) not in names:
            found.append(office)
    return found


def _early_changes(facts: DistrictFacts) -> list[OfficeFact]:
    """Coordinator and external-referent terms that ended before `office_min_years`,
    unless the same person carried on in a term starting by the next day."""
    kinds = (OfficeKind.COORDINATOR, OfficeKind.EXTERNAL_REFERENT)
    years = facts.settings.office_min_years
    found = []
    for office in facts.offices:
        end = office.end_date
        if office.kind not in kinds or end is None or end >= facts.today:
            continue
        # Only recent changes are a signal: an early end years ago is history.
        if end < add_months(facts.today, -12 * years):
            continue
        if end + timedelta(days=1) >= add_months(office.start_date, 12 * years):
            continue
        carried_on = any(
            other.kind is office.kind
            and match_key(other.person_name) == match_key(office.person_name)
            and office.start_date < other.start_date <= end + timedelta(days=1)
            for other in facts.offices
        )
        if not carried_on:
            found.append(office)
    return found


def h7(facts: DistrictFacts) -> list[Finding]:
    """Offices ending within the notice, held by someone no longer a referent of their
    member, and leadership terms cut short of `office_min_years`."""
    settings = facts.settings
    findings = []
    soon = sorted(_ending_soon(facts), key=lambda o: (o.end_date, o.id))
    if soon:
        items = [
            _("{office} (fino al {end})").format(
                office=_office_label(o), end=format_date(o.end_date)
            )
            for o in soon
        ]
        message = ngettext(
            "{n} carica scade entro {days} giorni: {items}.",
            "{n} cariche scadono entro {days} giorni: {items}.",
            len(soon),
        ).format(n=len(soon), days=settings.office_notice_days, items=name_list(items))
        reason = _("Rinnovare per tempo le cariche evita che il distretto resti senza guida.")
        findings.append(_office_findings(Level.WARNING, soon, message, reason))
    stale = sorted(_not_referent(facts), key=lambda o: o.id)
    if stale:
        message = ngettext(
            "{n} carica è tenuta da chi non è più referente del proprio aderente: {items}.",
            "{n} cariche sono tenute da chi non è più referente del proprio aderente: {items}.",
            len(stale),
        ).format(n=len(stale), items=name_list([_office_label(o) for o in stale]))
        reason = _("Le cariche spettano ai referenti degli aderenti.")
        findings.append(_office_findings(Level.WARNING, stale, message, reason))
    early = sorted(_early_changes(facts), key=lambda o: (o.end_date, o.id))
    if early:
        items = [
            _("{office} ({start} – {end})").format(
                office=_office_label(o),
                start=format_date(o.start_date),
                end=format_date(o.end_date),
            )
            for o in early
        ]
        message = ngettext(
            "{n} mandato di coordinamento o di referente esterno è finito prima di {years} "
            "anni: {items}.",
            "{n} mandati di coordinamento o di referente esterno sono finiti prima di {years} "
            "anni: {items}.",
            len(early),
        ).format(n=len(early), years=settings.office_min_years, items=name_list(items))
        reason = _(
            "Le due figure dovrebbero restare le stesse per alcuni anni, per il "
            "consolidamento e la riconoscibilità del distretto."
        )
        findings.append(_office_findings(Level.WARNING, early, message, reason))
    if not findings:
        current = sum(1 for o in facts.offices if o.current_on(facts.today))
        message = ngettext(
            "{n} carica in corso: nessuna in scadenza entro {days} giorni, nessun cambio "
            "anticipato.",
            "{n} cariche in corso: nessuna in scadenza entro {days} giorni, nessun cambio "
            "anticipato.",
            current,
        ).format(n=current, days=settings.office_notice_days)
        reason = _("Cariche stabili e rinnovate per tempo danno continuità al distretto.")
        findings.append(_office_findings(Level.OK, [], message, reason))
    return findings


# -- H8 ---------------------------------------------------------------------------------


def report_deadline(facts: DistrictFacts) -> date:
    """This year's deadline for last year's annual report (a day the month lacks is
    clamped to its last day)."""
    year = facts.today.year
    month = facts.settings.report_deadline_month
    day = min(facts.settings.report_deadline_day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def h8(facts: DistrictFacts) -> list[Finding]:
    """Last year's annual report approved by this year's deadline."""
    last_year = facts.today.year - 1
    deadline = report_deadline(facts)
    source = _("Delibera 1949/2020; toolkit 3.1 «Valutazione e rendicontazione annuale»")
    reason = _(
        "La rendicontazione annuale garantisce trasparenza verso i membri, il Centro "
        "e i finanziatori."
    )
    target = Target("documents")
    if facts.annual_reports is None:
        message = _(
            "Ricorda: la relazione annuale {year} va approvata e inviata al Centro entro il "
            "{deadline} (desdesk non tiene ancora le relazioni approvate)."
        )
        values = {"year": last_year, "deadline": format_date(deadline)}
        return [Finding("H8", Level.OK, message.format(**values), source, reason, target)]
    approved = facts.annual_reports.get(last_year)
    values = {"year": last_year, "deadline": format_date(deadline), "day": format_date(approved)}
    if approved is not None:
        message = _("Relazione annuale {year} approvata il {day}.")
        return [Finding("H8", Level.OK, message.format(**values), source, reason, target)]
    joined = [m.joined_on for m in facts.members]
    if not joined or all(day is not None and day.year > last_year for day in joined):
        message = _("Nessun aderente prima del {year}: nessuna relazione annuale dovuta.")
        return [
            Finding("H8", Level.OK, message.format(year=facts.today.year), source, reason, target)
        ]
    if facts.today <= deadline:
        message = _("Relazione annuale {year} da approvare entro il {deadline}.")
        return [Finding("H8", Level.OK, message.format(**values), source, reason, target)]
    message = _("Relazione annuale {year} non ancora approvata: la scadenza era il {deadline}.")
    return [Finding("H8", Level.WARNING, message.format(**values), source, reason, target)]


# -- H9, H10 ----------------------------------------------------------------------------


def h9(facts: DistrictFacts) -> list[Finding]:
    """Homogeneity: a single nature or a single legal form among the active members."""
    active = facts.active_members()
    source = _("Toolkit 2.3 «Eccessiva omogeneità dei membri»")
    reason = _(
        "Senza attori diversi mancano i soggetti per una filiera completa e per "
        "l'apertura verso altri attori."
    )
    target = Target("members")
    if not active:
        message = _("Nessun aderente attivo.")
        return [Finding("H9", Level.OK, message, source, reason, target)]
    natures = {m.nature for m in active}
    forms = {match_key(m.legal_form): m.legal_form for m in active if m.legal_form.strip()}
    findings = []
    if len(natures) == 1:
        message = _("Tutti gli aderenti attivi sono della stessa natura: {nature}.")
        findings.append(
            Finding(
                "H9",
                Level.WARNING,
                message.format(nature=next(iter(natures)).label()),
                source,
                reason,
                target,
            )
        )
    if len(forms) == 1:
        message = _("Tutti gli aderenti attivi hanno la stessa forma giuridica: {form}.")
        findings.append(
            Finding(
                "H9",
                Level.WARNING,
                message.format(form=next(iter(forms.values()))),
                source,
                reason,
                target,
            )
        )
    if findings:
        return findings
    message = _("Aderenti di {natures} nature e {forms} forme giuridiche diverse.")
    return [
        Finding(
            "H9",
            Level.OK,
            message.format(natures=len(natures), forms=len(forms)),
            source,
            reason,
            target,
        )
    ]


def h10(facts: DistrictFacts) -> list[Finding]:
    """Growth: actions to bring in new members recorded this year (listed when there are)."""
    year = facts.today.year
    actions = sorted(
        (a for a in facts.growth_actions if a.day.year == year), key=lambda a: (a.day, a.id)
    )
    source = _("Toolkit 3.2; toolkit 3.3 «Consolidamento delle reti esistenti»")
    reason = _(
        "La relazione annuale deve elencare le azioni realizzate per aumentare gli "
        "aderenti al distretto."
    )
    target = Target("district", "growth_action", actions[0].id if actions else None)
    if not actions:
        message = _("Nessuna azione per far crescere il distretto registrata nel {year}.")
        return [Finding("H10", Level.WARNING, message.format(year=year), source, reason, target)]
    items = [f"{a.description} ({format_date(a.day)})" for a in actions]
    message = ngettext(
        "{n} azione per far crescere il distretto nel {year}: {items}.",
        "{n} azioni per far crescere il distretto nel {year}: {items}.",
        len(actions),
    ).format(n=len(actions), year=year, items=name_list(items))
    return [Finding("H10", Level.OK, message, source, reason, target)]


HEALTH_RULES: tuple[Callable[[DistrictFacts], list[Finding]], ...] = (
    h1,
    h2,
    h3,
    h4,
    h5,
    h6,
    h7,
    h8,
    h9,
    h10,
)
