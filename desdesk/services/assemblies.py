"""The assembly calendar: planning, convening, cancelling assemblies and their agenda.

The district's assembly settings (`AssemblyRules`) are columns of the District row. The
rules themselves (second call, notice, the 6-month gaps) live in
`desdesk.domain.assembly_rules`; this service applies them to what is stored.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import delete, exists, select
from sqlmodel import Session

from desdesk.atomic import atomic_write
from desdesk.db.files import is_database_or_side_file
from desdesk.db.models import AgendaItem, Assembly, District, Member, Minutes, Task
from desdesk.domain.assembly_rules import (
    AssemblyRules,
    CalendarGap,
    convocation_warnings,
    second_call_problem,
    six_month_gaps,
)
from desdesk.domain.enums import AssemblyKind, AssemblyStatus, ConvocationChannel, TaskStatus
from desdesk.domain.errors import (
    Conflict,
    FieldProblem,
    NotFound,
    ValidationFailed,
    os_error_reason,
)
from desdesk.i18n import N_, _, format_date
from desdesk.schemas import AgendaItemInput, AssemblyInput, AssemblyRead
from desdesk.services.base import Service, SessionFactory
from desdesk.services.calendar_export import CalendarWriteError, ics_bytes
from desdesk.services.edit_counts import count_edit, refuse_stale

# Aliases for annotations inside AssembliesService, where `list` is the method.
Agenda = list[AgendaItemInput]
Messages = list[str]
Gaps = list[CalendarGap]

OPEN_TASKS_TITLE = N_("Verifica dei compiti assegnati")

# The columns that place an assembly in time: a held assembly keeps them as they were.
_SCHEDULE = ("first_call_date", "first_call_time", "second_call_date", "second_call_time")


def _moment(day: date, at: time | None) -> datetime:
    return datetime.combine(day, at or time(0, 0))


def clean_assembly(
    data: AssemblyInput, agenda: list[AgendaItemInput]
) -> tuple[AssemblyInput, list[AgendaItemInput]]:
    """The assembly and its agenda, trimmed; ValidationFailed naming each bad field."""
    problems: list[FieldProblem] = []
    if data.kind not in {kind.value for kind in AssemblyKind}:
        problems.append(FieldProblem("kind", _("Scegli il tipo di assemblea.")))
    if data.second_call_date is None and data.second_call_time is not None:
        problems.append(
            FieldProblem("second_call_date", _("Indica il giorno della seconda convocazione."))
        )
    elif data.second_call_date is not None:
        reason = second_call_problem(
            _moment(data.first_call_date, data.first_call_time),
            _moment(data.second_call_date, data.second_call_time),
        )
        if reason is not None:
            problems.append(FieldProblem("second_call_date", reason))
    for position, item in enumerate(agenda, start=1):
        if not item.title.strip():
            message = _("Il punto {n} dell'ordine del giorno non ha un titolo.")
            problems.append(FieldProblem("agenda", message.format(n=position)))
    if problems:
        raise ValidationFailed(problems)
    clean = replace(
        data,
        title=data.title.strip(),
        place=data.place.strip(),
        remote_link=data.remote_link.strip(),
        notes=data.notes.strip(),
    )
    items = [
        AgendaItemInput(
            title=item.title.strip(),
            description=item.description.strip(),
            proposer=item.proposer.strip(),
        )
        for item in agenda
    ]
    return clean, items


def _input_of(row: Assembly) -> AssemblyInput:
    return AssemblyInput(**{f.name: getattr(row, f.name) for f in fields(AssemblyInput)})


def _approved_minutes(assembly_id: int) -> object:
    return exists().where(Minutes.assembly_id == assembly_id, Minutes.approved_on.is_not(None))


class AssembliesService(Service):
    def __init__(self, sessions: SessionFactory, district_path: Path | None = None) -> None:
        super().__init__(sessions)
        self._district_path = district_path  # never overwritten by an export

    # -- settings -------------------------------------------------------------
    def rules(self) -> AssemblyRules:
        with self._reading() as session:
            district = _district(session)
            return AssemblyRules(
                **{f.name: getattr(district, f.name) for f in fields(AssemblyRules)}
            )

    def update_rules(self, rules: AssemblyRules) -> None:
        problems = rules.problems()
        if problems:
            raise ValidationFailed(problems)
        with self._unit_of_work() as session:
            district = _district(session)
            for f in fields(AssemblyRules):
                setattr(district, f.name, getattr(rules, f.name))

    def district_name(self) -> str:
        with self._reading() as session:
            return _district(session).name

    # -- reading --------------------------------------------------------------
    def list(self, year: int | None = None) -> list[AssemblyRead]:
        """The assemblies by first-call date (of one year, if given), without agenda."""
        # Without a time first (SQLite's NULL order, spelt out for PostgreSQL), then by id.
        query = select(Assembly).order_by(
            Assembly.first_call_date,
            Assembly.first_call_time.is_not(None),
            Assembly.first_call_time,
            Assembly.id,
        )
        if year is not None:
            query = query.where(
                Assembly.first_call_date >= date(year, 1, 1),
                Assembly.first_call_date <= date(year, 12, 31),
            )
        with self._reading() as session:
            rows = list(session.execute(query).scalars())
            approved = set(
                session.execute(
                    select(Minutes.assembly_id).where(Minutes.approved_on.is_not(None))
                ).scalars()
            )
        return [_read(row, row.id in approved) for row in rows]

    def get(self, assembly_id: int) -> AssemblyRead:
        with self._reading() as session:
            row = _assembly(session, assembly_id)
            approved = bool(session.execute(select(_approved_minutes(assembly_id))).scalar())
            items = session.execute(
                select(AgendaItem)
                .where(AgendaItem.assembly_id == assembly_id)
                .order_by(AgendaItem.position)
            ).scalars()
            agenda = tuple(
                AgendaItemInput(title=i.title, description=i.description, proposer=i.proposer)
                for i in items
            )
        return _read(row, approved, agenda)

    # -- planning -------------------------------------------------------------
    def plan(self, data: AssemblyInput, agenda: Agenda) -> int:
        clean, items = clean_assembly(data, agenda)
        with self._unit_of_work() as session:
            row = Assembly(**_values(clean), status=AssemblyStatus.PLANNED.value)
            session.add(row)
            session.flush()
            assert row.id is not None
            _replace_agenda(session, row.id, items)
            return row.id

    def update(
        self,
        assembly_id: int,
        data: AssemblyInput,
        agenda: Agenda,
        expected_version: int | None = None,
    ) -> None:
        """Replace the assembly's data and its whole agenda (in the given order) at once;
        `expected_version` is the edit count the form was opened with (ConcurrentEdit,
        nothing written, if someone saved the assembly or changed its status since)."""
        clean, items = clean_assembly(data, agenda)
        with self._unit_of_work() as session:
            row = _assembly(session, assembly_id)
            refuse_stale(session, row, "assembly", expected_version, _("questa assemblea"))
            _refuse_if_approved(session, assembly_id)
            if _held(row) and any(getattr(row, n) != getattr(clean, n) for n in _SCHEDULE):
                raise Conflict(
                    _(
                        "L'assemblea si è già svolta: non puoi cambiarne le date e gli orari di convocazione."
                    )
                )
            for name, value in _values(clean).items():
                setattr(row, name, value)
            count_edit(row, "title")  # a changed agenda alone is an edit too
            _replace_agenda(session, assembly_id, items)

    def convene(self, assembly_id: int, sent_on: date, via: ConvocationChannel | str) -> None:
        """Record that the convocation was sent, on which day and how."""
        try:
            channel = ConvocationChannel(via)
        except ValueError:
            raise ValidationFailed(
                [FieldProblem("via", _("Scegli come è stata inviata la convocazione."))]
            ) from None
        with self._unit_of_work() as session:
            row = _assembly(session, assembly_id)
            if row.status == AssemblyStatus.CANCELLED.value:
                raise Conflict(_("L'assemblea è annullata: non puoi convocarla."))
            if _held(row):
                raise Conflict(_("L'assemblea si è già svolta: non puoi convocarla di nuovo."))
            row.convened_on = sent_on
            row.convened_via = channel.value
            row.status = AssemblyStatus.CONVENED.value

    def warnings(self, assembly_id: int, today: date) -> Messages:
        """What deserves a second look before or after convening (never a refusal)."""
        assembly = self.get(assembly_id)
        if assembly.status in (AssemblyStatus.HELD.value, AssemblyStatus.CANCELLED.value):
            return []
        return self.draft_warnings(assembly.data, assembly.convened_on, today)

    def draft_warnings(self, data: AssemblyInput, sent_on: date | None, today: date) -> Messages:
        """The warnings of an assembly not saved yet (the dialog shows them before saving)."""
        return convocation_warnings(sent_on, data.first_call_date, self.rules(), today, new=True)

    def cancel(self, assembly_id: int) -> None:
        with self._unit_of_work() as session:
            row = _assembly(session, assembly_id)
            if _held(row):
                raise Conflict(_("L'assemblea si è già svolta: non puoi annullarla."))
            row.status = AssemblyStatus.CANCELLED.value

    def delete(self, assembly_id: int) -> None:
        with self._unit_of_work() as session:
            row = _assembly(session, assembly_id)
            has_minutes = session.execute(
                select(exists().where(Minutes.assembly_id == assembly_id))
            ).scalar()
            if has_minutes:
                raise Conflict(
                    _(
                        "L'assemblea ha un verbale e resta agli atti: non si può eliminare. "
                        "Un'assemblea non ancora svolta si può annullare."
                    )
                )
            session.delete(row)

    # -- calendar -------------------------------------------------------------
    def gaps(self, today: date) -> Gaps:
        """The stretches of more than 6 months without an assembly (cancelled ones aside)."""
        with self._reading() as session:
            days = session.execute(
                select(Assembly.first_call_date).where(
                    Assembly.status != AssemblyStatus.CANCELLED.value
                )
            ).scalars()
            return six_month_gaps(list(days), today)

    def open_tasks_item(self) -> AgendaItemInput | None:
        """The agenda item "Verifica dei compiti assegnati" listing the open tasks."""
        query = (
            select(Member.name, Task.description, Task.due_date)
            .join(Member, Member.id == Task.member_id)
            .where(Task.status == TaskStatus.OPEN.value)
            .order_by(Task.due_date.is_(None), Task.due_date, Member.name, Task.id)
        )
        with self._reading() as session:
            rows = session.execute(query).all()
        if not rows:
            return None
        lines = [
            "{member} — {what} — {due}".format(
                member=member,
                what=what,
                due=_("entro il {date}").format(date=format_date(due))
                if due
                else _("senza scadenza"),
            )
            for member, what, due in rows
        ]
        return AgendaItemInput(title=_(OPEN_TASKS_TITLE), description="\n".join(lines))

    def export_calendar(self, path: Path, year: int | None = None) -> int:
        """Write the assemblies (of `year`, if given) to an .ics file; returns the events."""
        assemblies = [self.get(a.id) for a in self.list(year)]
        with self._reading() as session:
            district = _district(session)
            name, district_uid = district.name, district.uid
        content = ics_bytes(assemblies, name, year, district_uid=district_uid)
        path = Path(path)
        if self._district_path is not None and is_database_or_side_file(path, self._district_path):
            raise CalendarWriteError(
                _("Il calendario non può sostituire il file del distretto: scegli un altro nome.")
            )
        try:
            with atomic_write(path) as handle:
                handle.write(content)
        except OSError as exc:
            raise CalendarWriteError(
                _("Non riesco a salvare {path}: {reason}").format(
                    path=path, reason=os_error_reason(exc)
                )
            ) from exc
        return len(assemblies)


def _district(session: Session) -> District:
    district = session.execute(select(District).order_by(District.id)).scalars().first()
    if district is None:
        raise NotFound(_("Il file non contiene i dati del distretto."))
    return district


def _assembly(session: Session, assembly_id: int) -> Assembly:
    row = session.get(Assembly, assembly_id)
    if row is None:
        raise NotFound(_("L'assemblea non esiste più."))
    return row


def _held(row: Assembly) -> bool:
    return row.status == AssemblyStatus.HELD.value or row.started_at is not None


def _refuse_if_approved(session: Session, assembly_id: int) -> None:
    if session.execute(select(_approved_minutes(assembly_id))).scalar():
        raise Conflict(
            _("Il verbale dell'assemblea è già approvato: l'assemblea non si può più modificare.")
        )


def _values(data: AssemblyInput) -> dict[str, object]:
    return {f.name: getattr(data, f.name) for f in fields(AssemblyInput)}


def _replace_agenda(session: Session, assembly_id: int, items: list[AgendaItemInput]) -> None:
    session.execute(delete(AgendaItem).where(AgendaItem.assembly_id == assembly_id))
    for position, item in enumerate(items, start=1):
        session.add(
            AgendaItem(
                assembly_id=assembly_id,
                position=position,
                title=item.title,
                description=item.description,
                proposer=item.proposer,
            )
        )


def _read(
    row: Assembly, minutes_approved: bool, agenda: tuple[AgendaItemInput, ...] = ()
) -> AssemblyRead:
    assert row.id is not None
    return AssemblyRead(
        id=row.id,
        data=_input_of(row),
        status=row.status,
        convened_on=row.convened_on,
        convened_via=row.convened_via,
        call_held=row.call_held,
        started_at=row.started_at,
        ended_at=row.ended_at,
        minutes_approved=minutes_approved,
        agenda=agenda,
        version=row.version,
    )
