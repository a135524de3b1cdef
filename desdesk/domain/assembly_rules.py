"""The rules of the assembly (domain.md "The assembly", H1-H4): settings, quorum, proxies,
convocation dates, votes and majorities.

Pure functions: they answer with numbers, booleans or an Italian reason (already
translated) and never touch the database. The attendance counts and the calendar rules
live in `attendance_rules` and `assembly_calendar` and are re-exported here, so callers
need only this module.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from desdesk.domain.assembly_calendar import (
    CalendarGap,
    add_months,
    describe_gap,
    six_month_gaps,
    task_is_overdue,
)
from desdesk.domain.attendance_rules import (
    ABSENT_STATUSES,
    PRESENT_STATUSES,
    AttendanceCount,
    MemberAttendance,
    consecutive_absences,
    count_attendance,
    member_attendance,
)
from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import N_, _, format_date, ngettext

__all__ = [
    "ABSENT_STATUSES",
    "PRESENT_STATUSES",
    "SETTING_LABELS",
    "SETTING_RANGES",
    "VOTE_FIELDS",
    "AssemblyRules",
    "AttendanceCount",
    "CalendarGap",
    "MemberAttendance",
    "QuorumState",
    "add_months",
    "consecutive_absences",
    "convocation_warnings",
    "count_attendance",
    "describe_gap",
    "member_attendance",
    "notice_warning",
    "over_exclusion_threshold",
    "past_date_warning",
    "proxy_problem",
    "quorum_message",
    "quorum_required",
    "quorum_state",
    "required_majority_problem",
    "resolution_passes",
    "second_call_problem",
    "six_month_gaps",
    "task_is_overdue",
    "unanimous_votes",
    "vote_problems",
]

# Accepted values of each setting, inclusive; the settings dialog uses them for its spin
# boxes. A first-call percent of 100 would ask for more than all the members.
SETTING_RANGES: dict[str, tuple[int, int]] = {
    "notice_days": (0, 90),
    "first_call_quorum_percent": (0, 99),
    "second_call_quorum_minimum": (1, 9999),
    "proxies_per_member": (0, 20),
    "exclusion_threshold": (1, 50),
}
SETTING_LABELS: dict[str, str] = {
    "notice_days": N_("Giorni di preavviso"),
    "first_call_quorum_percent": N_("Quorum in prima convocazione (%)"),
    "second_call_quorum_minimum": N_("Quorum in seconda convocazione (presenti)"),
    "proxies_per_member": N_("Deleghe per aderente"),
    "exclusion_threshold": N_("Assenze consecutive per l'esclusione"),
}
MAJORITY_RANGE = (50, 99)


@dataclass(frozen=True)
class AssemblyRules:
    """The district's assembly settings, with the defaults of domain.md."""

    notice_days: int = 10
    first_call_quorum_percent: int = 50  # quorum at first call: MORE THAN this % of members
    second_call_quorum_minimum: int = 1  # at second call: at least this many voters
    proxies_per_member: int = 3
    exclusion_threshold: int = 3  # consecutive absences

    def problems(self) -> list[FieldProblem]:
        """What is out of range, one problem per setting; empty when all is well."""
        problems = []
        for field in fields(self):
            value = getattr(self, field.name)
            low, high = SETTING_RANGES[field.name]
            if not low <= value <= high:
                message = _(
                    "{setting}: indica un numero tra {low} e {high} (hai indicato {value})."
                )
                problems.append(
                    FieldProblem(
                        field.name,
                        message.format(
                            setting=_(SETTING_LABELS[field.name]), low=low, high=high, value=value
                        ),
                    )
                )
        return problems


# Quorum


def quorum_required(members: int, call: Call, rules: AssemblyRules) -> int:
    """How many members must be present or represented for the assembly to be valid.

    First call: more than `first_call_quorum_percent` % of the members, i.e. the smallest
    integer strictly above members × percent / 100 (50 % of 10 is 6, of 9 is 5). Second
    call: `second_call_quorum_minimum`, but never more than the members. At least 1 in
    every case, so an assembly with nobody in the room is never valid.
    """
    if members < 0:
        raise ValueError(f"members cannot be negative: {members}")
    if call is Call.FIRST:
        return members * rules.first_call_quorum_percent // 100 + 1
    return max(1, min(rules.second_call_quorum_minimum, members))


