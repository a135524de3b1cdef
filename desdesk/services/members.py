"""The member register: add, edit, withdraw, readmit, delete, list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, func, insert, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from desdesk.db.models import Member, Referent
from desdesk.domain import member_fields
from desdesk.domain.enums import Nature, ReferentKind
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.legal_forms import nature_of
from desdesk.i18n import _
from desdesk.schemas import MemberDetail, MemberEntry, MemberInput, MemberRow, ReferentInput
from desdesk.services.base import Service

_TEXT_FIELDS = (
    "tax_code", "vat_number", "address", "comune", "provincia", "cap",
    "email", "pec", "phone", "website",
)  # fmt: skip


def clean_member(data: MemberInput) -> MemberInput:
    """Validate and normalise a member; raises ValidationFailed listing every bad field."""
    raw = {name: getattr(data, name) or "" for name in _TEXT_FIELDS}
    cleaned, problems = member_fields.clean_text_fields(raw)
    problems += member_fields.check_identity(
        data.name, data.legal_form, data.nature_override, data.nature_override_reason
    )
    problems += member_fields.check_lists(data.disciplinari, data.supply_chain_roles)
    if problems:
        raise ValidationFailed(problems)
    override = data.nature_override
    if override and override == nature_of(data.legal_form).value:
        override = None
    return replace(
        data,
        **cleaned,
        name=data.name.strip(),
        nature_override=override or None,
        nature_override_reason=data.nature_override_reason.strip() if override else "",
        disciplinari=sorted(set(data.disciplinari)),
        supply_chain_roles=sorted(set(data.supply_chain_roles)),
        notes=data.notes.strip(),
    )


def _apply(member: Member, data: MemberInput) -> None:
    for name in MemberInput.__dataclass_fields__:
        setattr(member, name, getattr(data, name))
    member.tax_code = data.tax_code or None
    member.vat_number = data.vat_number or None
    member.updated_at = datetime.now(UTC)


def _to_input(member: Member) -> MemberInput:
    values = {name: getattr(member, name) for name in MemberInput.__dataclass_fields__}
    values["tax_code"] = member.tax_code or ""
    values["vat_number"] = member.vat_number or ""
    values["disciplinari"] = list(member.disciplinari)
    values["supply_chain_roles"] = list(member.supply_chain_roles)
    return MemberInput(**values)


def duplicate_problem(session: Session, tax_code: str, exclude_id: int | None) -> Conflict | None:
    """A Conflict naming the member that already has `tax_code`, or None."""
    if not tax_code:
        return None
    query = select(Member.id, Member.name).where(Member.tax_code == tax_code)
    if exclude_id is not None:
        query = query.where(Member.id != exclude_id)
    row = session.execute(query).first()
    if row is None:
        return None
    return Conflict(
        _("Il codice fiscale {code} è già di “{name}”.").format(code=tax_code, name=row.name)
    )


class MembersService(Service):
    def list_rows(self) -> list[MemberRow]:
        """Every member, active and former, with the current referents' names."""
        primary = aliased(Referent)
        substitute = aliased(Referent)

        def current(alias: type[Referent], kind: ReferentKind) -> ColumnElement[bool]:
            return and_(
                alias.member_id == Member.id, alias.kind == kind.value, alias.end_date.is_(None)
            )

        query = (
            select(
                Member,
                func.trim(primary.first_name + " " + primary.last_name),
                func.trim(substitute.first_name + " " + substitute.last_name),
            )
            .outerjoin(primary, current(primary, ReferentKind.PRIMARY))
            .outerjoin(substitute, current(substitute, ReferentKind.SUBSTITUTE))
            .order_by(Member.name)
        )
        with self._reading() as session:
            return [
                _row(member, primary_name or "", substitute_name or "")
                for member, primary_name, substitute_name in session.execute(query)
            ]

    def get(self, member_id: int) -> MemberDetail:
        with self._reading() as session:
            member = session.get(Member, member_id)
            if member is None:
                raise NotFound(_("L'aderente non esiste più."))
            return MemberDetail(
                id=member_id,
                data=_to_input(member),
                nature=nature_of(member.legal_form, _nature(member.nature_override)).value,
                left_on=member.left_on,
                leave_reason=member.leave_reason,
            )

    def add(self, data: MemberInput) -> int:
        clean = clean_member(data)
        with self._unit_of_work() as session:
            self._refuse_duplicate(session, clean.tax_code, None)
            member = Member(name=clean.name, legal_form=clean.legal_form)
            _apply(member, clean)
            member.created_at = member.updated_at
            session.add(member)
            session.flush()
            assert member.id is not None
            return member.id

    def add_many(self, entries: list[MemberEntry]) -> list[int]:
        """Write many members with their referents in one transaction: all or nothing.

        Entries must already be valid (cleaned); a duplicate codice fiscale, in the batch
        or against the register, aborts the whole batch with a Conflict naming it.
        Rows are inserted in bulk (thousands per second); ids come back in entry order.
        """
        if not entries:
            return []
        with self._unit_of_work() as session:
            _refuse_duplicates_in_batch(session, [entry.member for entry in entries])
            now = datetime.now(UTC)
            inserted = session.execute(
                insert(Member).returning(Member.id, sort_by_parameter_order=True),
                [_member_values(entry, now) for entry in entries],
            )
            ids = [int(member_id) for member_id in inserted.scalars()]
            referents = [
                _referent_values(member_id, kind, referent)
                for member_id, entry in zip(ids, entries, strict=True)
                for kind, referent in (
                    (ReferentKind.PRIMARY, entry.primary),
                    (ReferentKind.SUBSTITUTE, entry.substitute),
                )
                if referent is not None
            ]
            if referents:
                session.execute(insert(Referent), referents)
            return ids

    def update(self, member_id: int, data: MemberInput) -> None:
        clean = clean_member(data)
        with self._unit_of_work() as session:
            member = self._load(session, member_id)
            self._refuse_duplicate(session, clean.tax_code, member_id)
            _apply(member, clean)

    def withdraw(self, member_id: int, left_on: date, reason: str) -> None:
        """The member leaves: it stays in the register as a former member."""
        with self._unit_of_work() as session:
            member = self._load(session, member_id)
            problems = member_fields.check_dates(member.joined_on, left_on)
            if not reason.strip():
                problems.append(FieldProblem("leave_reason", _("Indica il motivo dell'uscita.")))
            if problems:
                raise ValidationFailed(problems)
            member.left_on = left_on
            member.leave_reason = reason.strip()
            member.updated_at = datetime.now(UTC)

    def readmit(self, member_id: int) -> None:
        with self._unit_of_work() as session:
            member = self._load(session, member_id)
            member.left_on = None
            member.leave_reason = ""
            member.updated_at = datetime.now(UTC)

    def delete(self, member_id: int) -> None:
        """Remove a record entered by mistake, with its referents (the UI asks first)."""
        with self._unit_of_work() as session:
            session.delete(self._load(session, member_id))

    def count(self) -> int:
        with self._reading() as session:
            return int(session.execute(select(func.count()).select_from(Member)).scalar_one())

    @staticmethod
    def _load(session: Session, member_id: int) -> Member:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(_("L'aderente non esiste più."))
        return member

    @staticmethod
    def _refuse_duplicate(session: Session, tax_code: str, exclude_id: int | None) -> None:
        conflict = duplicate_problem(session, tax_code, exclude_id)
        if conflict is not None:
            raise ValidationFailed([FieldProblem("tax_code", conflict.message)])


