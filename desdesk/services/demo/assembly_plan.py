"""A demo district's assemblies, built in memory: about one every five months since the
founding, each with its convocation, agenda, roll call, minutes and the tasks it gave.

Attendance follows each member's own habit (most come, a few drift away), so the
attendance record, the quorum and the exclusion warnings have something real to show.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from desdesk.domain.enums import (
    AssemblyKind,
    AssemblyStatus,
    AttendanceStatus,
    Call,
    ConvocationChannel,
    OfficeKind,
)
from desdesk.services.demo.assembly_words import (
    AGENDA_POOL,
    DISCUSSIONS,
    GUESTS,
    OPENING_ITEM,
    RESOLUTIONS,
    TASKS,
    VERIFY_TASKS_ITEM,
)
from desdesk.services.demo.plan import Context, DemoPlan

PROXY_LIMIT = 3


@dataclass(frozen=True, slots=True)
class PlannedItem:
    title: str
    description: str
    discussion: str
    resolution: str
    votes: tuple[int, int, int] | None


@dataclass(frozen=True, slots=True)
class PlannedTask:
    member: int  # index into DemoPlan.members
    description: str
    due: date
    done_on: date | None
    item: int  # position of the agenda item that assigned it


@dataclass
class PlannedAssembly:
    day: date
    kind: AssemblyKind
    title: str
    status: AssemblyStatus
    place: str
    first_call_time: time = time(20, 30)
    second_call: date | None = None
    convened_on: date | None = None
    via: ConvocationChannel | None = None
    call_held: Call | None = None
    items: list[PlannedItem] = field(default_factory=list)
    attendance: list[tuple[int, AttendanceStatus, int | None]] = field(default_factory=list)
    guests: list[tuple[str, str]] = field(default_factory=list)
    president: str = ""
    secretary: str = ""
    approved_on: date | None = None
    tasks: list[PlannedTask] = field(default_factory=list)


def build_assemblies(ctx: Context, plan: DemoPlan) -> list[PlannedAssembly]:
    """Assemblies from the founding to today, then the next one, planned or convened."""
    habits = [_habit(ctx) for _entry in plan.members]
    days = _assembly_days(ctx)
    assemblies = []
    for index, day in enumerate(days):
        assembly = _assembly(ctx, plan, day, index)
        if assembly.status is AssemblyStatus.HELD:
            _roll_call(ctx, plan, assembly, habits)
        assemblies.append(assembly)
    for previous, following in itertools.pairwise(assemblies):
        if previous.status is AssemblyStatus.HELD:
            previous.approved_on = following.day if following.day <= ctx.today else None
    return assemblies


def _assembly_days(ctx: Context) -> list[date]:
    days, day = [], ctx.founded
    while day <= ctx.today:
        days.append(day)
        day += timedelta(days=ctx.rng.randint(120, 170))
    days.append(day)  # the next one
    return days


def _assembly(ctx: Context, plan: DemoPlan, day: date, index: int) -> PlannedAssembly:
    rng = ctx.rng
    upcoming = day > ctx.today
    cancelled = not upcoming and index > 0 and rng.random() < 0.06
    kind = (
        AssemblyKind.EXTRAORDINARY if index > 0 and rng.random() < 0.12 else AssemblyKind.ORDINARY
    )
    season = ("invernale", "primaverile", "estiva", "autunnale")[(day.month % 12) // 3]
    title = "Assemblea costitutiva" if index == 0 else f"Assemblea {kind.value} {season} {day.year}"
    if upcoming:
        status = AssemblyStatus.CONVENED if (day - ctx.today).days <= 20 else AssemblyStatus.PLANNED
    else:
        status = AssemblyStatus.CANCELLED if cancelled else AssemblyStatus.HELD
    convened = status is not AssemblyStatus.PLANNED
    assembly = PlannedAssembly(
        day=day,
        kind=kind,
        title=title,
        status=status,
        place=f"Sala riunioni, {ctx.territory.community}, {ctx.territory.main_town.name}",
        second_call=day + timedelta(days=1),
        convened_on=day - timedelta(days=rng.randint(11, 20)) if convened else None,
        via=rng.choice((ConvocationChannel.EMAIL, ConvocationChannel.PEC)) if convened else None,
    )
    assembly.items = _agenda(ctx, index)
    _officers(plan, assembly)
    return assembly


def _agenda(ctx: Context, index: int) -> list[PlannedItem]:
    titles = [OPENING_ITEM] if index > 0 else []
    if index > 0:
        titles.append(VERIFY_TASKS_ITEM)
    titles += ctx.rng.sample(AGENDA_POOL, 3 if index > 0 else 4)
    return [PlannedItem(title, "", ctx.rng.choice(DISCUSSIONS), "", None) for title in titles]


def _officers(plan: DemoPlan, assembly: PlannedAssembly) -> None:
    def holder(kind: OfficeKind) -> str:
        for term in plan.offices:
            ends = term.end_date or date.max
            if term.kind is kind and term.start_date <= assembly.day <= ends:
                return term.person_name
        return ""

    assembly.president = holder(OfficeKind.COORDINATOR)
    assembly.secretary = holder(OfficeKind.SECRETARY) or holder(OfficeKind.EXTERNAL_REFERENT)


def _habit(ctx: Context) -> float:
    """How likely a member is to come: most come, some drift away."""
    return ctx.rng.choice((0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.45, 0.15))


def _roll_call(
    ctx: Context, plan: DemoPlan, assembly: PlannedAssembly, habits: list[float]
) -> None:
    rng = ctx.rng
    present: list[int] = []
    proxies: dict[int, int] = {}
    wanting_proxy: list[int] = []
    for index, entry in enumerate(plan.members):
        if not _active_on(entry.member.joined_on, entry.left_on, assembly.day):
            continue
        roll = rng.random()
        if roll < habits[index] * 0.85:
            substitute = entry.substitute is not None and rng.random() < 0.15
            status = (
                AttendanceStatus.PRESENT_SUBSTITUTE
                if substitute
                else AttendanceStatus.PRESENT_PRIMARY
            )
            assembly.attendance.append((index, status, None))
            present.append(index)
        elif roll < habits[index]:
            wanting_proxy.append(index)
        else:
            justified = rng.random() < 0.4
            status = AttendanceStatus.ABSENT_JUSTIFIED if justified else AttendanceStatus.ABSENT
            assembly.attendance.append((index, status, None))
    for index in wanting_proxy:
        holders = [h for h in present if proxies.get(h, 0) < PROXY_LIMIT]
        if holders:
            holder = rng.choice(holders)
            proxies[holder] = proxies.get(holder, 0) + 1
            assembly.attendance.append((index, AttendanceStatus.PROXY, holder))
        else:
            assembly.attendance.append((index, AttendanceStatus.ABSENT, None))
    voters = len(present) + sum(proxies.values())
    entitled = len(assembly.attendance)
    assembly.call_held = Call.FIRST if voters * 2 > entitled else Call.SECOND
    assembly.guests = rng.sample(GUESTS, rng.randint(0, 2))
    assembly.items = [_with_outcome(ctx, item, voters) for item in assembly.items]
    assembly.tasks = _tasks(ctx, plan, assembly)


def _with_outcome(ctx: Context, item: PlannedItem, voters: int) -> PlannedItem:
    rng = ctx.rng
    if item.title == OPENING_ITEM or rng.random() < 0.35 or voters == 0:
        return item
    against = 0 if rng.random() < 0.7 else rng.randint(0, max(0, voters // 8))
    abstained = 0 if rng.random() < 0.6 else rng.randint(0, max(0, voters // 10))
    votes = (voters - against - abstained, against, abstained)
    return PlannedItem(
        item.title, item.description, item.discussion, rng.choice(RESOLUTIONS), votes
    )


def _tasks(ctx: Context, plan: DemoPlan, assembly: PlannedAssembly) -> list[PlannedTask]:
    rng = ctx.rng
    present = [i for i, status, _h in assembly.attendance if status.value.startswith("presente")]
    tasks = []
    for _n in range(rng.randint(1, 3)):
        if not present:
            break
        due = assembly.day + timedelta(days=rng.randint(45, 120))
        done = None
        if due < ctx.today and rng.random() < 0.75:
            done = min(ctx.today, assembly.day + timedelta(days=rng.randint(15, 130)))
        tasks.append(
            PlannedTask(
                rng.choice(present),
                rng.choice(TASKS),
                due,
                done,
                rng.randint(1, len(assembly.items)) - 1,
            )
        )
    return tasks


def _active_on(joined: date | None, left: date | None, day: date) -> bool:
    return (joined is None or joined <= day) and (left is None or left > day)
