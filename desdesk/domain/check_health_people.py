"""Health rules about people and meetings: H1 assemblies, H2 absences, H3 participation,
H4 tasks and inactive members (toolkit 2.3 and 3.3 «criticità»)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desdesk.domain.assembly_calendar import add_months
from desdesk.domain.check_text import name_list
from desdesk.domain.check_types import (
    AssemblyFact,
    DistrictFacts,
    Finding,
    Level,
    MemberFact,
    ParticipationFact,
    Target,
)
from desdesk.domain.enums import AssemblyStatus
from desdesk.i18n import _, format_date, format_number, ngettext

_UPCOMING = (AssemblyStatus.PLANNED.value, AssemblyStatus.CONVENED.value)


def _source_coordination() -> str:
    return _("Toolkit 2.3 «Mancanza di coordinamento»")


def _source_dispersion() -> str:
    return _("Toolkit 3.3 «Dispersione della partecipazione»")


def _member_target(members: Sequence[MemberFact]) -> Target:
    """The first member named (opening it shows the list too)."""
    return Target("members", "member", members[0].id) if members else Target("members")


def year_ago(today: date) -> date:
    return add_months(today, -12)


# -- H1 ---------------------------------------------------------------------------------


def h1(facts: DistrictFacts) -> list[Finding]:
    """An assembly held in the last `assembly_gap_months`, and the next one planned
    within that many months of the last held one."""
    months = facts.settings.assembly_gap_months
    held = sorted(a.day for a in facts.assemblies if a.status == AssemblyStatus.HELD.value)
    # A planned assembly whose day has passed without being held is not "upcoming".
    upcoming = sorted(
        (a for a in facts.assemblies if a.status in _UPCOMING and a.day >= facts.today),
        key=lambda a: a.day,
    )
    source = _source_coordination()
    reason = ngettext(
        "L'assemblea dei membri deve riunirsi periodicamente: almeno una ogni {n} mese.",
        "L'assemblea dei membri deve riunirsi periodicamente: almeno una ogni {n} mesi.",
        months,
    ).format(n=months)
    target = Target("assemblies")

    def finding(level: Level, message: str, record: AssemblyFact | None = None) -> Finding:
        where = Target("assemblies", "assembly", record.id) if record else target
        return Finding("H1", level, message, source, reason, where)

    if not held:
        if upcoming:
            message = _("Nessuna assemblea ancora svolta; la prima è prevista il {day}.")
            return [
                finding(
                    Level.WARNING, message.format(day=format_date(upcoming[0].day)), upcoming[0]
                )
            ]
        return [finding(Level.WARNING, _("Nessuna assemblea ancora svolta né in programma."))]
    last = held[-1]
    deadline = add_months(last, months)
    if facts.today > deadline:
        message = _(
            "Nessuna assemblea svolta dal {last}: la successiva andava tenuta entro il {deadline}."
        )
        return [
            finding(
                Level.WARNING,
                message.format(last=format_date(last), deadline=format_date(deadline)),
            )
        ]
    planned = [a for a in upcoming if last < a.day <= deadline]
    if not planned:
        message = _("Ultima assemblea svolta il {last}; nessuna in programma entro il {deadline}.")
        return [
            finding(
                Level.WARNING,
                message.format(last=format_date(last), deadline=format_date(deadline)),
            )
        ]
    message = _("Ultima assemblea svolta il {last}; la prossima è prevista il {next}.")
    return [
        finding(
            Level.OK,
            message.format(last=format_date(last), next=format_date(planned[0].day)),
            planned[0],
        )
    ]


# -- H2 ---------------------------------------------------------------------------------


def _runs(facts: DistrictFacts) -> list[tuple[MemberFact, ParticipationFact]]:
    """Active members with their participation, in name order."""
    by_id = {p.member_id: p for p in facts.participation}
    return [
        (m, by_id[m.id])
        for m in sorted(facts.active_members(), key=lambda m: m.name.casefold())
        if m.id in by_id
    ]


def h2(facts: DistrictFacts) -> list[Finding]:
    """Members whose run of consecutive absences reached the exclusion threshold (errore)
    or is one short of it (avviso). A substitute present already counts as present in
    `consecutive_absences`."""
    threshold = facts.settings.exclusion_threshold
    runs = _runs(facts)
    over = [m for m, p in runs if p.consecutive_absences >= threshold]
    near = [m for m, p in runs if threshold > 1 and p.consecutive_absences == threshold - 1]
    source = _("Regolamento del distretto; toolkit 2.3 «Mancanza di coordinamento»")
    reason = _(
        "Tutti i membri sono tenuti a partecipare all'assemblea; chi supera le assenze "
        "consecutive fissate dal distretto può esserne escluso."
    )
    findings = []
    if over:
        message = ngettext(
            "{n} aderente ha raggiunto {t} assenze consecutive: {names}.",
            "{n} aderenti hanno raggiunto {t} assenze consecutive: {names}.",
            len(over),
        ).format(n=len(over), t=threshold, names=name_list([m.name for m in over]))
        findings.append(Finding("H2", Level.ERROR, message, source, reason, _member_target(over)))
    if near:
        message = ngettext(
            "{n} aderente è a {k} assenze consecutive, una in meno della soglia di {t}: {names}.",
            "{n} aderenti sono a {k} assenze consecutive, una in meno della soglia di {t}: "
            "{names}.",
            len(near),
        ).format(n=len(near), k=threshold - 1, t=threshold, names=name_list([m.name for m in near]))
        findings.append(Finding("H2", Level.WARNING, message, source, reason, _member_target(near)))
    if not findings:
        message = _("Nessun aderente si avvicina alla soglia di {t} assenze consecutive.")
        findings.append(
            Finding(
                "H2", Level.OK, message.format(t=threshold), source, reason, Target("assemblies")
            )
        )
    return findings


# -- H3 ---------------------------------------------------------------------------------


def h3(facts: DistrictFacts) -> list[Finding]:
    """Members attending fewer than `participation_threshold_percent` of the assemblies
    held in the last 12 months (the rate exactly at the threshold is fine)."""
    threshold = facts.settings.participation_threshold_percent
    runs = [(m, p) for m, p in _runs(facts) if p.rate is not None]
    source = _source_dispersion()
    reason = _(
        "Senza un monitoraggio dell'impegno dei membri alcuni finiscono per autoescludersi "
        "dalle attività del distretto."
    )
    if not runs:
        message = _("Nessuna assemblea svolta negli ultimi 12 mesi: partecipazione non valutabile.")
        return [Finding("H3", Level.OK, message, source, reason, Target("assemblies"))]
    low = [(m, p) for m, p in runs if p.rate is not None and p.rate < threshold]
    if not low:
        message = ngettext(
            "{n} aderente ha partecipato ad almeno il {t} % delle assemblee degli ultimi 12 mesi.",
            "Tutti i {n} aderenti hanno partecipato ad almeno il {t} % delle assemblee degli "
            "ultimi 12 mesi.",
            len(runs),
        ).format(n=len(runs), t=threshold)
        return [Finding("H3", Level.OK, message, source, reason, Target("assemblies"))]
    low.sort(key=lambda pair: (pair[1].rate, pair[0].name.casefold()))
    names = [f"{m.name} ({format_number(p.rate)} %)" for m, p in low]
    message = ngettext(
        "{n} aderente sotto il {t} % di presenze negli ultimi 12 mesi: {names}.",
        "{n} aderenti sotto il {t} % di presenze negli ultimi 12 mesi: {names}.",
        len(low),
    ).format(n=len(low), t=threshold, names=name_list(names))
    target = _member_target([m for m, _p in low])
    return [Finding("H3", Level.WARNING, message, source, reason, target)]


# -- H4 ---------------------------------------------------------------------------------


def _overdue(facts: DistrictFacts) -> list[Finding]:
    today = facts.today
    late = sorted(
        (t for t in facts.tasks if not t.done and t.due_date is not None and today > t.due_date),
        key=lambda t: (t.due_date or today, t.id),
    )
    if not late:
        return []
    names = {m.id: m.name for m in facts.members}
    items = [
        _("{task} ({member}, entro il {due})").format(
            task=t.description, member=names.get(t.member_id, "?"), due=format_date(t.due_date)
        )
        for t in late
    ]
    message = ngettext(
        "{n} compito assegnato dall'assemblea è scaduto: {items}.",
        "{n} compiti assegnati dall'assemblea sono scaduti: {items}.",
        len(late),
    ).format(n=len(late), items=name_list(items))
    target = Target("assemblies", "task", late[0].id)
    reason = _(
        "Ruoli e compiti poco chiari o non seguiti portano alla dispersione della partecipazione."
    )
    return [Finding("H4", Level.WARNING, message, _source_dispersion(), reason, target)]


def _inactive(facts: DistrictFacts) -> list[Finding]:
    """Active members with no task in the last 12 months and no attendance either.

    Only members who have been in the district a whole year: a newcomer has not had the
    time to take part yet."""
    since = year_ago(facts.today)
    busy = {
        t.member_id for t in facts.tasks if t.created_or_due is None or t.created_or_due >= since
    }
    busy |= {p.member_id for p in facts.participation if p.attended > 0}
    idle = sorted(
        (
            m
            for m in facts.active_members()
            if m.id not in busy and (m.joined_on is None or m.joined_on <= since)
        ),
        key=lambda m: m.name.casefold(),
    )
    if not idle:
        return []
    message = ngettext(
        "{n} aderente senza compiti né presenze in assemblea negli ultimi 12 mesi: {names}.",
        "{n} aderenti senza compiti né presenze in assemblea negli ultimi 12 mesi: {names}.",
        len(idle),
    ).format(n=len(idle), names=name_list([m.name for m in idle]))
    reason = _(
        "Un aderente che non partecipa alle attività è membro del distretto solo sulla carta."
    )
    source = _("Toolkit 3.3 «Carenza di risorse umane», «Dispersione della partecipazione»")
    return [Finding("H4", Level.WARNING, message, source, reason, _member_target(idle))]


def h4(facts: DistrictFacts) -> list[Finding]:
    """Overdue open tasks, and active members with no task and no attendance in a year."""
    findings = _overdue(facts) + _inactive(facts)
    if findings:
        return findings
    message = _(
        "Nessun compito scaduto; ogni aderente ha partecipato o ha un compito negli ultimi 12 mesi."
    )
    reason = _("Ruoli e compiti chiari tengono viva la partecipazione.")
    return [Finding("H4", Level.OK, message, _source_dispersion(), reason, Target("assemblies"))]
