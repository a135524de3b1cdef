"""Growth actions: what the district did to bring in new members (rule H10; the annual
report lists them). An action may name the member it brought in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desdesk.check_schemas import GrowthActionInput, GrowthActionRead
from desdesk.db.models import GrowthAction, Member
from desdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from desdesk.i18n import _
from desdesk.services.base import Service


def clean_action(session: Session, data: GrowthActionInput) -> GrowthActionInput:
    """The action with its text trimmed; refused without a day, a description, or with a
    member that does not exist."""
    problems: list[FieldProblem] = []
    if not isinstance(data.day, date):
        problems.append(FieldProblem("day", _("Indica la data dell'azione.")))
    if not data.description.strip():
        problems.append(FieldProblem("description", _("Scrivi che cosa è stato fatto.")))
    if data.member_id is not None and session.get(Member, data.member_id) is None:
        problems.append(FieldProblem("member_id", _("L'aderente scelto non esiste più.")))
    if problems:
        raise ValidationFailed(problems)
    return replace(data, description=data.description.strip(), outcome=data.outcome.strip())


def _missing() -> NotFound:
    return NotFound(_("L'azione per nuovi aderenti non esiste più."))


class GrowthService(Service):
    def actions(self, year: int | None = None) -> list[GrowthActionRead]:
        """The actions (of `year`, or all), newest first."""
        query = (
            select(GrowthAction, Member.name)
            .outerjoin(Member, Member.id == GrowthAction.member_id)
            .order_by(GrowthAction.day.desc(), GrowthAction.id.desc())  # type: ignore[attr-defined]
        )
        if year is not None:
            query = query.where(
                GrowthAction.day >= date(year, 1, 1),
                GrowthAction.day <= date(year, 12, 31),
            )
        with self._reading() as session:
            return [
                GrowthActionRead(
                    id=action.id or 0,
                    data=GrowthActionInput(
                        day=action.day,
                        description=action.description,
                        outcome=action.outcome,
                        member_id=action.member_id,
                    ),
                    member_name=name or "",
                )
                for action, name in session.execute(query)
            ]

    def add(self, data: GrowthActionInput) -> int:
        with self._unit_of_work() as session:
            clean = clean_action(session, data)
            action = GrowthAction(
                day=clean.day,
                description=clean.description,
                outcome=clean.outcome,
                member_id=clean.member_id,
            )
            session.add(action)
            session.flush()
            return action.id or 0

    def update(self, action_id: int, data: GrowthActionInput) -> None:
        with self._unit_of_work() as session:
            action = session.get(GrowthAction, action_id)
            if action is None:
                raise _missing()
            clean = clean_action(session, data)
            action.day = clean.day
            action.description = clean.description
            action.outcome = clean.outcome
            action.member_id = clean.member_id

    def delete(self, action_id: int) -> None:
        with self._unit_of_work() as session:
            action = session.get(GrowthAction, action_id)
            if action is None:
                raise _missing()
            session.delete(action)
