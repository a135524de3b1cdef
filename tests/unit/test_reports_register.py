"""Libro degli aderenti, built from a real district file and read back with pypdf."""

from __future__ import annotations

from datetime import date, timedelta

from desdesk.reports.register import register_pdf, tax_ids
from desdesk.schemas import MemberEntry
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input
from tests.pdfs import A4_POINTS, flat, read_pdf
from tests.report_district import (
    ACCENTED,
    COOPERATIVE,
    DAY,
    FORMER,
    LEAVE_REASON,
    NO_REFERENT,
    documents,
    populate,
)


def test_register_lists_active_members_with_their_data(workspace: Workspace) -> None:
    populate(workspace)

    pdf = read_pdf(documents(workspace).register_pdf())

    text = flat(pdf.text)
    assert pdf.page_sizes() == [A4_POINTS[::-1]] * len(pdf.pages)  # A4 landscape
    assert "Libro degli aderenti" in text
    assert "DES Vallagarina" in text
    assert "DES territoriale · Vallagarina" in text
    assert f"Pagina 1 di {len(pdf.pages)}" in text
    assert "Situazione al 26/11/2026" in text
    for name in (ACCENTED, COOPERATIVE, NO_REFERENT):
        assert name in text
    assert "Azienda agricola" in text
    assert "Cooperativa sociale di tipo A" in text
    assert "Privato non profit" in text
    assert f"{VALID_ORG_CODES[0]} P.IVA {VALID_ORG_CODES[4]}" in text
    assert "Mori (TN)" in text
    assert "02/05/2023" in text
    # The current primary referent, not the replaced one.
    assert "Giulia Bertolini" in text
    assert "Marco Zanon" not in text


def test_active_members_are_numbered_in_order_of_admission(workspace: Workspace) -> None:
    populate(workspace)

    text = flat(read_pdf(documents(workspace).register_pdf()).text)

    assert f"1 {NO_REFERENT}" in text  # joined 2022
    assert f"2 {ACCENTED}" in text  # 2023
    assert f"3 {COOPERATIVE}" in text  # 2024


def test_former_members_have_their_own_section_with_date_and_reason(
    workspace: Workspace,
) -> None:
    populate(workspace)

    text = flat(read_pdf(documents(workspace).register_pdf()).text)

    assert "Nessun aderente è uscito" not in text
    heading = text.rindex("Ex aderenti")
    assert text.index(FORMER) > heading
    assert all(text.index(name) < heading for name in (ACCENTED, COOPERATIVE, NO_REFERENT))
    after = text[heading:]
    assert "30/06/2025" in after
    assert "01/09/2021" in after
    assert flat(LEAVE_REASON) in after
    assert "1.234,56 €" in after
    # A former member's referent is not listed any more.
    assert "Mattia Tomasi" not in text


def test_summary_counts_active_and_former_members(workspace: Workspace) -> None:
    populate(workspace)

    text = flat(read_pdf(documents(workspace).register_pdf()).text)

    assert "Aderenti attivi 3" in text
    assert "Ex aderenti 1" in text


def test_an_empty_register_says_so_in_sentences(workspace: Workspace) -> None:
    pdf = read_pdf(documents(workspace).register_pdf())

    text = flat(pdf.text)
    assert "Il distretto non ha aderenti attivi." in text
    assert "Nessun aderente è uscito dal distretto." in text
    assert "Denominazione" not in text
    assert "Pagina 1 di 1" in text


def test_a_register_of_300_members_spans_pages_each_with_header_and_footer(
    workspace: Workspace,
) -> None:
    start = date(2020, 1, 1)
    entries = [
        MemberEntry(
            member=member_input(
                f"Aderente {n:03d} Società Cooperativa", tax_code="",
                joined_on=start + timedelta(days=n),
            ),
            left_on=date(2025, 1, 1) if n % 50 == 0 else None,
            leave_reason="Recesso volontario" if n % 50 == 0 else "",
        )
        for n in range(1, 301)
    ]  # fmt: skip
    workspace.members.add_many(entries)

    pdf = read_pdf(documents(workspace).register_pdf())

    pages = pdf.pages
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "DES Vallagarina" in page
        assert "Libro degli aderenti" in page
        assert f"Pagina {number} di {len(pages)}" in page
        assert "Generato il 26/11/2026" in page
        assert "Denominazione" in page  # the table header repeats
    text = flat(pdf.text)
    assert all(f"Aderente {n:03d} Società Cooperativa" in text for n in range(1, 301))
    assert "Aderenti attivi 294" in text
    assert "Ex aderenti 6" in text


def test_register_pdf_takes_plain_read_models(workspace: Workspace) -> None:
    populate(workspace)
    profile, rows = workspace.district.profile(), workspace.members.list_rows()

    pdf = read_pdf(register_pdf(profile, rows, generated_on=DAY))

    assert "Generato il 26/11/2026" in pdf.text
    assert [row.leave_reason for row in rows if not row.active] == [LEAVE_REASON]


def test_tax_ids_show_the_vat_number_only_when_it_differs() -> None:
    assert tax_ids("00743110157", "00743110157") == "00743110157"
    assert tax_ids("00743110157", "") == "00743110157"
    assert tax_ids("RSSMRA85T10A562S", "02468130220") == "RSSMRA85T10A562S\nP.IVA 02468130220"
    assert tax_ids("", "02468130220") == "P.IVA 02468130220"
    assert tax_ids("", "") == ""
