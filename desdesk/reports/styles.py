"""Fonts, colours and paragraph styles shared by every desdesk PDF.

The Liberation Sans family ships in `resources/fonts` (SIL OFL). It is registered with
reportlab once per process, on first use, so importing this module costs nothing; the
TrueType fonts are embedded as subsets, so every Italian letter and the euro sign print
the same on any machine.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _
from desdesk.paths import fonts_dir

# Streams are Flate-compressed already; ASCII85 on top makes them 25% larger and costs
# a fifth of a 5,000-member register's time, for 7-bit safety no PDF reader needs.
rl_config.useA85 = 0

FAMILY = "LiberationSans"
REGULAR = "LiberationSans"
BOLD = "LiberationSans-Bold"
ITALIC = "LiberationSans-Italic"
BOLD_ITALIC = "LiberationSans-BoldItalic"

_FONT_FILES = {
    REGULAR: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
    BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}

# Sizes in points: modest, as on a printed register.
BODY_SIZE = 10
TABLE_SIZE = 9
SMALL_SIZE = 8

INK = colors.HexColor("#1F2421")
MUTED = colors.HexColor("#5F6661")
RULE = colors.HexColor("#9AA39D")
HAIRLINE = colors.HexColor("#D3D8D4")
ZEBRA = colors.HexColor("#F3F5F3")
HEADER_FILL = colors.HexColor("#E2E8E3")
ACCENT = colors.HexColor("#2F5D46")
WARNING = colors.HexColor("#A3281A")


class FontsMissing(DesdeskError):
    """The fonts shipped with desdesk are not where they should be (broken install)."""


_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register Liberation Sans and its bold/italic faces with reportlab (once).

    The family mapping lets `<b>` and `<i>` in Paragraph markup pick the right face.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, filename in _FONT_FILES.items():
            path = folder / filename
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (OSError, TTFError) as exc:
                raise FontsMissing(
                    _("Manca il carattere {name} in {folder}: reinstalla desdesk.").format(
                        name=filename, folder=folder
                    )
                ) from exc
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles a document story is written with."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    muted: ParagraphStyle
    note: ParagraphStyle
    warning: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_header: ParagraphStyle
    cell_warning: ParagraphStyle


def _style(name: str, **values: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": REGULAR,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.3,
        "textColor": INK,
    }
    base.update(values)
    return ParagraphStyle(name, **base)


@cache
def get_styles() -> Styles:
    """The shared styles (fonts registered first)."""
    register_fonts()
    cell = {"fontSize": TABLE_SIZE, "leading": TABLE_SIZE * 1.22}
    return Styles(
        title=_style("title", fontName=BOLD, fontSize=18, leading=22, textColor=ACCENT),
        subtitle=_style("subtitle", fontName=BOLD, fontSize=12, leading=15, spaceBefore=2),
        heading=_style(
            "heading",
            fontName=BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
        ),
        body=_style("body", spaceAfter=4),
        muted=_style("muted", textColor=MUTED, spaceAfter=1),
        note=_style("note", fontName=ITALIC, fontSize=8.5, leading=11, textColor=MUTED),
        warning=_style("warning", fontName=BOLD, textColor=WARNING),
        cell=_style("cell", **cell),
        cell_bold=_style("cell_bold", fontName=BOLD, **cell),
        cell_right=_style("cell_right", alignment=TA_RIGHT, **cell),
        cell_header=_style("cell_header", fontName=BOLD, **cell),
        cell_warning=_style("cell_warning", fontName=BOLD_ITALIC, textColor=WARNING, **cell),
    )
