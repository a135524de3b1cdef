"""The tasks assigned within an assembly's minutes, saved with the minutes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.models import MinutesItem, Task
from desdesk.domain.errors import FieldProblem, ValidationFailed
from desdesk.schemas import TaskInput
from desdesk.services.tasks import clean_task


@dataclass(slots=True)
class ItemTask:
    """A task typed in a minutes item; `id` is an existing task, kept with its status."""

    member_id: int
    description: str
    due_date: date | None = None
    id: int | None = None


def _item_task_problems(
    session: Session, index: int, tasks: Sequence[ItemTask]
) -> list[FieldProblem]:
    problems = []
    for number, task in enumerate(tasks):
        stored = session.get(Task, task.id) if task.id is not None else None
        if stored is not None and stored.member_id == task.member_id and task.description.strip():
            continue  # a kept task of a member that has left since stays valid
        try:
            clean_task(session, TaskInput(task.member_id, task.description, task.due_date))
        except ValidationFailed as exc:
            prefix = f"items.{index}.tasks.{number}."
            problems += [FieldProblem(prefix + p.field, p.message) for p in exc.problems]
    return problems


def task_problems(session: Session, tasks: Sequence[Sequence[ItemTask]]) -> list[FieldProblem]:
    """What is wrong with the tasks typed, per item ("items.<n>.tasks.<m>.<field>")."""
    return [p for i, typed in enumerate(tasks) for p in _item_task_problems(session, i, typed)]


def write_item_tasks(
    session: Session,
    assembly_id: int,
    rows: list[MinutesItem],
    tasks: Sequence[Sequence[ItemTask]],
) -> None:
    """Make each item's tasks those typed (already checked with `task_problems`)."""
    for row, item_tasks in zip(rows, tasks, strict=False):
        existing = {
            t.id: t
            for t in session.execute(select(Task).where(Task.minutes_item_id == row.id)).scalars()
        }
        for typed in item_tasks:
            task = existing.pop(typed.id, None) if typed.id is not None else None
            if task is None:
                task = Task(member_id=typed.member_id, description="", minutes_item_id=row.id)
                task.assembly_id = assembly_id
                session.add(task)
            task.member_id = typed.member_id
            task.description = typed.description.strip()
            task.due_date = typed.due_date
        for stale in existing.values():
            session.delete(stale)
