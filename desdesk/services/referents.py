"""Each member's primary referent and substitute, with the history of who held the role."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.models import Member, Referent
from desdesk.domain import values
from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import FieldProblem, InvalidValue, NotFound, ValidationFailed
from desdesk.i18n import _
from desdesk.schemas import ReferentInput, ReferentRead
from desdesk.services.base import Service


def clean_referent(data: ReferentInput) -> ReferentInput:
    """Validate a referent: name and surname required, contacts checked when given."""
    problems: list[FieldProblem] = []
    if not data.first_name.strip():
        problems.append(FieldProblem("first_name", _("Il nome è obbligatorio.")))
    if not data.last_name.strip():
        problems.append(FieldProblem("last_name", _("Il cognome è obbligatorio.")))
    email, phone = data.email.strip(), data.phone.strip()
    try:
        email = values.normalize_email(email) if email else ""
    except InvalidValue as exc:
        problems.append(FieldProblem("email", exc.message))
    try:
        phone = values.normalize_phone(phone) if phone else ""
    except InvalidValue as exc:
        problems.append(FieldProblem("phone", exc.message))
    if problems:
        raise ValidationFailed(problems)
    return replace(
        data,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=email,
        phone=phone,
        role=data.role.strip(),
    )


def _read(referent: Referent, member: Member) -> ReferentRead:
    assert referent.id is not None
    return ReferentRead(
        id=referent.id,
        member_id=referent.member_id,
        member_name=member.name,
        kind=referent.kind,
        first_name=referent.first_name,
        last_name=referent.last_name,
        email=referent.email,
        phone=referent.phone,
        role=referent.role,
        start_date=referent.start_date,
        end_date=referent.end_date,
        member_active=member.left_on is None,
    )


class ReferentsService(Service):
    def current(self, member_id: int) -> dict[ReferentKind, ReferentRead]:
        return {ReferentKind(r.kind): r for r in self.history(member_id) if r.end_date is None}

    def history(self, member_id: int) -> list[ReferentRead]:
        """All referents the member ever had, current first, then newest ended first."""
        query = (
            select(Referent, Member)
            .join(Member, Member.id == Referent.member_id)
            .where(Referent.member_id == member_id)
        )
        with self._reading() as session:
            rows = [_read(r, m) for r, m in session.execute(query)]
        return sorted(
            rows, key=lambda r: (r.end_date is not None, -(r.end_date or date.min).toordinal())
        )

    def list_all(self, include_past: bool = False) -> list[ReferentRead]:
        query = select(Referent, Member).join(Member, Member.id == Referent.member_id)
        if not include_past:
            query = query.where(Referent.end_date.is_(None))
        query = query.order_by(Member.name, Referent.kind, Referent.end_date)
        with self._reading() as session:
            return [_read(r, m) for r, m in session.execute(query)]

    def set_referent(
        self, member_id: int, kind: ReferentKind, data: ReferentInput, *, since: date | None = None
    ) -> int:
        """Name a new referent of `kind`; the previous one is kept with end date `since`."""
        clean = clean_referent(data)
        since = since or clean.start_date or date.today()
        with self._unit_of_work() as session:
            self._member(session, member_id)
            previous = self._current(session, member_id, kind)
            if previous is not None:
                if previous.start_date and since < previous.start_date:
                    raise ValidationFailed(
                        [
                            FieldProblem(
                                "start_date",
                                _(
                                    "La data di sostituzione è precedente all'inizio del referente attuale."
                                ),
                            )
                        ]
                    )
                previous.end_date = since
                session.flush()
            referent = Referent(
                member_id=member_id,
                kind=kind.value,
                first_name=clean.first_name,
                last_name=clean.last_name,
                email=clean.email,
                phone=clean.phone,
                role=clean.role,
                start_date=since,
            )
            session.add(referent)
            session.flush()
            assert referent.id is not None
            return referent.id

    def correct(self, referent_id: int, data: ReferentInput) -> None:
        """Fix a typo in a referent's data without starting a new term."""
        clean = clean_referent(data)
        with self._unit_of_work() as session:
            referent = session.get(Referent, referent_id)
            if referent is None:
                raise NotFound(_("Il referente non esiste più."))
            referent.first_name = clean.first_name
            referent.last_name = clean.last_name
            referent.email = clean.email
            referent.phone = clean.phone
            referent.role = clean.role
            if clean.start_date:
                referent.start_date = clean.start_date

    def end(self, member_id: int, kind: ReferentKind, on: date) -> None:
        """The referent stops without a replacement (e.g. the substitute is dropped)."""
        with self._unit_of_work() as session:
            current = self._current(session, member_id, kind)
            if current is None:
                raise NotFound(_("Non c'è un referente attuale da chiudere."))
            current.end_date = on

    @staticmethod
    def _member(session: Session, member_id: int) -> Member:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(_("L'aderente non esiste più."))
        return member

    @staticmethod
    def _current(session: Session, member_id: int, kind: ReferentKind) -> Referent | None:
        query = select(Referent).where(
            Referent.member_id == member_id,
            Referent.kind == kind.value,
            Referent.end_date.is_(None),
        )
        return session.execute(query).scalar_one_or_none()
