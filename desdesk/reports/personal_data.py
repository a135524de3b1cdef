"""Dati personali di una persona: the readable copy of a GDPR export (art. 15).

Built from the same dictionary as the JSON export (desdesk.services.personal_data), so
the two never disagree: identity and contacts, legal basis and notice, the members
represented, offices, roll calls, tasks, movements, approved minutes naming the person,
messages to the Centro and other free text naming them, the change log of their
records, and the other people with the same name (possible homonyms, not included).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from reportlab.platypus import Flowable, Spacer

from desdesk.domain.enums import AttendanceStatus, OfficeKind, ReferentKind
from desdesk.i18n import _, format_date, ngettext
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.tables import Cell, Column, data_table


def _day(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else "—"


def _label(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label())
    except ValueError:
        return value


def _table(
    ctx: PageContext, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]
) -> list[Flowable]:
    story: list[Flowable] = [*heading(ctx, title)]
    if rows:
        story.append(data_table(ctx, columns, rows))
    else:
        story.append(para(_("Nessun dato."), ctx.styles.muted))
    return story


def _identity(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    person = data["person"]
    pairs = [
        (_("Nome"), person["first_name"]),
        (_("Cognome"), person["last_name"]),
        (_("E-mail"), ", ".join(person["emails"]) or "—"),
        (_("Telefono"), ", ".join(person["phones"]) or "—"),
        (_("Base giuridica del trattamento"), person["legal_basis_label"]),
        (_("Informativa consegnata il"), _day(person["notice_given_on"])),
    ]
    if person["erased_on"]:
        pairs.append((_("Dati personali cancellati il"), _day(person["erased_on"])))
    return [*heading(ctx, _("Identità e contatti")), facts(ctx, pairs)]


def _records(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    rows = [
        [
            r["member_name"],
            _label(ReferentKind, r["kind"]),
            f"{r['first_name']} {r['last_name']}".strip(),
            "\n".join(v for v in (r["role"], r["email"], r["phone"]) if v) or "—",
            _day(r["start_date"]),
            _day(r["end_date"]),
        ]
        for r in data["referent_records"]
    ]
    columns = [
        Column(_("Aderente"), 40),
        Column(_("Ruolo"), 18),
        Column(_("Nome"), 30),
        Column(_("Contatti"), 40),
        Column(_("Dal"), 18),
        Column(_("Al"), 18),
    ]
    return _table(ctx, _("Aderenti rappresentati"), columns, rows)


def _offices(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    rows = [
        [_label(OfficeKind, o["kind"]), o["title"], _day(o["start_date"]), _day(o["end_date"])]
        for o in data["offices"]
    ]
    rows += [
        [_("Rappresentante legale"), m["member_name"], "—", "—"]
        for m in data["legal_representative_of"]
    ]
    columns = [Column(_("Carica"), 40), Column(_("Titolo"), 50), Column(_("Dal"), 20)]
    return _table(ctx, _("Cariche"), [*columns, Column(_("Al"), 20)], rows)


def _attendance(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    rows = [
        [_day(a["date"]), a["assembly_title"] or "—", _label(AttendanceStatus, a["status"])]
        for a in data["attendance"]
    ]
    columns = [Column(_("Data"), 20), Column(_("Assemblea"), 60), Column(_("Presenza"), 40)]
    return _table(ctx, _("Presenze alle assemblee"), columns, rows)


def _tasks_and_movements(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    tasks = [[t["description"], _day(t["due_date"]), t["status"]] for t in data["tasks"]]
    task_columns = [Column(_("Compito"), 70), Column(_("Scadenza"), 20), Column(_("Stato"), 20)]
    movements = [
        [_day(m["date"]), m["counterparty"], m["description"], m["amount"]]
        for m in data["movements"]
    ]
    movement_columns = [
        Column(_("Data"), 20),
        Column(_("Controparte"), 40),
        Column(_("Descrizione"), 50),
        Column(_("Importo"), 20, align="RIGHT"),
    ]
    return [
        *_table(ctx, _("Compiti"), task_columns, tasks),
        *_table(ctx, _("Movimenti contabili"), movement_columns, movements),
    ]


def _minutes(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    rows = [
        [m["assembly_title"] or "—", str(m["revision"]), _day(m["approved_on"])]
        for m in data["approved_minutes"]
    ]
    columns = [Column(_("Assemblea"), 70), Column(_("Revisione"), 20), Column(_("Approvato"), 20)]
    story = _table(ctx, _("Verbali approvati in cui compare il nome"), columns, rows)
    if rows:
        story.append(
            para(
                _("I verbali approvati sono atti con valore legale: il nome vi resta."),
                ctx.styles.muted,
            )
        )
    return story


def _outbox(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    rows = [
        [
            _day((m["sent_at"] or m["created_at"] or "")[:10] or None),
            m["recipient"],
            m["subject"],
            _("inviato") if m["status"] == "sent" else _("non inviato"),
        ]
        for m in data["outbox_messages"]
    ]
    columns = [
        Column(_("Data"), 20),
        Column(_("Destinatario"), 45),
        Column(_("Oggetto"), 50),
        Column(_("Stato"), 20),
    ]
    return _table(ctx, _("Messaggi al Centro che nominano la persona"), columns, rows)


def _mentions(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    rows: list[list[Cell]] = [
        [m["where"], "\n".join(m["texts"][field] for field in m["fields"])]
        for m in data["other_mentions"]
    ]
    rows += [
        [
            _("Cronologia delle modifiche"),
            ngettext("{count} riga di «{table}»", "{count} righe di «{table}»", m["rows"]).format(
                count=m["rows"], table=m["table_label"]
            ),
        ]
        for m in data["logged_mentions"]
    ]
    columns = [Column(_("Dove"), 40), Column(_("Testo"), 90)]
    return _table(ctx, _("Altri testi che nominano la persona"), columns, rows)


def _homonyms(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    if not data["possible_homonyms"]:
        return []
    rows = [
        [
            f"{r['first_name']} {r['last_name']}".strip(),
            r["member_name"],
            r["email"] or "—",
            _day(r["start_date"]),
            _day(r["end_date"]),
        ]
        for r in data["possible_homonyms"]
    ]
    columns = [
        Column(_("Nome"), 35),
        Column(_("Aderente"), 40),
        Column(_("E-mail"), 35),
        Column(_("Dal"), 18),
        Column(_("Al"), 18),
    ]
    return [
        *_table(ctx, _("Possibili omonimi"), columns, rows),
        para(
            _(
                "Schede di referente con lo stesso nome ma presso un altro aderente e con "
                "un'altra e-mail: sono considerate di un'altra persona e non sono incluse "
                "né toccate dalla cancellazione."
            ),
            ctx.styles.muted,
        ),
    ]


def _history(ctx: PageContext, data: dict[str, Any]) -> list[Flowable]:
    rows: list[list[Cell]] = []
    for row in data["history"]:
        at = datetime.fromisoformat(row["at"]).astimezone()
        changes = "\n".join(
            f"{c['label']}: {c['before'] or '—'} → {c['after'] or '—'}" for c in row["changes"]
        )
        rows.append([f"{format_date(at)} {at:%H:%M}", row["actor"] or row["os_user"], changes])
    columns = [Column(_("Quando"), 25), Column(_("Chi"), 25), Column(_("Modifiche"), 80)]
    return _table(ctx, _("Cronologia delle modifiche"), columns, rows)


def personal_data_pdf(data: dict[str, Any], generated_on: date | None = None) -> bytes:
    """The readable copy of `data` (the export dictionary)."""
    person = data["person"]
    name = f"{person['first_name']} {person['last_name']}".strip()
    info = DocumentInfo(
        title=_("Dati personali di {name}").format(name=name),
        district_name=data["district"],
        subject=_("Dati personali (GDPR, art. 15)"),
        generated_on=generated_on,
        footer_note=_("contiene dati personali"),
    )

    def story(ctx: PageContext) -> list[Flowable]:
        lines = [
            _("Tutto ciò che il distretto conserva su questa persona, al {day}.").format(
                day=_day(data["exported_on"])
            )
        ]
        return [
            *title_block(ctx, info.title, info.district_name, lines),
            *_identity(ctx, data),
            *_records(ctx, data),
            *_offices(ctx, data),
            *_attendance(ctx, data),
            *_tasks_and_movements(ctx, data),
            *_minutes(ctx, data),
            *_outbox(ctx, data),
            *_mentions(ctx, data),
            *_history(ctx, data),
            *_homonyms(ctx, data),
            Spacer(1, 1),
        ]

    return render_pdf(info, story)
