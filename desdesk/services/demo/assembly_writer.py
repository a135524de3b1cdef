"""Write the demo assemblies in one transaction, with bulk inserts for the roll calls
(a 5,000-member district over 20 years holds about 200,000 attendance rows)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from sqlalchemy import insert
from sqlmodel import Session

from desdesk.db.models import AgendaItem, Assembly, Attendance, Guest, Minutes, MinutesItem, Task
from desdesk.services.base import Service
from desdesk.services.demo.assembly_plan import PlannedAssembly
from desdesk.services.minutes import how_convened_text
from desdesk.services.minutes_snapshot import take_snapshot


class AssemblyHistory(Service):
    def write(self, assemblies: Sequence[PlannedAssembly], member_ids: Sequence[int]) -> None:
        with self._unit_of_work() as session:
            for planned in assemblies:
                _write_one(session, planned, member_ids)


def _write_one(session: Session, planned: PlannedAssembly, ids: Sequence[int]) -> None:
    assembly = Assembly(
        kind=planned.kind.value,
        status=planned.status.value,
        title=planned.title,
        first_call_date=planned.day,
        first_call_time=planned.first_call_time,
        second_call_date=planned.second_call,
        second_call_time=planned.first_call_time if planned.second_call else None,
        place=planned.place,
        convened_on=planned.convened_on,
        convened_via=planned.via.value if planned.via else None,
        call_held=planned.call_held.value if planned.call_held else None,
        started_at=time(20, 40) if planned.call_held else None,
        ended_at=time(22, 50) if planned.call_held else None,
    )
    session.add(assembly)
    session.flush()
    assert assembly.id is not None
    connection = session.connection()
    connection.execute(
        insert(AgendaItem),
        [
            {
                "assembly_id": assembly.id,
                "position": i,
                "title": item.title,
                "description": item.description,
                "proposer": "",
            }
            for i, item in enumerate(planned.items)
        ],
    )
    if planned.attendance:
        connection.execute(
            insert(Attendance),
            [
                {
                    "assembly_id": assembly.id,
                    "member_id": ids[member],
                    "status": status.value,
                    "proxy_holder_id": ids[holder] if holder is not None else None,
                }
                for member, status, holder in planned.attendance
            ],
        )
    if planned.guests:
        connection.execute(
            insert(Guest),
            [{"assembly_id": assembly.id, "name": n, "organisation": o} for n, o in planned.guests],
        )
    if planned.call_held is not None:
        _write_minutes(session, assembly.id, planned, ids)


def _write_minutes(
    session: Session, assembly_id: int, planned: PlannedAssembly, ids: Sequence[int]
) -> None:
    assert planned.call_held is not None
    minutes = Minutes(
        assembly_id=assembly_id,
        call_held=planned.call_held.value,
        president=planned.president,
        secretary=planned.secretary,
        how_convened=how_convened_text(
            planned.convened_on, planned.via.value if planned.via else None
        ),
        approved_on=planned.approved_on,
    )
    session.add(minutes)
    session.flush()
    items: list[MinutesItem] = []
    for position, item in enumerate(planned.items):
        votes = item.votes or (None, None, None)
        row = MinutesItem(
            minutes_id=minutes.id or 0,
            position=position,
            title=item.title,
            discussion=item.discussion,
            resolution=item.resolution,
            votes_for=votes[0],
            votes_against=votes[1],
            votes_abstained=votes[2],
        )
        session.add(row)
        session.flush()
        items.append(row)
    if planned.tasks:
        session.connection().execute(
            insert(Task),
            [
                {
                    "member_id": ids[t.member],
                    "assembly_id": assembly_id,
                    "minutes_item_id": items[t.item].id,
                    "description": t.description,
                    "due_date": t.due,
                    "status": "fatto" if t.done_on else "aperto",
                    "done_on": t.done_on,
                    "checked_assembly_id": None,
                }
                for t in planned.tasks
            ],
        )
    if planned.approved_on is not None:  # approved minutes are frozen, as in the app
        minutes.snapshot = take_snapshot(session, minutes, items)
