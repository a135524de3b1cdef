"""Contatti dei referenti, built from a real district file and read back with pypdf."""

from __future__ import annotations

from desdesk.reports.contacts import contacts_pdf
from desdesk.services.workspace import Workspace
from tests.pdfs import A4_POINTS, flat, read_pdf
from tests.report_district import (
    ACCENTED,
    COOPERATIVE,
    DAY,
    FORMER,
    NO_REFERENT,
    documents,
    populate,
)


def test_contacts_show_primary_and_substitute_with_role_email_phone(
    workspace: Workspace,
) -> None:
    populate(workspace)

    pdf = read_pdf(documents(workspace).contacts_pdf())

    text = flat(pdf.text)
    assert pdf.page_sizes() == [A4_POINTS] * len(pdf.pages)
    assert "Contatti dei referenti" in text
    assert "DES Vallagarina" in text
    assert f"Pagina 1 di {len(pdf.pages)}" in text
    assert "Generato il 26/11/2026" in text
    assert ACCENTED in text
    assert "Nicolò Dell'Antonio Presidente nicolo@example.it +39 0464 123456" in text
    assert "Élodie Zanetti Socia lavoratrice elodie@example.it +39 0461 987654" in text


def test_only_current_referents_of_active_members_are_listed(workspace: Workspace) -> None:
    populate(workspace)

    text = flat(read_pdf(documents(workspace).contacts_pdf()).text)

    assert COOPERATIVE in text
    assert "Giulia Bertolini" in text
    assert "Marco Zanon" not in text  # replaced
    assert FORMER not in text
    assert "Mattia Tomasi" not in text  # referent of a former member


def test_a_member_without_primary_referent_is_flagged(workspace: Workspace) -> None:
    populate(workspace)

    text = flat(read_pdf(documents(workspace).contacts_pdf()).text)

    assert text.count("manca il referente titolare") == 1
    flag = text.index("manca il referente titolare")
    # In the row of the member without one: after its name, before the next member.
    assert text.index(NO_REFERENT) < flag < text.index(COOPERATIVE)
    assert "senza referente titolare 1" in text


def test_members_are_in_alphabetical_order(workspace: Workspace) -> None:
    populate(workspace)

    text = flat(read_pdf(documents(workspace).contacts_pdf()).text)

    positions = [text.index(f"{n} {name}") for n, name in
                 enumerate([NO_REFERENT, COOPERATIVE, ACCENTED], start=1)]  # fmt: skip
    assert positions == sorted(positions)


def test_the_document_warns_it_holds_personal_data(workspace: Workspace) -> None:
    populate(workspace)

    pdf = read_pdf(documents(workspace).contacts_pdf())

    text = flat(pdf.text)
    assert "dati personali" in text
    assert "GDPR" in text
    assert "uso interno del distretto" in text
    assert all("Contiene dati personali" in page for page in pdf.pages)


def test_a_district_without_active_members_says_so(workspace: Workspace) -> None:
    pdf = read_pdf(documents(workspace).contacts_pdf())

    text = flat(pdf.text)
    assert "Il distretto non ha aderenti attivi." in text
    assert "Referente titolare" not in text
    assert "GDPR" in text


def test_contacts_pdf_takes_plain_read_models(workspace: Workspace) -> None:
    populate(workspace)

    data = contacts_pdf(
        workspace.district.profile(),
        workspace.members.list_rows(),
        workspace.referents.list_all(include_past=True),
        generated_on=DAY,
    )

    text = flat(read_pdf(data).text)
    assert "Giulia Bertolini" in text
    assert "Marco Zanon" not in text
