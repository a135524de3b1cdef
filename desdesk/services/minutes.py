"""The minutes of an assembly: revisions, items with votes, approval and corrections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, time

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.models import (
    AgendaItem,
    Assembly,
    Minutes,
    MinutesItem,
    Task,
)
from desdesk.domain.assembly_rules import (
    AttendanceCount,
    QuorumState,
    required_majority_problem,
    vote_problems,
)
from desdesk.domain.enums import AssemblyStatus, Call, ConvocationChannel
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.i18n import _, format_date
from desdesk.schemas import MinutesInput, MinutesItemInput, MinutesRead
from desdesk.services.base import Service
from desdesk.services.edit_counts import count_edit, refuse_stale
from desdesk.services.minutes_snapshot import (
    approval_problems,
    is_deserted,
    live_attendance,
    minutes_attendance,
    read_snapshot,
    take_snapshot,
)
from desdesk.services.minutes_tasks import ItemTask, task_problems, write_item_tasks


@dataclass(frozen=True, slots=True)
class MinutesHeading:
    """What the minutes show of the assembly itself, read-only."""

    kind: str
    first_call_date: date
    first_call_time: time | None
    second_call_date: date | None
    second_call_time: time | None
    place: str
    call_held: str | None


_ITEM_COLUMNS = (
    "title",
    "discussion",
    "resolution",
    "votes_for",
    "votes_against",
    "votes_abstained",
    "required_majority_percent",
)


def how_convened_text(sent_on: date | None, channel: str | None) -> str:
    """The minutes' "how convened" line, e.g. "Convocazione inviata il 16/11/2026 via PEC."."""
    if sent_on is None:
        return ""
    if channel is None:
        return _("Convocazione inviata il {date}.").format(date=format_date(sent_on))
    return _("Convocazione inviata il {date} tramite {channel}.").format(
        date=format_date(sent_on), channel=ConvocationChannel(channel).label()
    )


def _refuse_not_held(assembly: Assembly) -> None:
    if assembly.status == AssemblyStatus.CANCELLED.value:
        raise Conflict(_("L'assemblea è annullata: non ha un verbale."))
    if assembly.first_call_date > date.today():
        raise Conflict(
            _("L'assemblea è fissata il {date}: il verbale si scrive dopo che si è tenuta.").format(
                date=format_date(assembly.first_call_date)
            )
        )


def _item_problems(index: int, item: MinutesItemInput, voters: int) -> list[FieldProblem]:
    prefix = f"items.{index}."
    problems: list[FieldProblem] = []
    if not item.title.strip():
        problems.append(FieldProblem(prefix + "title", _("Scrivi il titolo del punto.")))
    votes = (item.votes_for, item.votes_against, item.votes_abstained)
    if any(v is not None for v in votes):
        in_favour, against, abstained = (v or 0 for v in votes)
        for problem in vote_problems(in_favour, against, abstained, voters):
            problems.append(FieldProblem(prefix + problem.field, problem.message))
    majority = required_majority_problem(item.required_majority_percent)
    if majority is not None:
        problems.append(FieldProblem(prefix + "required_majority_percent", majority))
    return problems


def _clean_input(data: MinutesInput) -> MinutesInput:
    items = [
        replace(
            item,
            title=item.title.strip(),
            discussion=item.discussion.strip(),
            resolution=item.resolution.strip(),
        )
        for item in data.items
    ]
    return replace(
        data,
        president=data.president.strip(),
        secretary=data.secretary.strip(),
        how_convened=data.how_convened.strip(),
        opening_notes=data.opening_notes.strip(),
        closing_notes=data.closing_notes.strip(),
        items=items,
    )


def _items(session: Session, minutes_id: int) -> list[MinutesItem]:
    query = (
        select(MinutesItem)
        .where(MinutesItem.minutes_id == minutes_id)
        .order_by(MinutesItem.position)
    )
    return list(session.execute(query).scalars())


def _read(session: Session, minutes: Minutes) -> MinutesRead:
    assert minutes.id is not None
    items = _items(session, minutes.id)
    data = MinutesInput(
        president=minutes.president,
        secretary=minutes.secretary,
        how_convened=minutes.how_convened,
        opening_notes=minutes.opening_notes,
        closing_notes=minutes.closing_notes,
        items=[
            MinutesItemInput(**{name: getattr(item, name) for name in _ITEM_COLUMNS})
            for item in items
        ],
    )
    return MinutesRead(
        id=minutes.id,
        assembly_id=minutes.assembly_id,
        revision=minutes.revision,
        previous_id=minutes.previous_id,
        correction_reason=minutes.correction_reason,
        call_held=minutes.call_held,
        deserted=minutes.deserted,
        approved_on=minutes.approved_on,
        data=data,
        item_ids=tuple(item.id for item in items if item.id is not None),
        snapshot=read_snapshot(minutes.snapshot),
        version=minutes.version,
    )


