"""Libro degli aderenti: the district's member register, active and former members.

Active members are numbered in order of admission, as in a paper register; former
members follow in their own section, in order of leaving, with the reason. Former
members' referents are left out: their role has ended (personal data, domain.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable

from desdesk.domain.enums import Nature
from desdesk.i18n import _, format_date, format_number
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.common import legal_form_label, name_key, nature_label, profile_line, seat
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.reports.titles import register_title
from desdesk.schemas import DistrictProfile, MemberRow

_MISSING = "—"  # an empty cell that reads as "none", not as a printing fault


def tax_ids(tax_code: str, vat_number: str) -> str:
    """The codice fiscale, and the partita IVA on a second line when it differs."""
    if tax_code and vat_number and tax_code != vat_number:
        return f"{tax_code}\n" + _("P.IVA {code}").format(code=vat_number)
    if vat_number and not tax_code:
        return _("P.IVA {code}").format(code=vat_number)
    return tax_code


def _admission_order(row: MemberRow) -> tuple[date, str]:
    return (row.joined_on or date.max, name_key(row.name))


def _leaving_order(row: MemberRow) -> tuple[date, str]:
    return (row.left_on or date.max, name_key(row.name))


def _identity(number: int, row: MemberRow) -> list[Cell]:
    return [
        str(number),
        row.name,
        legal_form_label(row.legal_form),
        nature_label(row.nature),
        tax_ids(row.tax_code, row.vat_number),
        seat(row.comune, row.provincia),
        format_date(row.joined_on),
    ]


def _identity_columns(former: bool, count: int) -> list[Column]:
    """Widths in millimetres of landscape A4's 261 mm (used as weights); dates, codes
    and natures are wide enough never to wrap."""
    return [
        Column.numbers(_("N."), count),
        Column(_("Denominazione"), 41 if former else 49, bold=True),
        Column(_("Forma giuridica"), 32 if former else 37),
        Column(_("Natura"), 27),
        Column(_("Codice fiscale / P.IVA"), 38),
        Column(_("Sede"), 26 if former else 31),
        Column(_("Data adesione"), 20),
    ]


def active_table(ctx: PageContext, rows: Sequence[MemberRow]) -> Flowable:
    columns = [
        *_identity_columns(former=False, count=len(rows)),
        Column(_("Referente titolare"), 50),
    ]
    body = [
        [*_identity(number, row), row.primary_referent or _MISSING]
        for number, row in enumerate(sorted(rows, key=_admission_order), start=1)
    ]
    return data_table(ctx, columns, body)


def former_table(ctx: PageContext, rows: Sequence[MemberRow]) -> Flowable:
    columns = [
        *_identity_columns(former=True, count=len(rows)),
        Column(_("Data uscita"), 20),
        Column(_("Motivo dell'uscita"), 48),
    ]
    body = [
        [*_identity(number, row), format_date(row.left_on), row.leave_reason or _MISSING]
        for number, row in enumerate(sorted(rows, key=_leaving_order), start=1)
    ]
    return data_table(ctx, columns, body)


def summary(
    active: Sequence[MemberRow], former: Sequence[MemberRow]
) -> tuple[list[tuple[str, str]], set[int]]:
    """Counts shown under the title, and which rows are parts of the active count."""
    natures = Counter(row.nature for row in active)
    pairs = [(_("Aderenti attivi"), format_number(len(active)))]
    pairs += [
        (_("di cui: {nature}").format(nature=nature.label().lower()), format_number(count))
        for nature in Nature
        if (count := natures[nature.value])
    ]
    if active:
        subscribers = sum(1 for row in active if row.aes_subscriber)
        pairs.append((_("di cui iscritti ai disciplinari (AES)"), format_number(subscribers)))
    indented = set(range(1, len(pairs)))
    pairs.append((_("Ex aderenti"), format_number(len(former))))
    return pairs, indented


def _story(
    ctx: PageContext, profile: DistrictProfile, members: Sequence[MemberRow]
) -> list[Flowable]:
    active = [row for row in members if row.active]
    former = [row for row in members if not row.active]
    styles = ctx.styles
    as_of = _("Situazione al {date}").format(date=format_date(ctx.info.generation_date))
    story: list[Flowable] = [
        *title_block(ctx, register_title(), profile.name, [profile_line(profile), as_of]),
        facts(ctx, *summary(active, former)),
        *heading(ctx, _("Aderenti attivi")),
    ]
    if active:
        story.append(para(_("In ordine di adesione."), styles.note))
        story.append(active_table(ctx, active))
    else:
        story.append(para(_("Il distretto non ha aderenti attivi."), styles.body))
    story += heading(ctx, _("Ex aderenti"))
    if former:
        story.append(para(_("In ordine di uscita."), styles.note))
        story.append(former_table(ctx, former))
    else:
        story.append(para(_("Nessun aderente è uscito dal distretto."), styles.body))
    return story


def register_pdf(
    profile: DistrictProfile, members: Sequence[MemberRow], *, generated_on: date | None = None
) -> bytes:
    """The Libro degli aderenti as PDF bytes (A4 landscape: the register is wide)."""
    info = DocumentInfo(
        title=register_title(),
        district_name=profile.name,
        subject=_("Registro degli aderenti del distretto {name}").format(name=profile.name),
        generated_on=generated_on,
        landscape=True,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, members))
