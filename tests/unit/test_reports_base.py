"""The report base: A4 page, embedded Liberation Sans, header and footer, metadata, tables."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph

from desdesk.i18n import format_date
from desdesk.reports import styles as st
from desdesk.reports.base import DocumentInfo, PageContext, StoryBuilder, render_pdf
from desdesk.reports.cells import Span, Stack, wrap_lines
from desdesk.reports.flowables import para
from desdesk.reports.tables import Column, data_table
from tests.pdfs import A4_POINTS, flat, read_pdf

DAY = date(2026, 11, 26)
ITALIAN = "àèéìòù ÀÈÉÌÒÙ €"


def info(**overrides: object) -> DocumentInfo:
    values: dict[str, object] = {
        "title": "Documento di prova",
        "district_name": "DES Val di Fiemme e Fassa",
        "subject": "Prova della base",
        "generated_on": DAY,
    }
    values.update(overrides)
    return DocumentInfo(**values)  # type: ignore[arg-type]


def pages_story(count: int) -> StoryBuilder:
    def build(ctx: PageContext) -> list[Flowable]:
        story: list[Flowable] = []
        for number in range(count):
            if number:
                story.append(PageBreak())
            story.append(para(f"Contenuto {number + 1} {ITALIAN}", ctx.styles.body))
        return story

    return build


def test_a_page_is_a4_portrait_or_landscape() -> None:
    portrait = read_pdf(render_pdf(info(), pages_story(1)))
    landscape = read_pdf(render_pdf(info(landscape=True), pages_story(1)))

    assert portrait.page_sizes() == [A4_POINTS]
    assert landscape.page_sizes() == [A4_POINTS[::-1]]


def test_fonts_are_liberation_sans_embedded_with_bold_and_italic() -> None:
    story = [Paragraph(f"Normale <b>grassetto</b> <i>corsivo</i> <b><i>tutti e due</i></b> {ITALIAN}",
                       st.get_styles().body)]  # fmt: skip
    pdf = read_pdf(render_pdf(info(), story))

    fonts = pdf.fonts()
    names = {name.split("+", 1)[-1] for name in fonts}
    assert {"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic",
            "LiberationSans-BoldItalic"} <= names  # fmt: skip
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert ITALIAN in pdf.text


def test_metadata_names_title_author_subject_and_language() -> None:
    pdf = read_pdf(render_pdf(info(), pages_story(1)))

    metadata = pdf.reader.metadata
    assert metadata is not None
    assert metadata.title == "Documento di prova"
    assert metadata.author == "desdesk"
    assert metadata.subject == "Prova della base"
    assert pdf.reader.trailer["/Root"]["/Lang"] == "it"


def test_every_page_has_header_and_page_x_of_y_footer() -> None:
    pdf = read_pdf(render_pdf(info(), pages_story(3)))

    assert len(pdf.pages) == 3
    for number, text in enumerate(pdf.pages, start=1):
        assert "DES Val di Fiemme e Fassa" in text
        assert "Documento di prova" in text
        assert f"Pagina {number} di 3" in text
        assert "Generato il 26/11/2026" in text
        assert f"Contenuto {number}" in text


def test_generation_date_defaults_to_today() -> None:
    pdf = read_pdf(render_pdf(info(generated_on=None), pages_story(1)))

    assert f"Generato il {format_date(date.today())}" in pdf.text


def test_footer_note_is_on_every_page() -> None:
    pdf = read_pdf(render_pdf(info(footer_note="Uso interno"), pages_story(2)))

    assert all("Uso interno" in text for text in pdf.pages)


def test_a_long_table_repeats_its_header_row_on_every_page() -> None:
    columns = [Column("Numero", 1, align="RIGHT"), Column("Intestazione lunga", 6)]

    def build(ctx: PageContext) -> list[Flowable]:
        rows = [[str(n), f"Riga {n} {ITALIAN}"] for n in range(1, 201)]
        return [data_table(ctx, columns, rows)]

    pdf = read_pdf(render_pdf(info(), build))

    assert len(pdf.pages) > 2
    assert all("Intestazione lunga" in text for text in pdf.pages)
    text = pdf.text
    assert all(f"Riga {n} " in text for n in range(1, 201))


def test_long_cell_texts_wrap_and_are_never_cut() -> None:
    words = [f"parola{n}è" for n in range(120)]
    email = "nome.cognome.lunghissimo@cooperativa-sociale-di-esempio-molto-lunga.example.it"
    columns = [Column("Testo", 1), Column("Contatti", 1), Column("Note", 3)]

    def build(ctx: PageContext) -> list[Flowable]:
        row = [" ".join(words), Stack((Span("Mario Rossi", st.BOLD), Span(email))), "breve"]
        return [data_table(ctx, columns, [row])]

    pdf = read_pdf(render_pdf(info(), build))

    text = flat(pdf.text)
    assert all(word in text for word in words)
    assert email in text.replace(" ", "")
    assert "Mario Rossi" in text


def test_wrap_lines_fits_the_width_and_keeps_every_character() -> None:
    st.register_fonts()
    text = "Associazione di promozione sociale “Il Ponte” — Comunità di valle " * 3
    email = "amministrazione.generale@cooperativa-sociale-esempio.example.it"
    width = 90.0

    for source in (text, email):
        lines = wrap_lines(source, st.REGULAR, width)
        assert len(lines) > 1
        assert all(stringWidth(line, st.REGULAR, st.TABLE_SIZE) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == source.replace(" ", "")

    # A long address breaks at a natural point, not in the middle of a word.
    assert wrap_lines(email, st.REGULAR, width)[0].endswith((".", "-"))


def test_decomposed_accents_are_composed_before_drawing() -> None:
    decomposed = "Societa\u0300 Cooperativa Caffe\u0300"  # a + combining grave accent

    pdf = read_pdf(render_pdf(info(district_name=decomposed), pages_story(1)))

    assert "Società Cooperativa Caffè" in pdf.text


@pytest.mark.parametrize("landscape", [False, True])
def test_builder_gets_the_usable_frame_width(landscape: bool) -> None:
    seen: list[float] = []

    def build(ctx: PageContext) -> list[Flowable]:
        seen.append(ctx.width)
        return [para("x", ctx.styles.body)]

    render_pdf(info(landscape=landscape), build)

    page_width = A4_POINTS[1] if landscape else A4_POINTS[0]
    assert 0.8 * page_width < seen[0] < page_width


def test_a_row_taller_than_a_page_is_continued_on_the_next_pages() -> None:
    words = [f"parola{n}" for n in range(3000)]
    columns = [Column("Aderente", 1), Column("Note", 3)]

    def build(ctx: PageContext) -> list[Flowable]:
        rows = [["primo", "breve"], ["secondo", " ".join(words)], ["terzo", "fine"]]
        return [data_table(ctx, columns, rows)]

    pdf = read_pdf(render_pdf(info(), build))

    assert len(pdf.pages) > 3
    text = flat(pdf.text)
    assert all(word in text for word in words)
    assert (
        text.index("primo") < text.index("parola0") < text.index("parola2999") < text.index("terzo")
    )
