"""Tasks assigned to members, usually within an assembly's minutes (rule H4)."""

from __future__ import annotations

import builtins
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.models import Assembly, Member, Minutes, MinutesItem, Task
from desdesk.domain.assembly_rules import task_is_overdue
from desdesk.domain.enums import TaskStatus
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.i18n import _, format_date
from desdesk.schemas import TaskInput, TaskRead
from desdesk.services.base import Service
from desdesk.services.edit_counts import refuse_stale

# The status filter's extra value: open tasks past their due date.
OVERDUE = "in_ritardo"


def clean_task(session: Session, data: TaskInput) -> TaskInput:
    """The task with its text trimmed; refused if the member or the description is missing."""
    problems: list[FieldProblem] = []
    member = session.get(Member, data.member_id) if data.member_id else None
    if member is None:
        problems.append(FieldProblem("member_id", _("Scegli l'aderente a cui è assegnato.")))
    elif member.left_on is not None:
        problems.append(
            FieldProblem(
                "member_id",
                _("{name} è uscito dal distretto il {date}: scegli un aderente attivo.").format(
                    name=member.name, date=format_date(member.left_on)
                ),
            )
        )
    if not data.description.strip():
        problems.append(FieldProblem("description", _("Scrivi che cosa deve fare.")))
    if problems:
        raise ValidationFailed(problems)
    return replace(data, description=data.description.strip())


def _apply(task: Task, data: TaskInput) -> None:
    task.member_id = data.member_id
    task.description = data.description
    task.due_date = data.due_date
    task.assembly_id = data.assembly_id
    task.minutes_item_id = data.minutes_item_id


def _read(task: Task, member_name: str, today: date) -> TaskRead:
    assert task.id is not None
    return TaskRead(
        id=task.id,
        data=TaskInput(
            member_id=task.member_id,
            description=task.description,
            due_date=task.due_date,
            assembly_id=task.assembly_id,
            minutes_item_id=task.minutes_item_id,
        ),
        member_name=member_name,
        status=task.status,
        done_on=task.done_on,
        checked_assembly_id=task.checked_assembly_id,
        overdue=task_is_overdue(task.due_date, task.done_on, today),
        version=task.version,
    )


def _matches(row: TaskRead, status: str | None) -> bool:
    if status is None:
        return True
    if status == OVERDUE:
        return row.overdue
    return row.status == status


class TasksService(Service):
    def list(
        self, member_id: int | None = None, status: str | None = None, today: date | None = None
    ) -> builtins.list[TaskRead]:
        """Tasks by due date (those without one last); `status` is a TaskStatus value or
        "in_ritardo" for the open tasks past their due date."""
        today = today or date.today()
        query = select(Task, Member.name).join(Member, Member.id == Task.member_id)
        if member_id is not None:
            query = query.where(Task.member_id == member_id)
        with self._reading() as session:
            rows = [_read(task, name, today) for task, name in session.execute(query)]
        rows = [row for row in rows if _matches(row, status)]
        return sorted(rows, key=lambda r: (r.data.due_date or date.max, r.id))

    def get(self, task_id: int, today: date | None = None) -> TaskRead:
        with self._reading() as session:
            task = self._load(session, task_id)
            member = session.get(Member, task.member_id)
            return _read(task, member.name if member else "", today or date.today())

    def for_minutes_item(self, item_id: int) -> builtins.list[TaskRead]:
        today = date.today()
        query = (
            select(Task, Member.name)
            .join(Member, Member.id == Task.member_id)
            .where(Task.minutes_item_id == item_id)
            .order_by(Task.id)
        )
        with self._reading() as session:
            return [_read(task, name, today) for task, name in session.execute(query)]

    def add(self, data: TaskInput) -> int:
        with self._unit_of_work() as session:
            clean = clean_task(session, data)
            task = Task(member_id=clean.member_id, description=clean.description)
            _apply(task, clean)
            session.add(task)
            session.flush()
            assert task.id is not None
            return task.id

    def update(self, task_id: int, data: TaskInput, expected_version: int | None = None) -> None:
        """Refused for a task of approved minutes (marking it done or reopening it is not),
        and (ConcurrentEdit) if saved by someone else since the form read `expected_version`."""
        with self._unit_of_work() as session:
            task = self._load(session, task_id)
            refuse_stale(session, task, "task", expected_version, _("questo compito"))
            _refuse_approved(session, task, _("correggi il verbale con una nuova revisione."))
            current = session.get(Member, task.member_id)
            same_member = data.member_id == task.member_id and current is not None
            if same_member and current is not None and current.left_on is not None:
                # A former member keeps the tasks it had: only a change of member is checked.
                data = replace(data, member_id=task.member_id)
                _apply(task, _clean_description(data))
                return
            _apply(task, clean_task(session, data))

    def mark_done(self, task_id: int, on: date, checked_assembly_id: int | None = None) -> None:
        with self._unit_of_work() as session:
            task = self._load(session, task_id)
            if on > date.today():
                message = _("La data in cui è stato fatto ({date}) è nel futuro.")
                raise ValidationFailed(
                    [FieldProblem("done_on", message.format(date=format_date(on)))]
                )
            if (
                checked_assembly_id is not None
                and session.get(Assembly, checked_assembly_id) is None
            ):
                raise NotFound(_("L'assemblea indicata non esiste più."))
            task.status = TaskStatus.DONE.value
            task.done_on = on
            task.checked_assembly_id = checked_assembly_id

    def reopen(self, task_id: int) -> None:
        with self._unit_of_work() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.OPEN.value
            task.done_on = None
            task.checked_assembly_id = None

    def delete(self, task_id: int) -> None:
        """Refused for a task of approved minutes."""
        with self._unit_of_work() as session:
            task = self._load(session, task_id)
            _refuse_approved(session, task, _("non si può eliminare."))
            session.delete(task)

    def assembly_choices(self) -> builtins.list[tuple[int, str]]:
        """(id, "10/03/2026 – title") of the assemblies, latest first: where a task was
        assigned or checked."""
        query = select(Assembly.id, Assembly.first_call_date, Assembly.title).order_by(
            Assembly.first_call_date.desc(),  # type: ignore[attr-defined]
            Assembly.id.desc(),
        )
        with self._reading() as session:
            return [
                (i, f"{format_date(day)} – {title}" if title else format_date(day))
                for i, day, title in session.execute(query)
            ]

    @staticmethod
    def _load(session: Session, task_id: int) -> Task:
        task = session.get(Task, task_id)
        if task is None:
            raise NotFound(_("Il compito non esiste più."))
        return task


def _refuse_approved(session: Session, task: Task, what_instead: str) -> None:
    if task.minutes_item_id is None:
        return
    query = (
        select(Minutes.approved_on)
        .join(MinutesItem, MinutesItem.minutes_id == Minutes.id)
        .where(MinutesItem.id == task.minutes_item_id)
    )
    approved_on = session.execute(query).scalar()
    if approved_on is not None:
        raise Conflict(
            _("Il compito fa parte di un verbale approvato: {what}").format(what=what_instead)
        )


def _clean_description(data: TaskInput) -> TaskInput:
    if not data.description.strip():
        raise ValidationFailed([FieldProblem("description", _("Scrivi che cosa deve fare."))])
    return replace(data, description=data.description.strip())
