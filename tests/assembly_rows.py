"""Assemblies and roll calls written straight to the tables, for tests of the minutes and
tasks (the assemblies and attendance services are written by others at the same time)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from desdesk.db.models import AgendaItem, Assembly, Attendance
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input


def add_members(workspace: Workspace, count: int) -> list[int]:
    return [
        workspace.members.add(
            member_input(f"Aderente {n + 1}", tax_code=VALID_ORG_CODES[n], joined_on=None)
        )
        for n in range(count)
    ]


def add_assembly(
    workspace: Workspace,
    *,
    agenda: tuple[str, ...] = ("Bilancio", "Nuovi aderenti"),
    present: list[int] | None = None,
    absent: list[int] | None = None,
    call_held: str | None = "prima",
    day: date = date(2026, 3, 10),
    status: str = "svolta",
) -> int:
    """A held assembly with its agenda and roll call (present = titolare present)."""
    with Session(workspace.file.engine) as session:
        assembly = Assembly(
            first_call_date=day,
            second_call_date=day + timedelta(days=1),
            status=status,
            place="Sala civica, Rovereto",
            convened_on=day - timedelta(days=13),
            convened_via="pec",
            call_held=call_held,
        )
        session.add(assembly)
        session.flush()
        assert assembly.id is not None
        for position, title in enumerate(agenda, start=1):
            session.add(AgendaItem(assembly_id=assembly.id, position=position, title=title))
        for member_id in present or []:
            session.add(
                Attendance(assembly_id=assembly.id, member_id=member_id, status="presente_titolare")
            )
        for member_id in absent or []:
            session.add(Attendance(assembly_id=assembly.id, member_id=member_id, status="assente"))
        session.commit()
        return assembly.id
