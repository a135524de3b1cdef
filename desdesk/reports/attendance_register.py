"""Registro presenze: members × assemblies over a period, with rates and exclusion flags.

One letter per member and assembly (P titolare, S supplente, D delega, G giustificato,
A assente; blank: not recorded; a dash: not a member then). Rate and current run of
consecutive absences are the domain's (`member_attendance`); a member whose run reaches
the district's exclusion threshold is flagged. Landscape; with many assemblies the
columns are split into sections of at most `ASSEMBLIES_PER_SECTION`, each repeating the
member's name and figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, PageBreak

from desdesk.assembly_schemas import AttendanceRegister, AttendanceRegisterRow, held_on
from desdesk.domain.assembly_rules import (
    AssemblyRules,
    MemberAttendance,
    member_attendance,
    over_exclusion_threshold,
)
from desdesk.domain.enums import AttendanceStatus
from desdesk.i18n import N_, _, format_date, format_number
from desdesk.reports import styles as st
from desdesk.reports.assembly_common import status_of
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.cells import Span, Stack
from desdesk.reports.common import name_key, profile_line
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.reports.titles import attendance_title
from desdesk.schemas import AssemblyRead, DistrictProfile

ASSEMBLIES_PER_SECTION = 14
NOT_A_MEMBER = "–"

LETTERS: dict[AttendanceStatus, str] = {
    AttendanceStatus.PRESENT_PRIMARY: N_("P"),
    AttendanceStatus.PRESENT_SUBSTITUTE: N_("S"),
    AttendanceStatus.PROXY: N_("D"),
    AttendanceStatus.ABSENT_JUSTIFIED: N_("G"),
    AttendanceStatus.ABSENT: N_("A"),
}


def letter(row: AttendanceRegisterRow, assembly_id: int) -> str:
    if assembly_id not in row.statuses:
        return NOT_A_MEMBER
    status = status_of(row.statuses[assembly_id])
    return _(LETTERS[status]) if status is not None else ""


def history(row: AttendanceRegisterRow, assemblies: Sequence[AssemblyRead]) -> MemberAttendance:
    """The member's record over the assemblies it was convened to, oldest first."""
    return member_attendance(
        [status_of(row.statuses[a.id]) for a in assemblies if a.id in row.statuses]
    )


def absence_run(row: AttendanceRegisterRow, record: MemberAttendance) -> int:
    """The run over all assemblies held up to the period's end when the register has it."""
    return (
        record.current_absence_run if row.current_absence_run is None else row.current_absence_run
    )


def rate_text(record: MemberAttendance) -> str:
    rate = record.rate
    return "—" if rate is None else f"{format_number(round(rate * 100))}%"


def period_text(register: AttendanceRegister) -> str:
    if register.start and register.end:
        return _("Dal {start} al {end}").format(
            start=format_date(register.start), end=format_date(register.end)
        )
    if register.start:
        return _("Dal {start}").format(start=format_date(register.start))
    if register.end:
        return _("Fino al {end}").format(end=format_date(register.end))
    return _("Tutte le assemblee svolte")


def _member_cell(row: AttendanceRegisterRow, flagged: bool, threshold: int) -> Cell:
    if not flagged:
        return row.member_name
    return Stack(
        (
            Span(row.member_name, st.BOLD, st.WARNING),
            Span(_("≥ {count} assenze consecutive").format(count=threshold), st.ITALIC, st.WARNING),
        )
    )


def _columns(section: Sequence[AssemblyRead], rows: int) -> list[Column]:
    return [
        Column.numbers(_("N."), rows),
        Column(_("Aderente"), 62),
        *[Column(f"{held_on(a):%d/%m}\n{held_on(a):%Y}", 10, align="CENTER") for a in section],
        *[Column("", 10) for _pad in range(ASSEMBLIES_PER_SECTION - len(section))],
        Column(_("Tasso di presenza"), 17, align="RIGHT"),
        Column(_("Assenze di fila"), 17, align="RIGHT"),
    ]


