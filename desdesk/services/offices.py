"""District offices (coordinator, external referent, treasurer...) and their terms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlmodel import Session

from desdesk.db.models import Member, Office
from desdesk.domain.enums import OfficeKind
from desdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from desdesk.i18n import _
from desdesk.schemas import OfficeInput, OfficeRead
from desdesk.services.base import Service

# Offices held by one person at a time: naming a new holder ends the current term.
SINGLE_HOLDER = frozenset(
    {
        OfficeKind.COORDINATOR,
        OfficeKind.EXTERNAL_REFERENT,
        OfficeKind.TREASURER,
        OfficeKind.SECRETARY,
    }
)


def clean_office(data: OfficeInput) -> OfficeInput:
    problems: list[FieldProblem] = []
    try:
        kind = OfficeKind(data.kind)
    except ValueError:
        problems.append(FieldProblem("kind", _("Scegli la carica.")))
        kind = OfficeKind.OTHER
    if not data.person_name.strip():
        problems.append(FieldProblem("person_name", _("Indica chi ricopre la carica.")))
    if kind is OfficeKind.OTHER and not data.title.strip():
        problems.append(FieldProblem("title", _("Per “Altra carica” scrivi il nome della carica.")))
    if data.end_date and data.end_date < data.start_date:
        problems.append(FieldProblem("end_date", _("La fine del mandato è precedente all'inizio.")))
    if problems:
        raise ValidationFailed(problems)
    return replace(
        data,
        person_name=data.person_name.strip(),
        title=data.title.strip(),
        notes=data.notes.strip(),
    )


def _read(office: Office, member_name: str | None) -> OfficeRead:
    assert office.id is not None
    return OfficeRead(
        id=office.id,
        kind=office.kind,
        title=office.title,
        person_name=office.person_name,
        member_id=office.member_id,
        member_name=member_name or "",
        start_date=office.start_date,
        end_date=office.end_date,
        notes=office.notes,
    )


class OfficesService(Service):
    def terms(self, include_past: bool = True, on: date | None = None) -> list[OfficeRead]:
        """Offices in kind order, current terms first within each kind."""
        on = on or date.today()
        query = select(Office, Member.name).outerjoin(Member, Member.id == Office.member_id)
        if not include_past:
            query = query.where(or_(Office.end_date.is_(None), Office.end_date >= on))
        with self._reading() as session:
            rows = [_read(o, name) for o, name in session.execute(query)]
        order = {kind.value: i for i, kind in enumerate(OfficeKind)}
        return sorted(
            rows,
            key=lambda r: (order.get(r.kind, 99), not r.current, -r.start_date.toordinal()),
        )

    def current_holders(self, kind: OfficeKind, on: date | None = None) -> list[OfficeRead]:
        on = on or date.today()
        return [
            r
            for r in self.terms(include_past=False, on=on)
            if r.kind == kind.value and r.start_date <= on
        ]

    def assign(self, data: OfficeInput) -> int:
        """Give an office to a person; for single-holder offices the current term ends the day before."""
        clean = clean_office(data)
        with self._unit_of_work() as session:
            self._check_member(session, clean.member_id)
            if OfficeKind(clean.kind) in SINGLE_HOLDER:
                self._end_current(session, clean.kind, clean.start_date)
            office = Office(
                **{name: getattr(clean, name) for name in OfficeInput.__dataclass_fields__}
            )
            session.add(office)
            session.flush()
            assert office.id is not None
            return office.id

    def update(self, office_id: int, data: OfficeInput) -> None:
        clean = clean_office(data)
        with self._unit_of_work() as session:
            office = self._load(session, office_id)
            self._check_member(session, clean.member_id)
            for name in OfficeInput.__dataclass_fields__:
                setattr(office, name, getattr(clean, name))

    def end_term(self, office_id: int, on: date) -> None:
        with self._unit_of_work() as session:
            office = self._load(session, office_id)
            if on < office.start_date:
                raise ValidationFailed(
                    [FieldProblem("end_date", _("La fine del mandato è precedente all'inizio."))]
                )
            office.end_date = on

    def delete(self, office_id: int) -> None:
        """Remove a term entered by mistake (the UI asks first)."""
        with self._unit_of_work() as session:
            session.delete(self._load(session, office_id))

    @staticmethod
    def _end_current(session: Session, kind: str, start: date) -> None:
        query = select(Office).where(
            Office.kind == kind,
            or_(Office.end_date.is_(None), Office.end_date >= start),
            Office.start_date < start,
        )
        for office in session.execute(query).scalars():
            office.end_date = start - timedelta(days=1)

    @staticmethod
    def _check_member(session: Session, member_id: int | None) -> None:
        if member_id is not None and session.get(Member, member_id) is None:
            raise ValidationFailed(
                [FieldProblem("member_id", _("L'aderente scelto non esiste più."))]
            )

    @staticmethod
    def _load(session: Session, office_id: int) -> Office:
        office = session.get(Office, office_id)
        if office is None:
            raise NotFound(_("La carica non esiste più."))
        return office
