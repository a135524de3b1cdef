"""The agreement PDF read back: the articles, every party, a signature block each."""

from __future__ import annotations

from datetime import date

from desdesk.domain.agreement_template import AgreementParty, default_template, fill
from desdesk.reports.agreement import agreement_pdf
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input
from tests.pdfs import flat, read_pdf
from tests.unit.test_agreement_template import ARTICLES

PROFILE = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")


def _members(workspace: Workspace) -> None:
    workspace.members.add(
        member_input(
            "Cooperativa Sociale La Rete",
            legal_representative="Anna Zeni",
            address="Via Roma 3",
        )
    )
    workspace.members.add(
        member_input(
            "Comune di Villa Lagarina",
            legal_form="comune",
            tax_code=VALID_ORG_CODES[1],
            comune="Villa Lagarina",
            legal_representative="Romina Baroni",
        )
    )
    workspace.members.add(
        member_input(
            "Azienda Agricola Maso Prà",
            legal_form="azienda_agricola",
            tax_code=VALID_ORG_CODES[2],
            vat_number=VALID_ORG_CODES[3],
        )
    )
    gone = workspace.members.add(
        member_input("GAS Uscito", legal_form="gas", tax_code=VALID_ORG_CODES[4])
    )
    workspace.members.withdraw(gone, date.today(), "Recesso")


def test_the_pdf_has_every_article_and_every_party_with_its_identity(
    workspace: Workspace,
) -> None:
    _members(workspace)
    text = flat(read_pdf(workspace.agreement.pdf()).text)
    assert "Accordo volontario di costituzione" in text
    assert "Premesse" in text
    for number, article in enumerate(ARTICLES, start=1):
        assert f"Art. {number} — {article}" in text
    assert "Le parti" in text
    for name, code, representative in (
        ("Cooperativa Sociale La Rete", VALID_ORG_CODES[0], "Anna Zeni"),
        ("Comune di Villa Lagarina", VALID_ORG_CODES[1], "Romina Baroni"),
        ("Azienda Agricola Maso Prà", VALID_ORG_CODES[2], None),
    ):
        assert name in text
        assert code in text
        if representative:
            assert text.count(representative) == 2  # in the table and in the signature block
    assert f"P.IVA {VALID_ORG_CODES[3]}" in text
    assert "Via Roma 3, 38068 Rovereto (TN)" in text
    assert "Cooperativa sociale di tipo A" in text
    assert "GAS Uscito" not in text
    assert text.count("Il legale rappresentante") == 3
    assert text.count("Firma ") == 3


def test_the_filled_values_and_blank_lines_are_printed(workspace: Workspace) -> None:
    _members(workspace)
    text = flat(read_pdf(workspace.agreement.pdf()).text)
    assert "a 3 assemblee consecutive" in text
    assert "Coordinatore: da nominare" in text
    assert "la quota annua di adesione è da stabilire" in text
    assert "Data di costituzione: ________" in text
    assert "con sede presso ________" in text


def test_an_unsaved_text_is_what_the_preview_prints(workspace: Workspace) -> None:
    text = default_template() + "\n\nClausola di prova per {{nome_distretto}}."
    printed = flat(read_pdf(workspace.agreement.pdf(text)).text)
    assert "Clausola di prova per DES Vallagarina." in printed
    assert workspace.agreement.is_default()  # nothing was saved


def test_a_signature_block_is_never_split_across_pages() -> None:
    parties = [
        AgreementParty(
            name=f"Aderente numero {n:02d}",
            legal_form="associazione",
            tax_code=f"{n:011d}",
            comune="Trento",
            provincia="TN",
            legal_representative=f"Persona {n:02d}",
        )
        for n in range(1, 26)
    ]
    blocks = fill(default_template(), {"nome_distretto": PROFILE.name})
    pages = [flat(page) for page in read_pdf(agreement_pdf(PROFILE, blocks, parties)).pages]
    signature_pages = [page for page in pages if "Firma " in page]
    assert len(signature_pages) > 1
    for page in signature_pages:
        blocks_on_page = page.count("Il legale rappresentante")
        assert blocks_on_page == page.count("Luogo") == page.count("Firma ")
    assert sum(page.count("Firma ") for page in pages) == 25
    whole = flat("\n".join(pages))
    for party in parties:
        assert party.name in whole
        assert party.tax_code in whole
        assert whole.count(party.legal_representative) == 2


def test_a_district_without_members_says_so(workspace: Workspace) -> None:
    text = flat(read_pdf(workspace.agreement.pdf()).text)
    assert "Il distretto non ha aderenti attivi." in text
    assert "Firma " not in text
