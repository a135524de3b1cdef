"""What the district holds about one person, gathered from every table that names them.

A person is a referent together with their other referent records: the same e-mail
(across members: one person may represent several), or the same first and last name
within the same member (a person coming back after a gap, or with no e-mail). The same
name at another member with another (or no) e-mail is someone else as far as desdesk
can tell: listed as a possible homonym, never exported as theirs nor erased.
Their name may also appear as text: in offices,
in approved minutes (frozen snapshots), in movements' counterparty, in tasks, as a
member's legal representative. Those are found by the full name, in either order,
ignoring case.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlmodel import Session

from desdesk.db.models import Referent
from desdesk.domain.errors import NotFound
from desdesk.i18n import _


@dataclass(frozen=True, slots=True)
class Person:
    """The referent records of one person, the asked one first, and the records of
    other people with the same name (possible homonyms, never touched)."""

    records: tuple[Referent, ...]
    homonyms: tuple[Referent, ...] = ()

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.records if r.id is not None]

    @property
    def first(self) -> Referent:
        return self.records[0]

    @property
    def names(self) -> tuple[str, ...]:
        """The full name in both orders, case-folded, as searched in free text."""
        found: list[str] = []
        for record in self.records:
            if record.erased_on is not None:
                continue
            first, last = record.first_name.strip(), record.last_name.strip()
            for name in (f"{first} {last}", f"{last} {first}"):
                if name.strip() and name.casefold() not in found:
                    found.append(name.casefold())
        return tuple(found)

    @property
    def emails(self) -> tuple[str, ...]:
        """The person's e-mail addresses, case-folded."""
        found = {r.email.strip().casefold() for r in self.records if r.email.strip()}
        return tuple(sorted(found))

    def named_in(self, *texts: str | None) -> bool:
        joined = " ".join(" ".join((t or "").split()) for t in texts).casefold()
        return any(name in joined for name in self.names)

    def mentioned_in(self, *texts: str | None) -> bool:
        """The name (either order) or one of the e-mail addresses is in the texts."""
        joined = " ".join((t or "") for t in texts).casefold()
        return self.named_in(*texts) or any(email in joined for email in self.emails)


def find_person(session: Session, referent_id: int) -> Person:
    """The referent and every other record of the same person, and the possible homonyms.

    Records join the person through a chain of matches (the same e-mail at another
    member, then the same name at that member, ...). Same-name records left outside
    are the homonyms.
    """
    asked = session.get(Referent, referent_id)
    if asked is None:
        raise NotFound(_("Il referente non esiste più."))
    everyone = session.execute(select(Referent).order_by(Referent.id)).scalars().all()
    group = [asked]
    rest = [r for r in everyone if r.id != referent_id]
    grew = True
    while grew:
        joining = [r for r in rest if any(_same_person(g, r) for g in group)]
        joined = {r.id for r in joining}
        rest = [r for r in rest if r.id not in joined]
        group += joining
        grew = bool(joining)
    homonyms = [r for r in rest if r.erased_on is None and any(_same_name(g, r) for g in group)]
    return Person(tuple(group), tuple(homonyms))


def _same_name(a: Referent, b: Referent) -> bool:
    return _full_name(a) == _full_name(b) and bool(_full_name(a).strip())


def _full_name(record: Referent) -> str:
    return " ".join(f"{record.first_name} {record.last_name}".split()).casefold()


def _same_person(a: Referent, b: Referent) -> bool:
    """The same e-mail (not empty, ignoring case), or the same name at the same member."""
    if a.erased_on is not None or b.erased_on is not None:
        return False  # a pseudonym names no one
    email_a, email_b = a.email.strip().casefold(), b.email.strip().casefold()
    if email_a and email_a == email_b:
        return True
    return a.member_id == b.member_id and _same_name(a, b)