def _write(session: Session, minutes: Minutes, data: MinutesInput) -> list[MinutesItem]:
    """Put `data` in `minutes`, keeping item rows by position so their tasks stay linked."""
    assert minutes.id is not None
    for name in ("president", "secretary", "how_convened", "opening_notes", "closing_notes"):
        setattr(minutes, name, getattr(data, name))
    rows = _items(session, minutes.id)
    for extra in rows[len(data.items) :]:
        session.delete(extra)
    kept = rows[: len(data.items)]
    for position, item in enumerate(data.items, start=1):
        if position <= len(kept):
            row = kept[position - 1]
        else:
            row = MinutesItem(minutes_id=minutes.id, position=position, title=item.title)
            session.add(row)
            kept.append(row)
        row.position = position
        for name in _ITEM_COLUMNS:
            setattr(row, name, getattr(item, name))
    session.flush()
    return kept


class MinutesService(Service):
    def current(self, assembly_id: int) -> MinutesRead | None:
        """The latest revision of the assembly's minutes, or None if none was written."""
        with self._reading() as session:
            minutes = self._latest(session, assembly_id)
            return _read(session, minutes) if minutes is not None else None

    def revisions(self, assembly_id: int) -> list[MinutesRead]:
        """Every revision, the first one first."""
        query = select(Minutes).where(Minutes.assembly_id == assembly_id).order_by(Minutes.revision)
        with self._reading() as session:
            return [_read(session, m) for m in session.execute(query).scalars()]

    def get(self, minutes_id: int) -> MinutesRead:
        with self._reading() as session:
            return _read(session, self._load(session, minutes_id))

    def draft(self, assembly_id: int) -> int:
        """The latest revision's id; creates revision 1 from the assembly if there is none
        (refused for a cancelled assembly or one whose day has not come)."""
        with self._unit_of_work() as session:
            existing = self._latest(session, assembly_id)
            if existing is not None:
                assert existing.id is not None
                return existing.id
            assembly = self._assembly(session, assembly_id)
            _refuse_not_held(assembly)
            deserted = is_deserted(session, assembly)
            minutes = Minutes(
                assembly_id=assembly_id,
                call_held=assembly.call_held or Call.FIRST.value,
                deserted=deserted,
            )
            session.add(minutes)
            session.flush()
            assert minutes.id is not None
            agenda = session.execute(
                select(AgendaItem.title)
                .where(AgendaItem.assembly_id == assembly_id)
                .order_by(AgendaItem.position)
            ).scalars()
            data = MinutesInput(
                how_convened=how_convened_text(assembly.convened_on, assembly.convened_via),
                items=[] if deserted else [MinutesItemInput(title=t) for t in agenda],
            )
            _write(session, minutes, data)
            return minutes.id

    def save(
        self,
        minutes_id: int,
        data: MinutesInput,
        tasks: Sequence[Sequence[ItemTask]] | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Replace the minutes' text and items; refused if approved or if votes are wrong,
        or (ConcurrentEdit) if saved by someone else since the form read `expected_version`.

        With `tasks` (one list per item) each item's tasks become those, in the same
        transaction: listed ids are updated, the item's other tasks deleted, new ones added.
        """
        with self._unit_of_work() as session:
            minutes = self._load(session, minutes_id)
            refuse_stale(session, minutes, "minutes", expected_version, _("questo verbale"))
            self._refuse_approved(minutes)
            clean = _clean_input(data)
            voters = live_attendance(session, minutes.assembly_id)[0].voters
            problems = [
                problem
                for index, item in enumerate(clean.items)
                for problem in _item_problems(index, item, voters)
            ]
            if tasks is not None:
                problems += task_problems(session, tasks)
            if problems:
                raise ValidationFailed(problems)
            assembly = self._assembly(session, minutes.assembly_id)
            minutes.call_held = assembly.call_held or Call.FIRST.value
            minutes.deserted = is_deserted(session, assembly)  # the roll call may have changed
            count_edit(minutes, "president")  # changed items alone are an edit too
            rows = _write(session, minutes, clean)
            if tasks is not None:
                write_item_tasks(session, minutes.assembly_id, rows, tasks)

    def attendance(self, minutes_id: int) -> tuple[AttendanceCount, QuorumState]:
        """The counts and quorum the minutes show: frozen at approval, live before."""
        with self._reading() as session:
            minutes = self._load(session, minutes_id)
            assembly = self._assembly(session, minutes.assembly_id)
            return minutes_attendance(session, minutes, assembly)

    def heading(self, assembly_id: int) -> MinutesHeading:
        with self._reading() as session:
            a = self._assembly(session, assembly_id)
            return MinutesHeading(
                a.kind,
                a.first_call_date,
                a.first_call_time,
                a.second_call_date,
                a.second_call_time,
                a.place,
                a.call_held,
            )

    def approval_warnings(self, minutes_id: int) -> list[str]:
        """What looks incomplete before approving (approval is still allowed)."""
        minutes = self.get(minutes_id)
        return [
            _("Il punto {n} «{title}» ha una delibera ma non i voti.").format(
                n=index, title=item.title
            )
            for index, item in enumerate(minutes.data.items, start=1)
            if item.resolution and item.votes_for is None
        ]

    def approve(self, minutes_id: int, on: date) -> None:
        """Approve the revision on `on`: from then on it is frozen, with a snapshot of the
        attendance, quorum, foglio presenze and tasks. Refused for a date before the
        assembly or votes that no longer fit the roll call."""
        with self._unit_of_work() as session:
            minutes = self._load(session, minutes_id)
            if minutes.approved_on is not None:
                raise Conflict(
                    _("Il verbale è già stato approvato il {date}.").format(
                        date=format_date(minutes.approved_on)
                    )
                )
            if on > date.today():
                message = _("La data di approvazione ({date}) è nel futuro.")
                raise ValidationFailed(
                    [FieldProblem("approved_on", message.format(date=format_date(on)))]
                )
            items = _items(session, minutes_id)
            problems = approval_problems(session, minutes, items, on)
            if problems:
                raise ValidationFailed(problems)
            minutes.snapshot = take_snapshot(session, minutes, items)
            minutes.approved_on = on

    def new_revision(self, minutes_id: int, reason: str) -> int:
        """A correction of an approved revision: a copy that cites it, to be edited.

        The tasks of the copied items move to the new revision, where they can be
        corrected too; the approved revision still lists them as they were, from the
        snapshot taken at its approval (so a task is never duplicated in the tasks list).
        """
        if not reason.strip():
            raise ValidationFailed(
                [FieldProblem("correction_reason", _("Spiega che cosa va corretto e perché."))]
            )
        with self._unit_of_work() as session:
            previous = self._load(session, minutes_id)
            if previous.approved_on is None:
                raise Conflict(
                    _("Il verbale non è ancora approvato: puoi correggerlo direttamente.")
                )
            latest = self._latest(session, previous.assembly_id)
            if latest is not None and latest.id != previous.id:
                raise Conflict(
                    _("Esiste già una revisione successiva: correggi l'ultima revisione.")
                )
            copy = Minutes(
                assembly_id=previous.assembly_id,
                revision=previous.revision + 1,
                previous_id=previous.id,
                correction_reason=reason.strip(),
                call_held=previous.call_held,
                deserted=previous.deserted,
            )
            old_items = _items(session, minutes_id)
            if previous.snapshot is None:  # approved before snapshots existed: freeze it now
                previous.snapshot = take_snapshot(session, previous, old_items)
            session.add(copy)
            session.flush()
            new_items = _write(session, copy, _read(session, previous).data)
            for old, new in zip(old_items, new_items, strict=True):
                tasks = session.execute(select(Task).where(Task.minutes_item_id == old.id))
                for task in tasks.scalars():
                    task.minutes_item_id = new.id
            assert copy.id is not None
            return copy.id

    @staticmethod
    def _refuse_approved(minutes: Minutes) -> None:
        if minutes.approved_on is not None:
            raise Conflict(_("Il verbale è approvato: per correggerlo crea una nuova revisione."))

    @staticmethod
    def _latest(session: Session, assembly_id: int) -> Minutes | None:
        query = (
            select(Minutes)
            .where(Minutes.assembly_id == assembly_id)
            .order_by(Minutes.revision.desc())  # type: ignore[attr-defined]
            .limit(1)
        )
        return session.execute(query).scalars().first()

    @staticmethod
    def _load(session: Session, minutes_id: int) -> Minutes:
        minutes = session.get(Minutes, minutes_id)
        if minutes is None:
            raise NotFound(_("Il verbale non esiste più."))
        return minutes

    @staticmethod
    def _assembly(session: Session, assembly_id: int) -> Assembly:
        assembly = session.get(Assembly, assembly_id)
        if assembly is None:
            raise NotFound(_("L'assemblea non esiste più."))
        return assembly