@dataclass(frozen=True)
class QuorumState:
    required: int
    counted: int  # present or represented

    @property
    def reached(self) -> bool:
        return self.counted >= self.required

    @property
    def missing(self) -> int:
        return max(self.required - self.counted, 0)


def quorum_state(count: AttendanceCount, call: Call, rules: AssemblyRules) -> QuorumState:
    """The quorum of a roll call: proxies count, as the represented member takes part."""
    return QuorumState(quorum_required(count.members, call, rules), count.voters)


def quorum_message(state: QuorumState) -> str:
    """The live counter's sentence, e.g. "Quorum raggiunto: 7 presenti o rappresentati su 6 richiesti"."""
    if state.reached:
        return _(
            "Quorum raggiunto: {counted} presenti o rappresentati su {required} richiesti."
        ).format(counted=state.counted, required=state.required)
    return ngettext(
        "Quorum non raggiunto: manca {missing} ({counted} presenti o rappresentati su {required} richiesti).",
        "Quorum non raggiunto: mancano {missing} ({counted} presenti o rappresentati su {required} richiesti).",
        state.missing,
    ).format(missing=state.missing, counted=state.counted, required=state.required)


def over_exclusion_threshold(run: int, rules: AssemblyRules) -> bool:
    """True when a run of consecutive absences reaches the district's threshold (H2)."""
    return run >= rules.exclusion_threshold


# Proxies


def _not_present_reason(status: AttendanceStatus | None) -> str:
    if status is None:
        return _(
            "Il delegato non risulta ancora presente: registra prima la sua presenza (titolare o supplente)."
        )
    if status is AttendanceStatus.PROXY:
        return _(
            "Il delegato ha a sua volta delegato un altro aderente: può ricevere deleghe solo chi è presente (titolare o supplente)."
        )
    if status is AttendanceStatus.ABSENT_JUSTIFIED:
        return _(
            "Il delegato risulta assente giustificato: può ricevere deleghe solo chi è presente (titolare o supplente)."
        )
    return _(
        "Il delegato risulta assente: può ricevere deleghe solo chi è presente (titolare o supplente)."
    )


def proxy_problem(
    holder_status: AttendanceStatus | None,
    proxies_held: int,
    rules: AssemblyRules,
    giver_id: int,
    holder_id: int,
) -> str | None:
    """Why member `giver_id` cannot give its proxy to `holder_id`, or None if it can.

    `holder_status` is the holder's status at this assembly; `proxies_held` the proxies
    it already holds, not counting the one being given.
    """
    if giver_id == holder_id:
        return _("Un aderente non può delegare se stesso.")
    if rules.proxies_per_member == 0:
        return _("Il distretto non ammette deleghe.")
    if holder_status not in PRESENT_STATUSES:
        return _not_present_reason(holder_status)
    if proxies_held >= rules.proxies_per_member:
        return ngettext(
            "Ha già {n} delega: il limite del distretto è {limit}.",
            "Ha già {n} deleghe: il limite del distretto è {limit}.",
            proxies_held,
        ).format(n=proxies_held, limit=rules.proxies_per_member)
    return None


# Convocation


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _days(n: int) -> str:
    return ngettext("{n} giorno", "{n} giorni", n).format(n=n)


def second_call_problem(first_call: datetime, second_call: datetime | None) -> str | None:
    """Why the second call is not acceptable, or None (also when there is none).

    It must come after the first and on another day (domain.md): a second call an hour
    after a deserted first one would make the first call's quorum meaningless.
    """
    if second_call is None:
        return None
    if second_call.date() == first_call.date():
        return _("La seconda convocazione deve essere in un giorno diverso dalla prima.")
    if second_call < first_call:
        return _("La seconda convocazione ({second}) deve essere dopo la prima ({first}).").format(
            second=format_date(second_call), first=format_date(first_call)
        )
    return None


def past_date_warning(first_call: date, today: date) -> str | None:
    """A warning for a new convocation whose first call is already past; None otherwise."""
    if _day(first_call) >= today:
        return None
    return _("La prima convocazione è fissata il {first}, una data già passata.").format(
        first=format_date(first_call)
    )


