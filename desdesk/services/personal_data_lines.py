"""The Italian lines an erasure (and the dialog) give: where the person's name stays,
messages to the Centro naming them, other free text, possible homonyms."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from desdesk.domain.enums import OfficeKind, ReferentKind
from desdesk.i18n import _, format_date, ngettext
from desdesk.services import personal_data_reads as reads
from desdesk.services import personal_data_traces as traces
from desdesk.services.history_labels import field_label, table_label


def office_label(office: dict[str, Any]) -> str:
    try:
        label = OfficeKind(office["kind"]).label()
    except ValueError:
        label = office["kind"]
    return f"{label} ({office['title']})" if office["title"] else label


def kept_records(session: Session, person: reads.Person) -> list[str]:
    """Where the name stays after the erasure, one line each (legal records)."""
    lines: list[str] = []
    for minutes in reads.approved_minutes(session, person):
        lines.append(
            _("verbale approvato di «{title}» (revisione {revision}, approvato il {day})").format(
                title=minutes["assembly_title"],
                revision=minutes["revision"],
                day=format_date(date.fromisoformat(minutes["approved_on"])),
            )
        )
    for office in reads.offices(session, person):
        lines.append(
            _("storico delle cariche: {office} dal {start} al {end}").format(
                office=office_label(office),
                start=format_date(date.fromisoformat(office["start_date"])),
                end=format_date(date.fromisoformat(office["end_date"])),
            )
        )
    for movement in reads.movements(session, person):
        lines.append(
            _("contabilità: movimento del {day} ({description})").format(
                day=format_date(date.fromisoformat(movement["date"])),
                description=movement["counterparty"] or movement["description"],
            )
        )
    for member in reads.legal_representative_of(session, person):
        lines.append(
            _("registro degli aderenti: rappresentante legale di «{member}»").format(
                member=member["member_name"]
            )
        )
    return lines


def homonym_line(record: Any, members: dict[int, str]) -> str:
    return _("{name}, {kind} di «{member}» ({email}), dal {start}").format(
        name=f"{record.first_name} {record.last_name}".strip(),
        kind=ReferentKind(record.kind).label().lower(),
        member=members.get(record.member_id, ""),
        email=record.email or _("senza e-mail"),
        start=format_date(record.start_date),
    )


def outbox_line(message: dict[str, Any]) -> str:
    if message["status"] == "sent" and message["sent_at"]:
        return _("messaggio inviato al Centro il {day}: «{subject}»").format(
            day=format_date(date.fromisoformat(message["sent_at"][:10])),
            subject=message["subject"],
        )
    return _("messaggio al Centro non ancora inviato: «{subject}»").format(
        subject=message["subject"]
    )


def trace_lines(session: Session, person: reads.Person) -> list[str]:
    """Free text naming the person, and other tables' log rows doing so, with where."""
    skip = {"minutes": {m["id"] for m in reads.approved_minutes(session, person)}}
    lines = [
        _("compito n. {id}: «{text}»").format(id=task["id"], text=task["description"])
        for task in reads.tasks(session, person)
    ]
    skip["task"] = {task["id"] for task in reads.tasks(session, person)}
    for row in traces.free_text(session, person, skip):
        lines.append(mention_place(row))
    for table, count in traces.logged_mentions(session, person).items():
        lines.append(
            ngettext(
                "cronologia delle modifiche: {count} riga di «{table}»",
                "cronologia delle modifiche: {count} righe di «{table}»",
                count,
            ).format(count=count, table=table_label(table))
        )
    return lines


def mention_place(row: dict[str, Any]) -> str:
    """Where a free-text mention is: «Ospite n. 3, nome»."""
    return _("{table} n. {id}, {fields}").format(
        table=table_label(row["table"]),
        id=row["id"],
        fields=", ".join(field_label(field).lower() for field in row["fields"]),
    )
