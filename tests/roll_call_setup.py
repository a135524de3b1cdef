"""Assemblies written straight to the table for the roll-call tests (the assemblies
service is written by another helper at the same time), and members in bulk."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlmodel import Session

from desdesk.db.models import Assembly, District, Minutes
from desdesk.services.workspace import Workspace
from tests.factories import member_input, referent_input


def insert_assembly(workspace: Workspace, day: date = date(2026, 3, 10), **fields: object) -> int:
    values: dict[str, object] = {
        "first_call_date": day,
        "second_call_date": date.fromordinal(day.toordinal() + 1),
        "status": "convocata",
        "place": "Sala civica, Rovereto",
    }
    values.update(fields)
    with Session(workspace.file.engine) as session:
        assembly = Assembly(**values)  # type: ignore[arg-type]
        session.add(assembly)
        session.commit()
        assert assembly.id is not None
        return assembly.id


def approve_minutes(workspace: Workspace, assembly_id: int) -> None:
    with Session(workspace.file.engine) as session:
        session.add(Minutes(assembly_id=assembly_id, approved_on=date(2026, 4, 1)))
        session.commit()


def set_rules(workspace: Workspace, **settings: int) -> None:
    with Session(workspace.file.engine) as session:
        session.execute(update(District).values(**settings))
        session.commit()


def add_members(
    workspace: Workspace, names: list[str], joined_on: date | None = None, **fields: object
) -> list[int]:
    """Members without codice fiscale, each with a primary referent named after it."""
    return [
        workspace.members.add(
            member_input(name, tax_code="", joined_on=joined_on, **fields),
            referent_input(first="Referente", last=name.split()[-1]),
        )
        for name in names
    ]
