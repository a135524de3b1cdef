"""The page every desdesk PDF is printed on, and the one call that renders a story.

A document module builds a list of flowables (its *story*) and hands it to
`render_pdf` with a `DocumentInfo`; this module owns the rest: A4 page, margins,
embedded fonts, the header with the district's name and the document title, the
footer with the generation date and "Pagina x di y", and the PDF metadata.

"Pagina x di y" needs the page count before a page is finished, so pages are kept
in memory until the end and decorated then (the two-pass canvas of pretix's
`NumberedCanvas`).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from desdesk.domain.progress import report
from desdesk.i18n import _, current_language, format_date
from desdesk.reports import styles as st
from desdesk.reports.styles import Styles, get_styles

AUTHOR = "desdesk"

LEFT_MARGIN = 18 * mm
RIGHT_MARGIN = 18 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 20 * mm
_HEADER_BASELINE = 13 * mm  # from the top edge
_HEADER_RULE = 15.5 * mm
_FOOTER_RULE = 14 * mm  # from the bottom edge
_FOOTER_BASELINE = 10 * mm


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the page furniture and the PDF metadata say about a document.

    `generated_on` defaults to today; tests and signed-off revisions pass a fixed date.
    `footer_note` is printed at the centre of every footer (e.g. "uso interno").
    """

    title: str
    district_name: str
    subject: str = ""
    generated_on: date | None = None
    landscape: bool = False
    footer_note: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)

    @property
    def generation_date(self) -> date:
        return self.generated_on or date.today()

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4


@dataclass(frozen=True, slots=True)
class PageContext:
    """What a story builder needs to lay out its content."""

    styles: Styles
    width: float  # usable width of the text frame, in points
    height: float
    info: DocumentInfo


StoryBuilder = Callable[[PageContext], Sequence[Flowable]]


class NumberedCanvas(Canvas):
    """A canvas that holds every page until `save`, then decorates each knowing the total.

    `decorate(canvas, page_number, page_count)` draws the header and footer.
    """

    def __init__(
        self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pending_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pending_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._pending_pages)
        for number, state in enumerate(self._pending_pages, start=1):
            report(number, total)  # a long job's progress; raises if cancelled
            self.__dict__.update(state)
            self._decorate(self, number, total)
            Canvas.showPage(self)
        self._pending_pages.clear()
        Canvas.save(self)


def clean(text: str) -> str:
    """Composed Unicode: reportlab draws no combining accents, so `e` + `◌̀` must be `è`."""
    return unicodedata.normalize("NFC", text)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis if it is wider than `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_header(canvas: Canvas, info: DocumentInfo) -> None:
    page_width, page_height = info.pagesize
    usable = page_width - LEFT_MARGIN - RIGHT_MARGIN
    y = page_height - _HEADER_BASELINE
    title_width = min(stringWidth(info.title, st.REGULAR, st.SMALL_SIZE), usable * 0.45)
    canvas.setFillColor(st.INK)
    canvas.setFont(st.BOLD, st.SMALL_SIZE + 0.5)
    name = _fit(
        clean(info.district_name), st.BOLD, st.SMALL_SIZE + 0.5, usable - title_width - 8 * mm
    )
    canvas.drawString(LEFT_MARGIN, y, name)
    canvas.setFillColor(st.MUTED)
    canvas.setFont(st.REGULAR, st.SMALL_SIZE)
    title = _fit(clean(info.title), st.REGULAR, st.SMALL_SIZE, title_width)
    canvas.drawRightString(page_width - RIGHT_MARGIN, y, title)
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.5)
    rule_y = page_height - _HEADER_RULE
    canvas.line(LEFT_MARGIN, rule_y, page_width - RIGHT_MARGIN, rule_y)


def _draw_footer(canvas: Canvas, info: DocumentInfo, page: int, total: int) -> None:
    page_width = info.pagesize[0]
    canvas.setStrokeColor(st.HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT_MARGIN, _FOOTER_RULE, page_width - RIGHT_MARGIN, _FOOTER_RULE)
    canvas.setFillColor(st.MUTED)
    canvas.setFont(st.REGULAR, st.SMALL_SIZE)
    generated = _("Generato il {date}").format(date=format_date(info.generation_date))
    canvas.drawString(LEFT_MARGIN, _FOOTER_BASELINE, generated)
    numbering = _("Pagina {page} di {total}").format(page=page, total=total)
    canvas.drawRightString(page_width - RIGHT_MARGIN, _FOOTER_BASELINE, numbering)
    if info.footer_note:
        side = max(
            stringWidth(generated, st.REGULAR, st.SMALL_SIZE),
            stringWidth(numbering, st.REGULAR, st.SMALL_SIZE),
        )
        room = page_width - LEFT_MARGIN - RIGHT_MARGIN - 2 * side - 12 * mm
        canvas.setFont(st.ITALIC, st.SMALL_SIZE)
        note = _fit(clean(info.footer_note), st.ITALIC, st.SMALL_SIZE, room)
        canvas.drawCentredString(page_width / 2, _FOOTER_BASELINE, note)


def _decorate(info: DocumentInfo, canvas: Canvas, page: int, total: int) -> None:
    canvas.saveState()
    _draw_header(canvas, info)
    _draw_footer(canvas, info, page, total)
    canvas.restoreState()


def _doc_template(buffer: io.BytesIO, info: DocumentInfo) -> BaseDocTemplate:
    doc = BaseDocTemplate(
        buffer,
        pagesize=info.pagesize,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=info.title,
        author=AUTHOR,
        subject=info.subject or info.title,
        creator=AUTHOR,
        keywords=list(info.keywords),
        lang=current_language(),
        displayDocTitle=1,
        initialFontName=st.REGULAR,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=info.pagesize)])
    return doc


def render_pdf(info: DocumentInfo, story: Sequence[Flowable] | StoryBuilder) -> bytes:
    """Lay out `story` on desdesk's page and return the PDF.

    `story` is either the flowables themselves or a builder called with the page
    context (styles, usable width), for content whose layout depends on the page.
    """
    styles = get_styles()  # registers the fonts
    buffer = io.BytesIO()
    doc = _doc_template(buffer, info)
    if callable(story):
        story = story(PageContext(styles=styles, width=doc.width, height=doc.height, info=info))
    canvasmaker = partial(NumberedCanvas, decorate=partial(_decorate, info))
    doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()