def notice_warning(
    sent_on: date | None, first_call: date, rules: AssemblyRules, today: date
) -> str | None:
    """A warning when the notice is shorter than the district's `notice_days`, or None.

    The notice runs from the day the convocation was sent to the first call's day; while
    it is not sent, from today. An unsent convocation for a past date gets the
    `past_date_warning` instead, as no notice is possible any more.
    """
    first = _day(first_call)
    start = _day(sent_on) if sent_on is not None else today
    given = (first - start).days
    if given >= rules.notice_days:
        return None
    if sent_on is None:
        if given < 0:
            return past_date_warning(first, today)
        return _(
            "Se la invii oggi, il preavviso sarà di {given} (prima convocazione il {first}): il distretto ne prevede almeno {required}."
        ).format(given=_days(given), first=format_date(first), required=_days(rules.notice_days))
    if given < 0:
        return _(
            "La convocazione risulta inviata il {sent}, dopo la prima convocazione del {first}."
        ).format(sent=format_date(start), first=format_date(first))
    return _(
        "Preavviso troppo breve: {given} tra l'invio ({sent}) e la prima convocazione ({first}); il distretto ne prevede almeno {required}."
    ).format(
        given=_days(given),
        sent=format_date(start),
        first=format_date(first),
        required=_days(rules.notice_days),
    )


def convocation_warnings(
    sent_on: date | None, first_call: date, rules: AssemblyRules, today: date, new: bool
) -> list[str]:
    """The warnings of a convocation form, without repeating the same one twice."""
    warnings = [past_date_warning(first_call, today) if new else None]
    warnings.append(notice_warning(sent_on, first_call, rules, today))
    return list(dict.fromkeys(w for w in warnings if w is not None))


# Votes

VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstained")


def vote_problems(in_favour: int, against: int, abstained: int, voters: int) -> list[FieldProblem]:
    """What is wrong with an item's votes; empty if they can be recorded.

    Each count must not be negative, and together they cannot exceed the members present
    or represented (`voters`); that problem is reported on "votes_for", the first field.
    Fewer votes than voters are fine: someone may not vote or may have left.
    """
    negative = {
        "votes_for": N_("I voti favorevoli non possono essere negativi (hai indicato {value})."),
        "votes_against": N_("I voti contrari non possono essere negativi (hai indicato {value})."),
        "votes_abstained": N_("Gli astenuti non possono essere negativi (hai indicato {value})."),
    }
    values = dict(zip(VOTE_FIELDS, (in_favour, against, abstained), strict=True))
    problems = [
        FieldProblem(field, _(negative[field]).format(value=value))
        for field, value in values.items()
        if value < 0
    ]
    total = in_favour + against + abstained
    if not problems and total > voters:
        message = _(
            "I voti espressi ({total}) superano gli aventi diritto presenti o rappresentati ({voters})."
        )
        problems.append(FieldProblem("votes_for", message.format(total=total, voters=voters)))
    return problems


def unanimous_votes(voters: int) -> tuple[int, int, int]:
    """The "all'unanimità" shortcut: every voter in favour, none against or abstaining."""
    return (voters, 0, 0)


def required_majority_problem(percent: int | None) -> str | None:
    """Why an item's required majority cannot be used, or None (also for no requirement)."""
    low, high = MAJORITY_RANGE
    if percent is None or low <= percent <= high:
        return None
    return _(
        "La maggioranza richiesta è una percentuale tra {low} e {high} (hai indicato {value})."
    ).format(low=low, high=high, value=percent)


def resolution_passes(
    in_favour: int, against: int, abstained: int, required_majority_percent: int | None = None
) -> bool:
    """Whether a resolution is approved.

    By default a simple majority of those voting: more in favour than against, and the
    abstentions do not count (a tie fails). With a required majority (e.g. 66 for two
    thirds) the votes in favour must be more than that share of all the votes cast,
    abstentions included: a stronger majority must be a real one.
    """
    if required_majority_percent is None:
        return in_favour > against
    if not 0 <= required_majority_percent <= 100:
        raise ValueError(f"majority percent out of range: {required_majority_percent}")
    cast = in_favour + against + abstained
    return in_favour * 100 > required_majority_percent * cast
