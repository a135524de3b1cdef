"""The member register: add, edit, withdraw, readmit, delete, list."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session

from desdesk.db import queries
from desdesk.db.models import Member, Referent
from desdesk.db.money_models import Movement
from desdesk.db.sql import as_date, run
from desdesk.domain import member_fields
from desdesk.domain.enums import Nature, ReferentKind
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.legal_forms import nature_of
from desdesk.i18n import _, format_date, ngettext
from desdesk.schemas import MemberDetail, MemberEntry, MemberInput, MemberRow, ReferentInput
from desdesk.services.base import Service, check_version, last_editor

_TEXT_FIELDS = (
    "tax_code", "vat_number", "address", "comune", "provincia", "cap",
    "email", "pec", "phone", "website", "legal_representative",
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
        with self._reading() as session:
            return [_row(values) for values in queries.member_rows(session.connection())]

    def names(self, include_former: bool = False) -> list[tuple[int, str, bool]]:
        """(id, name, active) of the active members, or of all, by name: for choices."""
        with self._reading() as session:
            return queries.member_names(session.connection(), include_former)

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
                version=member.version,
            )

    def add(self, data: MemberInput, primary: ReferentInput | None = None) -> int:
        """Add a member, with its primary referent if given, in one transaction.

        Problems with the referent's fields are reported as `primary.<field>`.
        """
        from desdesk.services.referents import clean_referent

        problems: list[FieldProblem] = []
        try:
            clean = clean_member(data)
        except ValidationFailed as exc:
            problems += exc.problems
        if primary is not None:
            try:
                primary = clean_referent(primary)
            except ValidationFailed as exc:
                problems += [FieldProblem(f"primary.{p.field}", p.message) for p in exc.problems]
        if problems:
            raise ValidationFailed(problems)
        if primary is not None and primary.start_date is None:
            primary.start_date = clean.joined_on or date.today()
        try:
            return self.add_many([MemberEntry(member=clean, primary=primary)])[0]
        except Conflict as exc:
            raise ValidationFailed([FieldProblem("tax_code", exc.message)]) from None

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

    def update(
        self, member_id: int, data: MemberInput, expected_version: int | None = None
    ) -> None:
        """Save the member's fields; `expected_version` is the edit count the form was
        opened with: if someone saved the member since, ConcurrentEdit and nothing written."""
        clean = clean_member(data)
        with self._unit_of_work() as session:
            member = self._load(session, member_id, expected_version)
            self._refuse_duplicate(session, clean.tax_code, member_id)
            _refuse_joined_after_leaving(clean.joined_on, member.left_on)
            _apply(member, clean)

    def withdraw(
        self, member_id: int, left_on: date, reason: str, expected_version: int | None = None
    ) -> None:
        """The member leaves: it stays in the register as a former member."""
        with self._unit_of_work() as session:
            member = self._load(session, member_id, expected_version)
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
        """Remove a record entered by mistake, with its referents (the UI asks first);
        refused for a member in the roll call of approved minutes or named in the
        accounts (a movement's counterparty is a legal record)."""
        with self._unit_of_work() as session:
            member = self._load(session, member_id)
            self._refuse_if_in_accounts(session, member)
            held = run(session.connection(), _IN_APPROVED_MINUTES_SQL, (member_id,))
            day = as_date(held.scalar())
            if day is not None:
                raise Conflict(
                    _(
                        "{name} compare nel verbale approvato dell'assemblea del {date}: "
                        "registra la sua uscita invece di eliminarlo."
                    ).format(name=member.name, date=format_date(day))
                )
            session.delete(member)

    def count(self) -> int:
        with self._reading() as session:
            return int(session.execute(select(func.count()).select_from(Member)).scalar_one())

    @staticmethod
    def _refuse_if_in_accounts(session: Session, member: Member) -> None:
        query = select(func.count()).select_from(Movement).where(Movement.member_id == member.id)
        count = int(session.execute(query).scalar_one())
        if count:
            raise Conflict(
                ngettext(
                    "{name} è la controparte di {count} movimento del bilancio: "
                    "registra la sua uscita invece di eliminarlo.",
                    "{name} è la controparte di {count} movimenti del bilancio: "
                    "registra la sua uscita invece di eliminarlo.",
                    count,
                ).format(name=member.name, count=count)
            )

    @staticmethod
    def _load(session: Session, member_id: int, expected_version: int | None = None) -> Member:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(_("L'aderente non esiste più."))
        if expected_version is not None and member.version != expected_version:
            by = last_editor(session, "member", member_id)
            check_version(member.version, expected_version, _("questo aderente"), by)
        return member

    @staticmethod
    def _refuse_duplicate(session: Session, tax_code: str, exclude_id: int | None) -> None:
        conflict = duplicate_problem(session, tax_code, exclude_id)
        if conflict is not None:
            raise ValidationFailed([FieldProblem("tax_code", conflict.message)])


# The day of the latest assembly with approved minutes where the member has attendance.
_IN_APPROVED_MINUTES_SQL = """
SELECT CASE WHEN a.call_held = 'seconda' AND a.second_call_date IS NOT NULL
            THEN a.second_call_date ELSE a.first_call_date END AS day
FROM attendance AS t
JOIN assembly AS a ON a.id = t.assembly_id
WHERE t.member_id = ?
  AND EXISTS (SELECT 1 FROM minutes AS m WHERE m.assembly_id = a.id AND m.approved_on IS NOT NULL)
ORDER BY day DESC LIMIT 1
"""

_IN_CHUNK = 500  # values per `IN (...)`, well below SQLite's limit on parameters


def _refuse_joined_after_leaving(joined_on: date | None, left_on: date | None) -> None:
    """A former member's joining date cannot move past its leaving date (`withdraw`
    checks the same order from the other side)."""
    if joined_on and left_on and joined_on > left_on:
        message = _("La data di adesione è successiva alla data di uscita ({date}).")
        raise ValidationFailed(
            [FieldProblem("joined_on", message.format(date=format_date(left_on)))]
        )


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
        "legal_basis": data.legal_basis,
        "notice_given_on": data.notice_given_on,
    }


