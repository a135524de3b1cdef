"""Each member's primary referent and substitute, with the history of who held the role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db import queries
from desdesk.db.models import Member, Referent
from desdesk.db.sql import as_date
from desdesk.domain import values
from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import (
    Conflict,
    FieldProblem,
    InvalidValue,
    NotFound,
    ValidationFailed,
)
from desdesk.i18n import N_, _, format_date
from desdesk.schemas import ReferentInput, ReferentRead
from desdesk.services.base import Service, check_version, last_editor

# GDPR art. 6: why the district may hold a referent's data. Codes are stored; "" is
# "not recorded" (files written before desdesk asked).
LEGAL_BASES: dict[str, str] = {
    "contratto": N_("Esecuzione dell'accordo di adesione"),
    "interesse_legittimo": N_("Legittimo interesse del distretto"),
    "consenso": N_("Consenso dell'interessato"),
    "obbligo_legale": N_("Obbligo di legge"),
}


def legal_basis_label(code: str) -> str:
    """The Italian label of a legal basis code; "non indicata" when none is recorded."""
    if not code:
        return _("non indicata")
    return _(LEGAL_BASES[code]) if code in LEGAL_BASES else code


def clean_referent(data: ReferentInput) -> ReferentInput:
    """Validate a referent: name and surname required, contacts checked when given."""
    problems: list[FieldProblem] = []
    if data.legal_basis and data.legal_basis not in LEGAL_BASES:
        problems.append(FieldProblem("legal_basis", _("Base giuridica non valida.")))
    if data.notice_given_on is not None and data.notice_given_on > date.today():
        problems.append(
            FieldProblem("notice_given_on", _("La data dell'informativa non può essere futura."))
        )
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


def _from_row(row: Sequence[Any]) -> ReferentRead:
    """A ReferentRead from one result of `queries.referent_rows` (dates read back by `as_date`)."""
    (
        referent_id, member_id, member_name, kind, first_name, last_name, email, phone, role,
        start_date, end_date, member_active, version,
    ) = row  # fmt: skip
    return ReferentRead(
        id=referent_id,
        member_id=member_id,
        member_name=member_name,
        kind=kind,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        role=role,
        start_date=as_date(start_date),
        end_date=as_date(end_date),
        member_active=bool(member_active),
        version=version,
    )


class ReferentsService(Service):
    def current(self, member_id: int) -> dict[ReferentKind, ReferentRead]:
        return {ReferentKind(r.kind): r for r in self.history(member_id) if r.end_date is None}

    def history(self, member_id: int) -> list[ReferentRead]:
        """All referents the member ever had, current first, then newest ended first."""
        rows = self._rows(member_id=member_id)
        return sorted(
            rows, key=lambda r: (r.end_date is not None, -(r.end_date or date.min).toordinal())
        )

    def list_all(
        self, include_past: bool = False, active_members_only: bool = False
    ) -> list[ReferentRead]:
        """Referents by member name, then kind, then end date (the current one first)."""
        return self._rows(include_past=include_past, active_members_only=active_members_only)

    def current_people(self) -> list[tuple[str, int]]:
        """(full name, member id) of each person now referent of an active member, by name.

        A person who represents several members appears once, with the first by name.
        """
        with self._reading() as session:
            return queries.current_people(session.connection())

    def add_referent(self, member_id: int, kind: ReferentKind, data: ReferentInput) -> int:
        """Name the referent of `kind` of a member that has none now (from the input's start
        date, or today); refused if there is one: replacing it is `set_referent`."""
        clean = clean_referent(data)
        with self._unit_of_work() as session:
            member = self._member(session, member_id)
            if self._current(session, member_id, kind) is not None:
                raise Conflict(
                    _("{member} ha già un {kind}: usa “Sostituisci” per cambiarlo.").format(
                        member=member.name, kind=kind.label().lower()
                    )
                )
            start = clean.start_date or date.today()
            _refuse_future(start, "start_date")
            return _insert(session, member_id, kind, clean, start)

    def set_referent(
        self, member_id: int, kind: ReferentKind, data: ReferentInput, *, since: date | None = None
    ) -> int:
        """Name a new referent of `kind`; the previous one is kept with end date `since`."""
        clean = clean_referent(data)
        since = since or clean.start_date or date.today()
        _refuse_future(since, "start_date")
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
            return _insert(session, member_id, kind, clean, since)

    def correct(
        self, referent_id: int, data: ReferentInput, expected_version: int | None = None
    ) -> None:
        """Fix a typo in a referent's data without starting a new term (refused with
        ConcurrentEdit if someone saved the referent since the form read `expected_version`)."""
        clean = clean_referent(data)
        with self._unit_of_work() as session:
            referent = session.get(Referent, referent_id)
            if referent is None:
                raise NotFound(_("Il referente non esiste più."))
            if expected_version is not None and referent.version != expected_version:
                by = last_editor(session, "referent", referent_id)
                check_version(referent.version, expected_version, _("questo referente"), by)
            referent.first_name = clean.first_name
            referent.last_name = clean.last_name
            referent.email = clean.email
            referent.phone = clean.phone
            referent.role = clean.role
            referent.legal_basis = clean.legal_basis
            referent.notice_given_on = clean.notice_given_on
            if clean.start_date:
                _check_start(clean.start_date, referent.end_date)
                referent.start_date = clean.start_date

    def end(self, member_id: int, kind: ReferentKind, on: date) -> None:
        """The referent stops without a replacement (e.g. the substitute is dropped)."""
        with self._unit_of_work() as session:
            current = self._current(session, member_id, kind)
            if current is None:
                raise NotFound(_("Non c'è un referente attuale da chiudere."))
            _check_end(on, current.start_date)
            _refuse_future(on, "end_date")
            current.end_date = on

    def _rows(self, **conditions: Any) -> list[ReferentRead]:
        with self._reading() as session:
            rows = queries.referent_rows(session.connection(), **conditions)
            privacy = _privacy_columns(session)
        return [_with_privacy(_from_row(row), privacy) for row in rows]

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


def _refuse_future(day: date, field: str) -> None:
    """A referent in charge is one without an end date: changes are recorded when they
    happen, or the register would show tomorrow's referent today."""
    if day > date.today():
        raise ValidationFailed(
            [
                FieldProblem(
                    field, _("La data non può essere futura: registra il cambio quando avviene.")
                )
            ]
        )