_IN_CHUNK = 500  # values per `IN (...)`, well below SQLite's limit on parameters


def _refuse_duplicates_in_batch(session: Session, members: list[MemberInput]) -> None:
    """Raise a Conflict for the first codice fiscale already in the register or the batch."""
    codes = [m.tax_code for m in members if m.tax_code]
    owners: dict[str, str] = {}
    for start in range(0, len(codes), _IN_CHUNK):
        chunk = codes[start : start + _IN_CHUNK]
        query = select(Member.tax_code, Member.name).where(Member.tax_code.in_(chunk))
        owners.update({code: name for code, name in session.execute(query)})
    for member in members:
        if not member.tax_code:
            continue
        owner = owners.get(member.tax_code)
        if owner is not None:
            raise Conflict(
                _("Il codice fiscale {code} è già di “{name}”.").format(
                    code=member.tax_code, name=owner
                )
            )
        owners[member.tax_code] = member.name


def _member_values(entry: MemberEntry, now: datetime) -> dict[str, object]:
    values: dict[str, object] = {
        name: getattr(entry.member, name) for name in MemberInput.__dataclass_fields__
    }
    values["tax_code"] = entry.member.tax_code or None
    values["vat_number"] = entry.member.vat_number or None
    values["disciplinari"] = list(entry.member.disciplinari)
    values["supply_chain_roles"] = list(entry.member.supply_chain_roles)
    values.update(
        left_on=entry.left_on, leave_reason=entry.leave_reason, created_at=now, updated_at=now
    )
    return values


def _referent_values(member_id: int, kind: ReferentKind, data: ReferentInput) -> dict[str, object]:
    return {
        "member_id": member_id,
        "kind": kind.value,
        "first_name": data.first_name,
        "last_name": data.last_name,
        "email": data.email,
        "phone": data.phone,
        "role": data.role,
        "start_date": data.start_date,
        "end_date": None,
    }


def _nature(value: str | None) -> Nature | None:
    return Nature(value) if value else None


def _row(member: Member, primary_name: str, substitute_name: str) -> MemberRow:
    assert member.id is not None
    return MemberRow(
        id=member.id,
        name=member.name,
        legal_form=member.legal_form,
        nature=nature_of(member.legal_form, _nature(member.nature_override)).value,
        tax_code=member.tax_code or "",
        vat_number=member.vat_number or "",
        comune=member.comune,
        provincia=member.provincia,
        email=member.email,
        phone=member.phone,
        aes_subscriber=member.aes_subscriber,
        disciplinari=tuple(member.disciplinari),
        supply_chain_roles=tuple(member.supply_chain_roles),
        joined_on=member.joined_on,
        left_on=member.left_on,
        primary_referent=primary_name,
        substitute=substitute_name,
        leave_reason=member.leave_reason or "",
    )
