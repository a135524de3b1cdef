"""The annual report's sections read from the other services, one function per section.

Each function asks a service for whole lists (the register, the terms, the assemblies of
the year, the tasks) and filters them in Python: no query per member, so a 5,000-member
district costs what its register costs. Only the assemblies held in the year are counted
one by one (a handful a year).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from desdesk.annual_schemas import (
    AssembliesPart,
    AssemblyLine,
    BudgetPart,
    MemberChange,
    MembersPart,
    ObjectiveLine,
    OfficesPart,
    TaskLine,
    TasksPart,
)
from desdesk.assembly_schemas import held_on
from desdesk.domain.check_types import Level
from desdesk.domain.enums import AssemblyStatus, Nature, TaskStatus
from desdesk.domain.text import search_key
from desdesk.schemas import MemberRow, OfficeRead, TaskRead
from desdesk.services.attendance import read_rules
from desdesk.services.attendance_records import flagged_member_ids

if TYPE_CHECKING:
    from desdesk.domain.check_types import Finding
    from desdesk.services.workspace import Workspace


def _in(day: date | None, year: int) -> bool:
    return day is not None and day.year == year


def active_on(row: MemberRow, day: date) -> bool:
    """A member on `day`: joined by then (or date unknown) and not yet left (as the check
    counts: the day it leaves it is no longer a member)."""
    joined = row.joined_on is None or row.joined_on <= day
    return joined and (row.left_on is None or row.left_on > day)


def members_part(ws: Workspace, rows: list[MemberRow], year: int, as_of: date) -> MembersPart:
    """`rows`: the whole register, active and former members."""
    natures = Counter(Nature(row.nature) for row in rows if active_on(row, as_of))
    joined = sorted(
        (
            MemberChange(r.id, r.name, r.joined_on)
            for r in rows
            if r.joined_on and _in(r.joined_on, year)
        ),
        key=lambda c: (c.day, search_key(c.name)),
    )
    left = sorted(
        (
            MemberChange(r.id, r.name, r.left_on, r.leave_reason)
            for r in rows
            if r.left_on and _in(r.left_on, year)
        ),
        key=lambda c: (c.day, search_key(c.name)),
    )
    actions = sorted(ws.growth.actions(year), key=lambda a: (a.data.day, a.id))
    return MembersPart(
        active_by_nature={nature: natures.get(nature, 0) for nature in Nature},
        joined=tuple(joined),
        left=tuple(left),
        growth_actions=tuple(actions),
    )


def _overlaps_year(term: OfficeRead, year: int) -> bool:
    return term.start_date <= date(year, 12, 31) and (
        term.end_date is None or term.end_date >= date(year, 1, 1)
    )


def offices_part(ws: Workspace, year: int) -> OfficesPart:
    """The terms in the Cariche order (kind, then the latest first)."""
    terms = [t for t in ws.offices.terms() if _overlaps_year(t, year)]
    return OfficesPart(
        in_force=tuple(terms),
        started=tuple(sorted((t for t in terms if _in(t.start_date, year)), key=_start)),
        ended=tuple(sorted((t for t in terms if _in(t.end_date, year)), key=_end)),
    )


def _start(term: OfficeRead) -> date:
    return term.start_date


def _end(term: OfficeRead) -> date:
    return term.end_date or date.max


def assemblies_part(ws: Workspace, rows: list[MemberRow], year: int, as_of: date) -> AssembliesPart:
    """The assemblies held in the year (by the day they met), counted; the members over
    the exclusion threshold on `as_of`."""
    attendance = ws.attendance
    candidates = ws.assemblies.list(year) + ws.assemblies.list(year - 1)  # second call in Jan
    held = sorted(
        (a for a in candidates if a.status == AssemblyStatus.HELD.value and _in(held_on(a), year)),
        key=lambda a: (held_on(a), a.id),
    )
    lines = []
    for assembly in held:
        count, quorum = attendance.count(assembly.id)
        lines.append(
            AssemblyLine(
                assembly_id=assembly.id,
                day=held_on(assembly),
                kind=assembly.data.kind,
                title=assembly.data.title,
                entitled=count.members,
                voters=count.voters,
                recorded=count.members - count.not_recorded,
                quorum_required=quorum.required,
                minutes_approved=assembly.minutes_approved,
            )
        )
    flagged, threshold = attendance_flags(ws, rows, as_of)
    return AssembliesPart(held=tuple(lines), flagged=flagged, exclusion_threshold=threshold)


def attendance_flags(
    ws: Workspace, rows: list[MemberRow], as_of: date
) -> tuple[tuple[str, ...], int]:
    """Names of the members still in the district on `as_of` whose run of absences then
    reaches the exclusion threshold (the register's flag, on that day), and the threshold."""
    with ws.sessions() as session:
        connection = session.connection()
        rules = read_rules(connection)
        ids = flagged_member_ids(connection, rules, as_of)
    names = {row.id: row.name for row in rows if active_on(row, as_of)}
    flagged = sorted((names[i] for i in ids if i in names), key=search_key)
    return tuple(flagged), rules.exclusion_threshold


def objectives_part(ws: Workspace, as_of: date) -> tuple[ObjectiveLine, ...]:
    progress = {p.objective_id: p for p in ws.indicators.objectives_progress(as_of)}
    indicators = {i.id: i for i in ws.indicators.indicators(include_retired=True)}
    lines = []
    for objective in ws.district.objectives():
        data = objective.data
        if data.deadline is not None and data.deadline.year < as_of.year:
            continue  # its term ended before this year
        linked = indicators.get(data.indicator_id) if data.indicator_id is not None else None
        found = progress.get(objective.id)
        lines.append(
            ObjectiveLine(
                objective_id=objective.id,
                title=data.title,
                status=data.status,
                target_value=data.target_value,
                target_unit=data.target_unit,
                deadline=data.deadline,
                indicator=linked.data.name if linked else "",
                unit=linked.unit if linked else None,
                current=found.current if found else None,
                progress_percent=found.progress_percent if found else None,
            )
        )
    return tuple(lines)


def tasks_part(ws: Workspace, year: int, as_of: date) -> TasksPart:
    """The tasks assigned at an assembly of the year (or due in it), done in it, or open
    at its end, by due date."""
    days = {a.id: held_on(a) for a in ws.assemblies.list()}
    lines = []
    for task in ws.tasks.list(today=as_of):
        line = _task_line(task, days, as_of)
        touches = (
            _in(line.assigned_on, year)
            or _in(line.due_date, year)
            or _in(line.done_on, year)
            or line.open_at_end
        )
        if touches:
            lines.append(line)
    return TasksPart(year=year, tasks=tuple(lines))


def _task_line(task: TaskRead, days: dict[int, date], as_of: date) -> TaskLine:
    assigned = days.get(task.data.assembly_id) if task.data.assembly_id is not None else None
    done = task.done_on if task.status == TaskStatus.DONE.value else None
    started = assigned or task.data.due_date
    # A task with neither an assembly nor a due date has no known start: it belongs to
    # the running year only, not to the reports of past years.
    began = started <= as_of if started is not None else as_of.year >= date.today().year
    open_at_end = (done is None or done > as_of) and began
    due = task.data.due_date
    return TaskLine(
        task_id=task.id,
        description=task.data.description,
        member_name=task.member_name,
        assigned_on=assigned,
        due_date=due,
        done_on=done,
        open_at_end=open_at_end,
        overdue=open_at_end and due is not None and due < as_of,
    )


def budget_part(ws: Workspace, year: int) -> BudgetPart:
    """The statement of the year, if the year was opened or holds amounts."""
    budget = ws.budget
    statement = budget.statement(year)
    opened = any(y.year == year for y in budget.years())
    amounts = any(
        line.amounts.actual or line.amounts.planned for line in statement.statement.lines()
    )
    return BudgetPart(statement if opened or amounts else None)


def critical_findings(ws: Workspace, as_of: date) -> tuple[Finding, ...]:
    """The district check's warnings and errors on `as_of`, errors first."""
    findings = ws.check.report(today=as_of).findings
    order = {Level.ERROR: 0, Level.WARNING: 1}
    found = [f for f in findings if f.level in order]
    return tuple(sorted(found, key=lambda f: order[f.level]))
