"""District offices (coordinator, external referent, treasurer...) and their terms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlmodel import Session

from desdesk.db.models import Member, Office
from desdesk.domain.enums import OfficeKind
from desdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from desdesk.i18n import _, format_date
from desdesk.schemas import OfficeInput, OfficeRead
from desdesk.services.base import Service, check_version, last_editor, one_at_a_time

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


# The columns an OfficeRead needs, in its field order: a row becomes one without the ORM.
_READ_COLUMNS = (
    Office.id,
    Office.kind,
    Office.title,
    Office.person_name,
    Office.member_id,
    func.coalesce(Member.name, ""),
    Office.start_date,
    Office.end_date,
    Office.notes,
    Office.version,
)


def _running(end: date | None) -> bool:
    """A term with no end, or one that ends today or later: it can still be replaced."""
    return end is None or end >= date.today()


def _overlaps(term: Office, start: date, end: date | None) -> bool:
    return term.start_date <= (end or date.max) and start <= (term.end_date or date.max)


def _terms_of_kind(session: Session, kind: str, exclude_id: int | None = None) -> list[Office]:
    """The terms of one office, oldest first (a few dozen at most)."""
    query = select(Office).where(Office.kind == kind).order_by(Office.start_date, Office.id)
    if exclude_id is not None:
        query = query.where(Office.id != exclude_id)
    return list(session.execute(query).scalars())


def _make_room(session: Session, new: OfficeInput) -> None:
    """Before adding a term of a single-holder office: refuse a second term from the same
    day; a running term ends the sitting holder's the day before; refuse any other overlap."""
    others = _terms_of_kind(session, new.kind)
    same_day = next((term for term in others if term.start_date == new.start_date), None)
    if same_day is not None:
        message = _(
            "C'è già un {office} dal {date}: correggi quel mandato invece di aggiungerne un altro."
        ).format(office=OfficeKind(new.kind).label().lower(), date=format_date(new.start_date))
        raise ValidationFailed([FieldProblem("start_date", message)])
    if _running(new.end_date):
        for term in others:
            sitting = term.start_date < new.start_date and _running(term.end_date)
            if sitting and _overlaps(term, new.start_date, new.end_date):
                term.end_date = new.start_date - timedelta(days=1)
    _refuse_overlap(new, others)


def _refuse_overlap(new: OfficeInput, others: list[Office]) -> None:
    """Refuse `new` if it shares a day with one of `others`, naming the earliest such term."""
    clash = next((t for t in others if _overlaps(t, new.start_date, new.end_date)), None)
    if clash is None:
        return
    field = "end_date" if clash.start_date > new.start_date else "start_date"
    raise ValidationFailed([FieldProblem(field, _overlap_message(clash))])


def _overlap_message(term: Office) -> str:
    if term.end_date is None:
        text = _(
            "Questo mandato si sovrappone a quello di {person} ({office} dal {start}, "
            "senza data di fine): la carica ha un solo titolare alla volta."
        )
    else:
        text = _(
            "Questo mandato si sovrappone a quello di {person} ({office} dal {start} "
            "al {end}): la carica ha un solo titolare alla volta."
        )
    return text.format(
        person=term.person_name,
        office=OfficeKind(term.kind).label(),
        start=format_date(term.start_date),
        end=format_date(term.end_date),
    )


class OfficesService(Service):
    def terms(self, include_past: bool = True, on: date | None = None) -> list[OfficeRead]:
        """Offices in kind order, current terms first within each kind."""
        on = on or date.today()
        query = select(*_READ_COLUMNS).outerjoin(Member, Member.id == Office.member_id)
        if not include_past:
            query = query.where(or_(Office.end_date.is_(None), Office.end_date >= on))
        with self._reading() as session:
            rows = [OfficeRead(*row) for row in session.execute(query)]
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
        """Give an office to a person.

        For a single-holder office, a term still running (no end, or an end from today on)
        ends the sitting holder's term the day before it starts; any other overlap with a
        term of the same office, and a second term from the same day, is refused.
        """
        clean = clean_office(data)
        with self._unit_of_work() as session:
            self._check_member(session, clean.member_id)
            if OfficeKind(clean.kind) in SINGLE_HOLDER:
                one_at_a_time(session, f"office:{clean.kind}")  # checked, then written
                _make_room(session, clean)
            office = Office(
                **{name: getattr(clean, name) for name in OfficeInput.__dataclass_fields__}
            )
            session.add(office)
            session.flush()
            assert office.id is not None
            return office.id

    def update(
        self, office_id: int, data: OfficeInput, expected_version: int | None = None
    ) -> None:
        """Save a term's fields (ConcurrentEdit if it was saved since `expected_version`)."""
        clean = clean_office(data)
        with self._unit_of_work() as session:
            office = self._load(session, office_id)
            if expected_version is not None and office.version != expected_version:
                by = last_editor(session, "office", office_id)
                check_version(office.version, expected_version, _("questa carica"), by)
            self._check_member(session, clean.member_id)
            if OfficeKind(clean.kind) in SINGLE_HOLDER:
                one_at_a_time(session, f"office:{clean.kind}")
                _refuse_overlap(clean, _terms_of_kind(session, clean.kind, exclude_id=office_id))
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