def _insert(
    session: Session, member_id: int, kind: ReferentKind, clean: ReferentInput, start: date
) -> int:
    referent = Referent(
        member_id=member_id,
        kind=kind.value,
        first_name=clean.first_name,
        last_name=clean.last_name,
        email=clean.email,
        phone=clean.phone,
        role=clean.role,
        start_date=start,
        legal_basis=clean.legal_basis,
        notice_given_on=clean.notice_given_on,
    )
    session.add(referent)
    session.flush()
    assert referent.id is not None
    return referent.id


_Privacy = dict[int, tuple[str, date | None, date | None]]


def _privacy_columns(session: Session) -> _Privacy:
    """Legal basis, notice date and erasure date of every referent, by id."""
    found = session.execute(
        select(Referent.id, Referent.legal_basis, Referent.notice_given_on, Referent.erased_on)
    ).all()
    return {row[0]: (row[1], row[2], row[3]) for row in found}


def _with_privacy(read: ReferentRead, privacy: _Privacy) -> ReferentRead:
    legal_basis, notice, erased = privacy.get(read.id, ("", None, None))
    return replace(read, legal_basis=legal_basis, notice_given_on=notice, erased_on=erased)


def _check_end(end: date, start: date | None) -> None:
    if start is not None and end < start:
        message = _("La fine è precedente all'inizio del referente ({start}).")
        raise ValidationFailed([FieldProblem("end_date", message.format(start=format_date(start)))])


def _check_start(start: date, end: date | None) -> None:
    """A corrected start may not fall after the end of an ended referent."""
    if end is not None and start > end:
        message = _("L'inizio è successivo alla fine del referente ({end}).")
        raise ValidationFailed([FieldProblem("start_date", message.format(end=format_date(end)))])
