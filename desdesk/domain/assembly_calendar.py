"""The assembly calendar: the 6-month rule (H1) and overdue tasks (H4).

Everything here is also importable from `desdesk.domain.assembly_rules`.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from desdesk.i18n import _, format_date, ngettext


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier, if negative).

    A day the target month lacks is clamped to its last day: 31/08 + 6 months is 28/02
    (29/02 in a leap year), as people count "six months from the end of August".
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class CalendarGap:
    """A stretch longer than the rule allows without an assembly.

    `after` is the assembly the gap starts from, `before` the next one; `before` is None
    when nothing is planned after `after` and the gap runs to today. Both are None when
    the district has no assembly at all. `days` is the length of the gap in days.
    """

    after: date | None
    before: date | None
    days: int


def six_month_gaps(
    assembly_dates: Sequence[date], today: date, months: int = 6
) -> list[CalendarGap]:
    """The gaps of more than `months` calendar months between assemblies (rule H1).

    `assembly_dates` are the days of the assemblies held or planned, in any order; the
    caller leaves out the cancelled ones. Besides the gaps between consecutive dates, a
    gap runs from the last one to today when that is more than `months` months ago and
    nothing is planned after it. A district without assemblies gets a single gap with
    neither end.
    """
    if months < 1:
        raise ValueError(f"months must be positive, not {months}")
    days = sorted(set(assembly_dates))
    if not days:
        return [CalendarGap(after=None, before=None, days=0)]
    gaps = [
        CalendarGap(after=earlier, before=later, days=(later - earlier).days)
        for earlier, later in pairwise(days)
        if later > add_months(earlier, months)
    ]
    last = days[-1]
    if today > add_months(last, months):
        gaps.append(CalendarGap(after=last, before=None, days=(today - last).days))
    return gaps


def describe_gap(gap: CalendarGap, months: int = 6) -> str:
    """The gap said in a sentence, for the calendar's warning and the monitoring page."""
    rule = ngettext(
        "ne va tenuta almeno una ogni {months} mese.",
        "ne va tenuta almeno una ogni {months} mesi.",
        months,
    ).format(months=months)
    if gap.after is None:
        return _("Nessuna assemblea registrata: {rule}").format(rule=rule)
    if gap.before is None:
        return _("Nessuna assemblea dal {after} e nessuna in programma: {rule}").format(
            after=format_date(gap.after), rule=rule
        )
    return _(
        "Tra l'assemblea del {after} e la successiva del {before} passano {days} giorni: {rule}"
    ).format(after=format_date(gap.after), before=format_date(gap.before), days=gap.days, rule=rule)


def task_is_overdue(due: date | None, done_on: date | None, today: date) -> bool:
    """A task is late when it is not done and its due date has passed (rule H4).

    The due day itself is not late yet; a task without a due date is never late, and a
    task done after its due date is done, not late.
    """
    return due is not None and done_on is None and today > due
