"""Building blocks for document stories: title block, headings, paragraphs, facts.

Data tables live in `desdesk.reports.tables`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desdesk.reports import styles as st
from desdesk.reports.base import PageContext, clean


def markup(text: str) -> str:
    """Plain text made safe for Paragraph markup, line breaks kept."""
    return escape(clean(text)).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain (not marked-up) text."""
    return Paragraph(markup(text), style)


def title_block(
    ctx: PageContext, title: str, subtitle: str, lines: Sequence[str] = ()
) -> list[Flowable]:
    """Document title, the district as subtitle, a few muted lines, then a rule."""
    styles = ctx.styles
    block: list[Flowable] = [para(title, styles.title), para(subtitle, styles.subtitle)]
    block += [para(line, styles.muted) for line in lines if line]
    block += [
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=0.8, color=st.ACCENT, spaceAfter=3 * mm),
    ]
    return block


def heading(ctx: PageContext, text: str) -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page."""
    return [CondPageBreak(35 * mm), para(text, ctx.styles.heading)]


def facts(
    ctx: PageContext, pairs: Sequence[tuple[str, str]], indented: Collection[int] = ()
) -> Table:
    """A compact two-column list of labels and figures (figures right-aligned).

    Rows whose index is in `indented` are set in, as parts of the row above ("di cui").
    """
    indent = 4 * mm
    label_width = max(
        stringWidth(clean(label), st.REGULAR, st.BODY_SIZE) + (indent if i in indented else 0)
        for i, (label, _) in enumerate(pairs)
    )
    value_width = max(stringWidth(clean(value), st.BOLD, st.BODY_SIZE) for _, value in pairs)
    widths = [min(label_width + 16, ctx.width * 0.6), value_width + 8]
    table = Table(
        [[clean(label), clean(value)] for label, value in pairs],
        colWidths=widths,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.REGULAR, st.BODY_SIZE, st.BODY_SIZE * 1.25),
                ("FONT", (1, 0), (1, -1), st.BOLD, st.BODY_SIZE, st.BODY_SIZE * 1.25),
                ("TEXTCOLOR", (0, 0), (-1, -1), st.INK),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.HAIRLINE),
                *[("LEFTPADDING", (0, i), (0, i), indent) for i in indented],
                *[("TEXTCOLOR", (0, i), (-1, i), st.MUTED) for i in indented],
            ]
        )
    )
    return table