def section_table(
    ctx: PageContext, register: AttendanceRegister, section: Sequence[AssemblyRead]
) -> Flowable:
    rules = AssemblyRules(exclusion_threshold=register.exclusion_threshold)
    padding = [""] * (ASSEMBLIES_PER_SECTION - len(section))
    body: list[list[Cell]] = []
    for number, row in enumerate(sorted_rows(register), start=1):
        record = history(row, register.assemblies)
        run = absence_run(row, record)
        flagged = over_exclusion_threshold(run, rules)
        body.append(
            [
                str(number),
                _member_cell(row, flagged, register.exclusion_threshold),
                *[letter(row, a.id) for a in section],
                *padding,
                rate_text(record),
                str(run),
            ]
        )
    return data_table(ctx, _columns(section, len(body)), body)


def sorted_rows(register: AttendanceRegister) -> list[AttendanceRegisterRow]:
    return sorted(register.rows, key=lambda row: name_key(row.member_name))


def sections(assemblies: Sequence[AssemblyRead]) -> list[Sequence[AssemblyRead]]:
    """Consecutive groups of at most ASSEMBLIES_PER_SECTION, as even as possible (17: 9 + 8)."""
    count = -(-len(assemblies) // ASSEMBLIES_PER_SECTION)
    size = -(-len(assemblies) // max(count, 1))
    return [assemblies[i : i + size] for i in range(0, len(assemblies), size)]


def legend(threshold: int) -> str:
    return _(
        "P presente il titolare · S presente il supplente · D rappresentato per delega · "
        "G assente giustificato · A assente · casella vuota: presenza non rilevata · "
        "{dash}: non aderente alla data. Presenza: assemblee con il titolare, il supplente "
        "o una delega sulle assemblee rilevate. In rosso gli aderenti con almeno {count} "
        "assenze consecutive (soglia di esclusione del distretto)."
    ).format(dash=NOT_A_MEMBER, count=threshold)


def summary(register: AttendanceRegister) -> list[tuple[str, str]]:
    rules = AssemblyRules(exclusion_threshold=register.exclusion_threshold)
    flagged = sum(
        1
        for row in register.rows
        if over_exclusion_threshold(absence_run(row, history(row, register.assemblies)), rules)
    )
    return [
        (_("Assemblee svolte nel periodo"), format_number(len(register.assemblies))),
        (_("Aderenti"), format_number(len(register.rows))),
        (_("Aderenti oltre la soglia di esclusione"), format_number(flagged)),
    ]


def _story(
    ctx: PageContext, profile: DistrictProfile, register: AttendanceRegister
) -> list[Flowable]:
    styles = ctx.styles
    story: list[Flowable] = [
        *title_block(
            ctx, attendance_title(), profile.name, [profile_line(profile), period_text(register)]
        ),
        facts(ctx, summary(register)),
    ]
    if not register.assemblies or not register.rows:
        story.append(para(_("Nessuna assemblea svolta nel periodo."), styles.body))
        return story
    parts = sections(register.assemblies)
    for index, section in enumerate(parts, start=1):
        if index > 1:
            story.append(PageBreak())
        if len(parts) > 1:
            first, last = held_on(section[0]), held_on(section[-1])
            story += heading(ctx, _("Assemblee dal {start} al {end} (parte {part} di {parts})").format(
                start=format_date(first), end=format_date(last), part=index, parts=len(parts)))  # fmt: skip
        story.append(section_table(ctx, register, section))
        story.append(para(legend(register.exclusion_threshold), styles.note))
    return story


def attendance_register_pdf(
    profile: DistrictProfile, register: AttendanceRegister, generated_on: date | None = None
) -> bytes:
    """The Registro presenze as PDF bytes (A4 landscape)."""
    info = DocumentInfo(
        title=attendance_title(),
        district_name=profile.name,
        subject=_("Registro presenze del distretto {name}").format(name=profile.name),
        generated_on=generated_on,
        landscape=True,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, register))
