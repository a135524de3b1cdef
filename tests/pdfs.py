"""Reading generated PDFs back in tests: text per page, fonts, page sizes, metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader

A4_POINTS = (595.28, 841.89)


@dataclass(frozen=True)
class ReadPdf:
    reader: PdfReader

    @property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def page_sizes(self) -> list[tuple[float, float]]:
        return [
            (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
            for page in self.reader.pages
        ]

    def fonts(self) -> dict[str, Any]:
        """Every font used on any page, by base name, with its dictionary."""
        found: dict[str, Any] = {}
        for page in self.reader.pages:
            resources = page["/Resources"].get_object()
            for reference in resources.get("/Font", {}).values():
                font = reference.get_object()
                found[str(font["/BaseFont"])] = font
        return found


def read_pdf(data: bytes) -> ReadPdf:
    assert data.startswith(b"%PDF-"), "not a PDF"
    return ReadPdf(PdfReader(io.BytesIO(data)))


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (cells wrap)."""
    return " ".join(text.split())