def _day(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _rows(session: Session, sql: str, **params: Any) -> Sequence[Any]:
    return session.execute(text(sql), params).all()


def member_names(session: Session) -> dict[int, str]:
    return {row[0]: row[1] for row in _rows(session, "SELECT id, name FROM member")}


def offices(session: Session, person: Person) -> list[dict[str, Any]]:
    """The district offices whose holder is this person (current or ended)."""
    found = _rows(
        session,
        "SELECT id, kind, title, person_name, member_id, start_date, end_date, notes"
        " FROM office ORDER BY start_date, id",
    )
    return [
        {
            "id": r[0], "kind": r[1], "title": r[2], "person_name": r[3], "member_id": r[4],
            "start_date": _day(r[5]), "end_date": _day(r[6]), "notes": r[7],
        }
        for r in found
        if " ".join(r[3].split()).casefold() in person.names
    ]  # fmt: skip


def attendance(session: Session, person: Person) -> list[dict[str, Any]]:
    """Roll calls the person answered: their member's status was "present as <their kind>"
    at an assembly held while they were that referent."""
    found: list[dict[str, Any]] = []
    for record in person.records:
        rows = _rows(
            session,
            "SELECT a.id, a.title, a.call_held, a.first_call_date, a.second_call_date, t.status"
            " FROM attendance AS t JOIN assembly AS a ON a.id = t.assembly_id"
            " WHERE t.member_id = :member AND t.status = :status ORDER BY a.first_call_date",
            member=record.member_id,
            status=f"presente_{record.kind}",
        )
        for assembly_id, title, call, first, second, status in rows:
            held = _day(second) if call == "seconda" and second else _day(first)
            start, end = _day(record.start_date), _day(record.end_date)
            if held is None or (start and held < start) or (end and held > end):
                continue
            found.append(
                {
                    "assembly_id": assembly_id,
                    "assembly_title": title,
                    "date": held,
                    "member_id": record.member_id,
                    "referent_id": record.id,
                    "status": status,
                }
            )
    return sorted(found, key=lambda row: (row["date"], row["assembly_id"]))


def tasks(session: Session, person: Person) -> list[dict[str, Any]]:
    """Tasks of the person's members whose description names them (tasks are assigned
    to members; a name in the text is the only trace of a person)."""
    members = {record.member_id for record in person.records}
    found = _rows(
        session,
        "SELECT id, member_id, assembly_id, description, due_date, status, done_on"
        " FROM task ORDER BY id",
    )
    return [
        {
            "id": r[0], "member_id": r[1], "assembly_id": r[2], "description": r[3],
            "due_date": _day(r[4]), "status": r[5], "done_on": _day(r[6]),
        }
        for r in found
        if r[1] in members and person.named_in(r[3])
    ]  # fmt: skip


def movements(session: Session, person: Person) -> list[dict[str, Any]]:
    """Movements whose counterparty or description names the person."""
    found = _rows(
        session,
        "SELECT id, date, amount, description, counterparty, member_id FROM movement ORDER BY date",
    )
    return [
        {
            "id": r[0], "date": _day(r[1]), "amount": str(r[2]), "description": r[3],
            "counterparty": r[4], "member_id": r[5],
        }
        for r in found
        if person.named_in(r[3], r[4])
    ]  # fmt: skip


def legal_representative_of(session: Session, person: Person) -> list[dict[str, Any]]:
    """Members whose legal representative is the person (the register names them)."""
    found = _rows(session, "SELECT id, name, legal_representative FROM member ORDER BY name")
    return [
        {"member_id": r[0], "member_name": r[1]}
        for r in found
        if r[2] and " ".join(r[2].split()).casefold() in person.names
    ]


_MINUTES_TEXTS = ("president", "secretary", "opening_notes", "closing_notes", "snapshot")


def approved_minutes(session: Session, person: Person) -> list[dict[str, Any]]:
    """Approved minutes whose texts or frozen snapshot name the person, with where."""
    found = _rows(
        session,
        "SELECT m.id, m.assembly_id, a.title, m.revision, m.approved_on,"
        f" {', '.join('m.' + c for c in _MINUTES_TEXTS)}"
        " FROM minutes AS m JOIN assembly AS a ON a.id = m.assembly_id"
        " WHERE m.approved_on IS NOT NULL ORDER BY m.approved_on, m.id",
    )
    items = _item_texts(session)
    result: list[dict[str, Any]] = []
    for row in found:
        texts = dict(zip(_MINUTES_TEXTS, row[5:], strict=True))
        texts["snapshot"] = _json_text(texts["snapshot"])
        texts["items"] = items.get(row[0], "")
        where = [field for field, value in texts.items() if person.named_in(value)]
        if where:
            result.append(
                {
                    "id": row[0], "assembly_id": row[1], "assembly_title": row[2],
                    "revision": row[3], "approved_on": _day(row[4]), "fields": where,
                }
            )  # fmt: skip
    return result


def _item_texts(session: Session) -> dict[int, str]:
    texts: dict[int, str] = {}
    for minutes_id, title, discussion, resolution in _rows(
        session, "SELECT minutes_id, title, discussion, resolution FROM minutes_item"
    ):
        texts[minutes_id] = " ".join((texts.get(minutes_id, ""), title, discussion, resolution))
    return texts


def _json_text(value: Any) -> str:
    """Every string inside a snapshot (stored as JSON text or already decoded)."""
    if value is None:
        return ""
    decoded = json.loads(value) if isinstance(value, str) else value
    return " | ".join(_strings(decoded))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def referent_record(record: Referent, members: dict[int, str]) -> dict[str, Any]:
    return {
        "id": record.id,
        "member_id": record.member_id,
        "member_name": members.get(record.member_id, ""),
        "kind": record.kind,
        "first_name": record.first_name,
        "last_name": record.last_name,
        "email": record.email,
        "phone": record.phone,
        "role": record.role,
        "start_date": _day(record.start_date),
        "end_date": _day(record.end_date),
        "legal_basis": record.legal_basis,
        "notice_given_on": _day(record.notice_given_on),
        "erased_on": _day(record.erased_on),
    }


def logged_values(session: Session, person: Person) -> dict[int, tuple[Any, Any]]:
    """The change log's raw values (before, after; ISO dates) of the person's records,
    by log row id: the JSON export gives them as stored, next to the readable changes."""
    if not person.ids:
        return {}
    marks = ", ".join(f":r{i}" for i in range(len(person.ids)))
    found = _rows(
        session,
        "SELECT id, before, after FROM change_log"
        f" WHERE table_name = 'referent' AND record_id IN ({marks})",
        **{f"r{i}": rid for i, rid in enumerate(person.ids)},
    )
    return {
        row[0]: (json.loads(row[1]) if row[1] else None, json.loads(row[2]) if row[2] else None)
        for row in found
    }
