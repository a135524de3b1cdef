"""Verbale di assemblea: one revision of the minutes, with the foglio presenze as annex.

The header and the attendance come from the assembly and its roll call; the counts and
the quorum check are the domain's (`count_attendance`, `quorum_message`). When the
quorum was not reached the document is the "verbale di assemblea deserta" instead.
"""

from __future__ import annotations

import contextlib
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desdesk.assembly_schemas import MinutesDocument
from desdesk.domain.assembly_rules import (
    AttendanceCount,
    QuorumState,
    count_attendance,
    quorum_message,
    resolution_passes,
)
from desdesk.domain.enums import Call, ConvocationChannel
from desdesk.i18n import _, format_date, format_number
from desdesk.reports.assembly_common import (
    format_time,
    kind_text,
    place_lines,
    signature_block,
    status_of,
    when,
)
from desdesk.reports.attendance_sheet import attendance_sheet
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.titles import deserted_minutes_title, minutes_title
from desdesk.schemas import DistrictProfile, MinutesItemInput, TaskRead

_MISSING = "—"


def document_title(document: MinutesDocument) -> str:
    return deserted_minutes_title() if document.minutes.deserted else minutes_title()


def call_of(document: MinutesDocument) -> Call:
    try:
        return Call(document.minutes.call_held)
    except ValueError:
        return Call.FIRST


def attendance_count(document: MinutesDocument) -> AttendanceCount:
    statuses = [status_of(row.status) for row in document.roll_call]
    return count_attendance(statuses, members=len(document.roll_call))


def _convened_text(document: MinutesDocument) -> str:
    if document.minutes.data.how_convened:
        return document.minutes.data.how_convened
    assembly = document.assembly
    if assembly.convened_on is None:
        return _MISSING
    channel = assembly.convened_via or ""
    with contextlib.suppress(ValueError):
        channel = ConvocationChannel(channel).label()
    text = _("convocata il {date}").format(date=format_date(assembly.convened_on))
    return f"{text} ({channel})" if channel else text


def held_on(document: MinutesDocument) -> date:
    """The day of the call held: the second call's date when it was held at second call."""
    data = document.assembly.data
    if call_of(document) is Call.SECOND and data.second_call_date is not None:
        return data.second_call_date
    return data.first_call_date


def header_facts(document: MinutesDocument) -> list[tuple[str, str]]:
    assembly, data = document.assembly, document.minutes.data
    day = held_on(document)
    pairs = [
        (_("Assemblea"), kind_text(assembly.data)),
        (_("Convocazione"), call_of(document).label()),
        (_("Data"), format_date(day)),
        (_("Ora di inizio"), format_time(assembly.started_at) or _MISSING),
        (_("Ora di fine"), format_time(assembly.ended_at) or _MISSING),
        *place_lines(assembly.data),
        (_("Modalità di convocazione"), _convened_text(document)),
        (_("Presidente"), data.president or _MISSING),
        (_("Segretario"), data.secretary or _MISSING),
    ]
    return pairs


def second_call_note(ctx: PageContext, document: MinutesDocument) -> list[Flowable]:
    """Held at second call: the first call was deserted, and the minutes say so."""
    if call_of(document) is not Call.SECOND:
        return []
    return [Spacer(1, 2 * mm), para(first_call_deserted_text(), ctx.styles.body)]


def first_call_deserted_text() -> str:
    return _(
        "Prima convocazione andata deserta per mancanza del numero legale; l'assemblea si "
        "tiene in seconda convocazione."
    )


def revision_note(document: MinutesDocument) -> str:
    minutes = document.minutes
    if minutes.previous_id is None and minutes.revision <= 1:
        return ""
    previous = minutes.revision - 1
    if document.previous_approved_on is not None:
        text = _(
            "Revisione {revision}, che corregge la revisione {previous} approvata il {date}"
        ).format(
            revision=minutes.revision,
            previous=previous,
            date=format_date(document.previous_approved_on),
        )
    else:
        text = _("Revisione {revision}, che corregge la revisione {previous}").format(
            revision=minutes.revision, previous=previous
        )
    return f"{text}: {minutes.correction_reason}" if minutes.correction_reason else text


def attendance_facts(count: AttendanceCount, guests: int) -> tuple[list[tuple[str, str]], set[int]]:
    pairs = [
        (_("Aderenti convocati"), format_number(count.members)),
        (_("Presenti con il referente titolare"), format_number(count.present_primary)),
        (_("Presenti con il supplente"), format_number(count.present_substitute)),
        (_("Rappresentati per delega"), format_number(count.represented)),
        (_("Assenti giustificati"), format_number(count.absent_justified)),
        (_("Assenti"), format_number(count.absent)),
    ]
    if count.not_recorded:
        pairs.append((_("Presenza non rilevata"), format_number(count.not_recorded)))
    indented = set(range(1, len(pairs)))
    pairs.append((_("Presenti o rappresentati"), format_number(count.voters)))
    pairs.append((_("Ospiti"), format_number(guests)))
    return pairs, indented


def quorum_text(document: MinutesDocument, count: AttendanceCount) -> str:
    state = QuorumState(required=document.quorum_required, counted=count.voters)
    text = quorum_message(state)
    if state.reached and not document.minutes.deserted:
        text += " " + _("L'assemblea è validamente costituita e può deliberare.")
    return text


