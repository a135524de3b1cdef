"""The approval line stamped on every page of an approved document.

The line goes below the usual footer, in the bottom margin every desdesk page keeps
free. Each page of the original is merged with a one-line overlay of its own size, so
the stamp works on any PDF desdesk made (portrait or landscape) without building the
document again.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desdesk.reports import styles as st
from desdesk.reports.base import AUTHOR, clean

STAMP_BASELINE = 5 * mm
STAMP_SIZE = 7.0
_MIN_SIZE = 5.0
_SIDE_MARGIN = 10 * mm


def _overlay(text: str, width: float, height: float) -> bytes:
    st.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)
    room = width - 2 * _SIDE_MARGIN
    size = STAMP_SIZE
    while size > _MIN_SIZE and stringWidth(text, st.BOLD, size) > room:
        size -= 0.25
    canvas.setFont(st.BOLD, size)
    canvas.setFillColor(st.ACCENT)
    canvas.drawCentredString(width / 2, STAMP_BASELINE, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_every_page(pdf: bytes, text: str, *, title: str = "") -> bytes:
    """`pdf` with `text` printed at the foot of every page; metadata kept or set."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    line = clean(text)
    overlays: dict[tuple[float, float], PageObject] = {}
    for page in writer.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if size not in overlays:
            overlays[size] = PdfReader(io.BytesIO(_overlay(line, *size))).pages[0]
        page.merge_page(overlays[size])
    metadata = {k: str(v) for k, v in (reader.metadata or {}).items()}
    metadata.setdefault("/Author", AUTHOR)
    if title:
        metadata["/Title"] = title
    metadata["/Subject"] = line
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