def _nature(value: str | None) -> Nature | None:
    return Nature(value) if value else None


def _json_tuple(value: str | list[Any]) -> tuple[Any, ...]:
    """A JSON list column as a tuple: SQLite hands plain SQL the stored text, PostgreSQL
    the parsed list."""
    if isinstance(value, str):
        return _parsed_json_tuple(value)
    return tuple(value)


@functools.lru_cache(maxsize=4096)
def _parsed_json_tuple(text: str) -> tuple[Any, ...]:
    """A stored JSON list as a tuple; the same few lists repeat across thousands of rows."""
    return tuple(json.loads(text))


def _row(values: Sequence[Any]) -> MemberRow:
    """A MemberRow from one result of `queries.member_rows` (values read back here)."""
    (
        member_id, name, legal_form, nature_override, tax_code, vat_number, comune, provincia,
        email, phone, aes_subscriber, disciplinari, roles, joined_on, left_on, leave_reason,
        primary_name, substitute_name,
    ) = values  # fmt: skip
    return MemberRow(
        id=member_id,
        name=name,
        legal_form=legal_form,
        nature=nature_of(legal_form, _nature(nature_override)).value,
        tax_code=tax_code or "",
        vat_number=vat_number or "",
        comune=comune,
        provincia=provincia,
        email=email,
        phone=phone,
        aes_subscriber=bool(aes_subscriber),
        disciplinari=_json_tuple(disciplinari),
        supply_chain_roles=_json_tuple(roles),
        joined_on=as_date(joined_on),
        left_on=as_date(left_on),
        primary_referent=primary_name or "",
        substitute=substitute_name or "",
        leave_reason=leave_reason or "",
    )