def votes_text(item: MinutesItemInput) -> str:
    """`Approvata all'unanimità (12 voti favorevoli).` or the three figures and the outcome."""
    if item.votes_for is None and item.votes_against is None and item.votes_abstained is None:
        return ""
    in_favour, against = item.votes_for or 0, item.votes_against or 0
    abstained = item.votes_abstained or 0
    passed = resolution_passes(in_favour, against, abstained, item.required_majority_percent)
    if in_favour > 0 and against == 0 and abstained == 0:
        return _("Approvata all'unanimità ({count} voti favorevoli).").format(count=in_favour)
    figures = _("Votazione: favorevoli {for_}, contrari {against}, astenuti {abstained}").format(
        for_=in_favour, against=against, abstained=abstained
    )
    if item.required_majority_percent is not None:
        figures += " " + _("(maggioranza richiesta: oltre il {percent} dei voti)").format(
            percent=f"{item.required_majority_percent}%"
        )
    outcome = _("la proposta è approvata.") if passed else _("la proposta è respinta.")
    return f"{figures}: {outcome}"


def task_text(task: TaskRead) -> str:
    text = f"{task.member_name}: {task.data.description}"
    if task.data.due_date is not None:
        text += " " + _("(entro il {date})").format(date=format_date(task.data.due_date))
    return text


def item_story(
    ctx: PageContext, number: int, item: MinutesItemInput, tasks: list[TaskRead]
) -> list[Flowable]:
    styles = ctx.styles
    story: list[Flowable] = [para(f"{number}. {item.title}", styles.subtitle)]
    if item.discussion:
        story += [para(_("Discussione"), styles.muted), para(item.discussion, styles.body)]
    if item.resolution:
        story += [para(_("Delibera"), styles.muted), para(item.resolution, styles.body)]
    if votes := votes_text(item):
        story.append(para(votes, styles.body))
    if tasks:
        story.append(para(_("Compiti assegnati"), styles.muted))
        story += [para("• " + task_text(task), styles.body) for task in tasks]
    return [KeepTogether(story[:3]), *story[3:], Spacer(1, 2 * mm)]


def _tasks_by_item(document: MinutesDocument) -> list[list[TaskRead]]:
    ids = document.minutes.item_ids
    by_item: list[list[TaskRead]] = [[] for _item in document.minutes.data.items]
    for task in document.tasks:
        if task.data.minutes_item_id in ids:
            index = ids.index(task.data.minutes_item_id)
            if index < len(by_item):
                by_item[index].append(task)
    return by_item


def deserted_text(document: MinutesDocument, count: AttendanceCount) -> list[str]:
    data = document.assembly.data
    lines = [
        _(
            "Constatato che sono presenti o rappresentati {counted} aderenti su {members} e "
            "che il numero legale richiesto è {required}, il presidente dichiara l'assemblea "
            "deserta."
        ).format(counted=count.voters, members=count.members, required=document.quorum_required)
    ]
    if call_of(document) is Call.FIRST and data.second_call_date is not None:
        lines.append(
            _("L'assemblea si terrà in seconda convocazione il {when}.").format(
                when=when(data.second_call_date, data.second_call_time)
            )
        )
    return lines


def _items(ctx: PageContext, document: MinutesDocument) -> list[Flowable]:
    story = heading(ctx, _("Ordine del giorno e deliberazioni"))
    items = document.minutes.data.items
    if not items:
        return [*story, para(_("Nessun punto all'ordine del giorno."), ctx.styles.body)]
    for number, (item, tasks) in enumerate(
        zip(items, _tasks_by_item(document), strict=True), start=1
    ):
        story += item_story(ctx, number, item, tasks)
    return story


def _signatures(ctx: PageContext, document: MinutesDocument) -> Flowable:
    data = document.minutes.data
    return KeepTogether(
        [
            Spacer(1, 8 * mm),
            signature_block(
                ctx, [(_("Il presidente"), data.president), (_("Il segretario"), data.secretary)]
            ),
        ]
    )


def _story(ctx: PageContext, profile: DistrictProfile, document: MinutesDocument) -> list[Flowable]:
    styles, minutes = ctx.styles, document.minutes
    count = attendance_count(document)
    lines = [revision_note(document)]
    if minutes.approved_on is not None:
        lines.append(_("Approvato il {date}").format(date=format_date(minutes.approved_on)))
    story: list[Flowable] = [
        *title_block(ctx, document_title(document), profile.name, lines),
        facts(ctx, header_facts(document)),
        *second_call_note(ctx, document),
        *heading(ctx, _("Presenze e numero legale")),
        facts(ctx, *attendance_facts(count, len(document.guests))),
        Spacer(1, 2 * mm),
        para(quorum_text(document, count), styles.body),
        para(_("Il foglio presenze è allegato al verbale."), styles.note),
    ]
    if minutes.data.opening_notes:
        story.append(para(minutes.data.opening_notes, styles.body))
    if minutes.deserted:
        story += heading(ctx, _("Assemblea deserta"))
        story += [para(line, styles.body) for line in deserted_text(document, count)]
    else:
        story += _items(ctx, document)
    story += heading(ctx, _("Chiusura"))
    if minutes.data.closing_notes:
        story.append(para(minutes.data.closing_notes, styles.body))
    if document.assembly.ended_at is not None:
        story.append(para(_("La seduta è chiusa alle {time}.").format(
            time=format_time(document.assembly.ended_at)), styles.body))  # fmt: skip
    story += [_signatures(ctx, document), PageBreak(), *attendance_sheet(ctx, document)]
    return story


def minutes_pdf(
    profile: DistrictProfile, document: MinutesDocument, generated_on: date | None = None
) -> bytes:
    """The Verbale (or verbale di assemblea deserta) with its foglio presenze, A4 portrait."""
    title = document_title(document)
    info = DocumentInfo(
        title=title,
        district_name=profile.name,
        subject=_("{title} del {date}").format(title=title, date=format_date(held_on(document))),
        generated_on=generated_on,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, document))
