"""AssembliesService against a real district file: planning, agenda, convening, gaps."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import Session

from desdesk.db.models import Assembly, Minutes, Task
from desdesk.domain.assembly_rules import AssemblyRules, CalendarGap
from desdesk.domain.enums import ConvocationChannel
from desdesk.domain.errors import Conflict, NotFound, ValidationFailed
from desdesk.schemas import AgendaItemInput, AssemblyInput
from desdesk.services.workspace import Workspace
from tests.factories import member_input


def spring(**overrides: object) -> AssemblyInput:
    values: dict[str, object] = {
        "first_call_date": date(2026, 4, 10),
        "first_call_time": time(20, 30),
        "second_call_date": date(2026, 4, 11),
        "second_call_time": time(9, 0),
        "title": "Assemblea di primavera",
        "place": "Sala civica, Rovereto",
    }
    values.update(overrides)
    if values["second_call_date"] is None:
        values["second_call_time"] = None
    return AssemblyInput(**values)  # type: ignore[arg-type]


AGENDA = [
    AgendaItemInput("Bilancio", "Approvazione del bilancio 2025", "Tesoriere"),
    AgendaItemInput("Nuovi aderenti"),
    AgendaItemInput("Varie ed eventuali"),
]


def session(workspace: Workspace) -> Session:
    return Session(workspace.file.engine)


def add_minutes(workspace: Workspace, assembly_id: int, approved: date | None = None) -> None:
    with session(workspace) as s:
        s.add(Minutes(assembly_id=assembly_id, approved_on=approved))
        s.commit()


def test_rules_default_update_and_refuse(workspace: Workspace) -> None:
    service = workspace.assemblies
    assert service.rules() == AssemblyRules()
    service.update_rules(AssemblyRules(notice_days=15, proxies_per_member=2))
    assert service.rules() == AssemblyRules(notice_days=15, proxies_per_member=2)
    with pytest.raises(ValidationFailed) as refused:
        service.update_rules(AssemblyRules(notice_days=-1))
    assert refused.value.for_field("notice_days")
    assert service.rules().notice_days == 15


def test_plan_get_and_list_by_year(workspace: Workspace) -> None:
    service = workspace.assemblies
    first = service.plan(spring(), AGENDA)
    autumn = service.plan(
        spring(first_call_date=date(2026, 10, 2), second_call_date=None, title="Autunno"), []
    )
    old = service.plan(spring(first_call_date=date(2025, 11, 5), second_call_date=None), [])
    read = service.get(first)
    assert read.status == "pianificata"
    assert [item.title for item in read.agenda] == [
        "Bilancio",
        "Nuovi aderenti",
        "Varie ed eventuali",
    ]
    assert read.agenda[0].proposer == "Tesoriere"
    assert [a.id for a in service.list()] == [old, first, autumn]
    assert [a.id for a in service.list(2026)] == [first, autumn]
    assert service.list(2024) == []
    with pytest.raises(NotFound):
        service.get(999)


def test_update_reorders_the_agenda_in_one_go(workspace: Workspace) -> None:
    service = workspace.assemblies
    assembly_id = service.plan(spring(), AGENDA)
    service.update(assembly_id, spring(place="Online"), [AGENDA[2], AGENDA[0]])
    read = service.get(assembly_id)
    assert [item.title for item in read.agenda] == ["Varie ed eventuali", "Bilancio"]
    assert read.data.place == "Online"
    with pytest.raises(ValidationFailed):
        service.update(assembly_id, spring(), [AGENDA[1], AgendaItemInput("  ")])
    assert [item.title for item in service.get(assembly_id).agenda] == [
        "Varie ed eventuali",
        "Bilancio",
    ]


def test_validation_names_the_fields(workspace: Workspace) -> None:
    service = workspace.assemblies
    with pytest.raises(ValidationFailed) as refused:
        service.plan(
            spring(second_call_date=date(2026, 4, 10), kind="boh"),
            [AgendaItemInput("ok"), AgendaItemInput("")],
        )
    problems = refused.value
    assert "giorno diverso" in (problems.for_field("second_call_date") or "")
    assert problems.for_field("kind")
    assert "punto 2" in (problems.for_field("agenda") or "")
    with pytest.raises(ValidationFailed) as before:
        service.plan(spring(second_call_date=date(2026, 4, 1)), [])
    assert "dopo la prima" in (before.value.for_field("second_call_date") or "")
    assert service.list() == []


def test_held_schedule_and_approved_minutes_are_frozen(workspace: Workspace) -> None:
    service = workspace.assemblies
    assembly_id = service.plan(spring(), AGENDA)
    with session(workspace) as s:
        row = s.get(Assembly, assembly_id)
        assert row is not None
        row.status = "svolta"
        s.commit()
    with pytest.raises(Conflict, match="già svolta"):
        service.update(assembly_id, spring(first_call_date=date(2026, 4, 9)), AGENDA)
    service.update(assembly_id, spring(place="Sala nuova"), AGENDA)  # not the schedule: fine
    add_minutes(workspace, assembly_id, approved=date(2026, 5, 1))
    with pytest.raises(Conflict, match="approvato"):
        service.update(assembly_id, spring(), AGENDA)
    assert service.get(assembly_id).minutes_approved
    assert service.list()[0].minutes_approved


def test_convene_and_warnings(workspace: Workspace) -> None:
    service = workspace.assemblies
    assembly_id = service.plan(spring(), AGENDA)
    assert service.warnings(assembly_id, today=date(2026, 3, 1)) == []
    assert "preavviso" in service.warnings(assembly_id, today=date(2026, 4, 5))[0]
    service.convene(assembly_id, date(2026, 4, 3), ConvocationChannel.PEC)
    read = service.get(assembly_id)
    assert (read.status, read.convened_on, read.convened_via) == (
        "convocata",
        date(2026, 4, 3),
        "pec",
    )
    assert "troppo breve" in service.warnings(assembly_id, today=date(2026, 4, 3))[0]
    past = service.warnings(assembly_id, today=date(2026, 5, 1))
    assert any("già passata" in w for w in past)
    with pytest.raises(ValidationFailed):
        service.convene(assembly_id, date(2026, 4, 3), "piccione")


def test_cancel_delete_and_minutes(workspace: Workspace) -> None:
    service = workspace.assemblies
    kept = service.plan(spring(), AGENDA)
    gone = service.plan(spring(first_call_date=date(2026, 5, 1), second_call_date=None), AGENDA)
    service.cancel(kept)
    assert service.get(kept).status == "annullata"
    with pytest.raises(Conflict):
        service.convene(kept, date(2026, 3, 1), ConvocationChannel.EMAIL)
    add_minutes(workspace, kept)
    with pytest.raises(Conflict, match="resta agli atti"):
        service.delete(kept)
    service.delete(gone)
    assert [a.id for a in service.list()] == [kept]


def test_gaps_leave_out_cancelled(workspace: Workspace) -> None:
    service = workspace.assemblies
    assert service.gaps(date(2026, 1, 1)) == [CalendarGap(None, None, 0)]
    service.plan(spring(first_call_date=date(2025, 1, 12), second_call_date=None), [])
    service.plan(spring(first_call_date=date(2025, 9, 30), second_call_date=None), [])
    middle = service.plan(spring(first_call_date=date(2025, 5, 1), second_call_date=None), [])
    assert service.gaps(date(2025, 12, 1)) == []
    service.cancel(middle)
    gaps = service.gaps(date(2025, 12, 1))
    assert [(g.after, g.before) for g in gaps] == [(date(2025, 1, 12), date(2025, 9, 30))]


def test_open_tasks_item(workspace: Workspace) -> None:
    service = workspace.assemblies
    assert service.open_tasks_item() is None
    rete = workspace.members.add(member_input())
    with session(workspace) as s:
        s.add(Task(member_id=rete, description="Preparare il bilancio", due_date=date(2026, 3, 1)))
        s.add(Task(member_id=rete, description="Sito web"))
        s.add(Task(member_id=rete, description="Fatto da tempo", status="fatto"))
        s.commit()
    item = service.open_tasks_item()
    assert item is not None
    assert item.title == "Verifica dei compiti assegnati"
    assert item.description.splitlines() == [
        "Cooperativa Sociale La Rete — Preparare il bilancio — entro il 01/03/2026",
        "Cooperativa Sociale La Rete — Sito web — senza scadenza",
    ]
