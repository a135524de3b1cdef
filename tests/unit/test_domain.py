"""The domain vocabulary: legal forms, enums, text keys and member field rules."""

from __future__ import annotations

from datetime import date

import pytest

from desdesk.domain.enums import (
    _LABELS,
    DistrictKind,
    FoundingDocumentKind,
    Nature,
    ObjectiveStatus,
    OfficeKind,
    ReferentKind,
    Sector,
    SupplyChainRole,
)
from desdesk.domain.legal_forms import LEGAL_FORMS, by_code, nature_of, parse_legal_form
from desdesk.domain.member_fields import (
    check_dates,
    check_identity,
    check_lists,
    clean_text_fields,
    normalize_field,
)
from desdesk.domain.text import match_key, search_key, strip_accents
from tests.factories import VALID_ORG_CODES

_P, _PROFIT, _NP = Nature.PUBLIC, Nature.PRIVATE_PROFIT, Nature.PRIVATE_NON_PROFIT

# The table of domain.md, "Legal forms and their nature", copied by hand.
DOMAIN_TABLE = [
    (_P, "comune", "Comune"),
    (_P, "comunita_di_valle", "Comunità di valle / Comunità territoriale"),
    (_P, "provincia", "Provincia"),
    (_P, "apsp", "Azienda pubblica di servizi alla persona (APSP)"),
    (_P, "ente_pubblico", "Altro ente pubblico"),
    (_PROFIT, "impresa_individuale", "Impresa individuale"),
    (_PROFIT, "societa_di_persone", "Società di persone (SNC, SAS)"),
    (_PROFIT, "societa_di_capitali", "Società di capitali (SRL, SPA)"),
    (_PROFIT, "societa_benefit", "Società benefit"),
    (_PROFIT, "cooperativa", "Cooperativa"),
    (_PROFIT, "consorzio", "Consorzio"),
    (_PROFIT, "azienda_agricola", "Azienda agricola"),
    (_NP, "associazione", "Associazione"),
    (_NP, "aps", "Associazione di promozione sociale (APS)"),
    (_NP, "odv", "Organizzazione di volontariato (ODV)"),
    (_NP, "fondazione", "Fondazione"),
    (_NP, "impresa_sociale", "Impresa sociale"),
    (_NP, "cooperativa_sociale_a", "Cooperativa sociale di tipo A"),
    (_NP, "cooperativa_sociale_b", "Cooperativa sociale di tipo B"),
    (_NP, "cooperativa_sociale_ab", "Cooperativa sociale di tipo A+B"),
    (_NP, "consorzio_sociale", "Consorzio sociale"),
    (_NP, "rete_associativa", "Rete associativa"),
    (_NP, "societa_mutuo_soccorso", "Società di mutuo soccorso"),
    (_NP, "gas", "Gruppo di acquisto solidale (GAS)"),
    (_NP, "ente_filantropico", "Ente filantropico"),
]


# legal forms


def test_the_25_legal_forms_of_domain_md_in_order() -> None:
    assert len(LEGAL_FORMS) == 25
    assert [(f.nature, f.code, f.label) for f in LEGAL_FORMS] == DOMAIN_TABLE


@pytest.mark.parametrize(("nature", "code", "label"), DOMAIN_TABLE)
def test_each_legal_form_by_code_label_and_nature(nature: Nature, code: str, label: str) -> None:
    assert by_code(code).nature is nature
    assert nature_of(code) is nature
    assert parse_legal_form(code).code == code
    assert parse_legal_form(label).code == code
    assert parse_legal_form(label.upper()).code == code
    assert parse_legal_form(label.replace("à", "a")).code == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("SRL", "societa_di_capitali"),
        ("spa", "societa_di_capitali"),
        ("S.r.l.", "societa_di_capitali"),
        ("SNC", "societa_di_persone"),
        ("sas", "societa_di_persone"),
        ("APS", "aps"),
        ("ODV", "odv"),
        ("GAS", "gas"),
        ("APSP", "apsp"),
        ("SOCIETA DI CAPITALI", "societa_di_capitali"),
        ("società di mutuo soccorso", "societa_mutuo_soccorso"),
        ("Comunità territoriale", "comunita_di_valle"),
        ("comunita di valle", "comunita_di_valle"),
        ("  Gruppo di acquisto solidale  ", "gas"),
        ("cooperativa-sociale-a", "cooperativa_sociale_a"),
        ("Cooperativa sociale di tipo A+B", "cooperativa_sociale_ab"),
        ("COMUNITA_DI_VALLE", "comunita_di_valle"),
    ],
)
def test_parse_legal_form_by_abbreviation_and_loose_label(typed: str, code: str) -> None:
    assert parse_legal_form(typed).code == code


@pytest.mark.parametrize("unknown", ["", "Ditta", "SRLS", "cooperativa sociale", "coop"])
def test_unknown_legal_form_raises_value_error(unknown: str) -> None:
    with pytest.raises(ValueError):
        parse_legal_form(unknown)


def test_no_two_legal_forms_share_a_match_key() -> None:
    seen: dict[str, str] = {}
    for form in LEGAL_FORMS:
        for key in form.match_keys():
            assert seen.setdefault(key, form.code) == form.code, key


def test_by_code_of_unknown_raises_key_error() -> None:
    with pytest.raises(KeyError):
        by_code("srl")


def test_nature_of_with_override() -> None:
    assert nature_of("cooperativa") is _PROFIT
    assert nature_of("cooperativa", _NP) is _NP
    assert nature_of("comune", None) is _P


# enums


def test_sector_parse_by_number() -> None:
    assert Sector.parse("1") is Sector.ORGANIC_FOOD
    assert Sector.parse(" 13 ") is Sector.CRITICAL_CONSUMPTION
    assert [Sector.parse(str(n)).value for n in range(1, 14)] == list(range(1, 14))


@pytest.mark.parametrize("wrong", ["0", "14", "", "tre", "welfare"])
def test_sector_parse_refuses_others(wrong: str) -> None:
    with pytest.raises(ValueError):
        Sector.parse(wrong)


@pytest.mark.parametrize(
    ("typed", "sector"),
    [
        ("Welfare di comunità", Sector.COMMUNITY_WELFARE),
        ("welfare di comunita", Sector.COMMUNITY_WELFARE),
        ("MOBILITA SOSTENIBILE", Sector.SUSTAINABLE_MOBILITY),
        ("software libero", Sector.FREE_SOFTWARE),
        ("Filiera corta e garanzia della qualità alimentare", Sector.SHORT_SUPPLY_CHAIN),
    ],
)
def test_sector_parse_by_name_ignoring_case_and_accents(typed: str, sector: Sector) -> None:
    assert Sector.parse(typed) is sector


def test_every_sector_has_a_label_that_parses_back() -> None:
    assert len(Sector) == 13
    for sector in Sector:
        assert sector.label()
        assert Sector.parse(sector.label()) is sector
    assert Sector(13).label() == "Consumo critico e gruppi di acquisto solidale"


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("finanziamento", SupplyChainRole.FINANCING),
        ("Produzione", SupplyChainRole.PRODUCTION),
        ("DISTRIBUZIONE", SupplyChainRole.DISTRIBUTION),
        (" consumo ", SupplyChainRole.CONSUMPTION),
    ],
)
def test_supply_chain_role_parse(typed: str, role: SupplyChainRole) -> None:
    assert SupplyChainRole.parse(typed) is role


def test_supply_chain_role_parse_refuses_others() -> None:
    with pytest.raises(ValueError):
        SupplyChainRole.parse("vendita")


def test_labelled_parse_accepts_label_too() -> None:
    assert Nature.parse("Privato non profit") is Nature.PRIVATE_NON_PROFIT
    assert Nature.parse("privato_profit") is Nature.PRIVATE_PROFIT
    assert DistrictKind.parse("DES tematico") is DistrictKind.THEMATIC
    assert OfficeKind.parse("Responsabile comunicazione") is OfficeKind.COMMUNICATION


@pytest.mark.parametrize(
    "enum",
    [
        DistrictKind,
        Nature,
        SupplyChainRole,
        ReferentKind,
        OfficeKind,
        ObjectiveStatus,
        FoundingDocumentKind,
    ],
)
def test_every_enum_member_has_a_distinct_label(enum: type[DistrictKind]) -> None:
    labels = [member.label() for member in enum]
    assert all(labels)
    assert len(set(labels)) == len(labels)
    assert all(member in _LABELS for member in enum)


def test_stored_codes_do_not_change() -> None:
    # These strings are written to district files: renaming one breaks existing files.
    assert [k.value for k in DistrictKind] == ["territoriale", "tematico"]
    assert [n.value for n in Nature] == ["pubblico", "privato_profit", "privato_non_profit"]
    assert [r.value for r in ReferentKind] == ["titolare", "supplente"]
    assert OfficeKind.EXTERNAL_REFERENT.value == "referente_esterno"


# text


def test_match_key_ignores_case_hyphens_spaces_dots_underscores() -> None:
    assert match_key("E-mail") == match_key("email") == match_key("E_MAIL") == "email"
    assert match_key("Codice Fiscale") == match_key("codice_fiscale") == match_key("codice.fiscale")
    assert match_key("Comunità") == match_key("comunita") == match_key("COMUNITÀ")
    assert match_key("dell'uscita") == match_key("dell’uscita") == match_key("delluscita")


def test_match_key_keeps_letters_and_digits_apart() -> None:
    assert match_key("tipo A") != match_key("tipo B")
    assert match_key("A+B") == "a+b"


def test_search_key_keeps_spaces() -> None:
    assert search_key("Società Agricola") == "societa agricola"
    assert strip_accents("perché più è") == "perche piu e"


# member fields


def test_check_identity_accepts_the_nature_of_the_legal_form() -> None:
    assert check_identity("Coop", "cooperativa", None, "") == []
    assert check_identity("Coop", "cooperativa", "privato_profit", "") == []


def test_check_identity_needs_a_reason_when_nature_differs() -> None:
    problems = check_identity("Coop", "cooperativa", "privato_non_profit", "  ")
    assert [p.field for p in problems] == ["nature_override_reason"]
    assert "perché la natura è diversa" in problems[0].message
    assert check_identity("Coop", "cooperativa", "privato_non_profit", "ONLUS di diritto") == []


def test_check_identity_name_legal_form_and_unknown_nature() -> None:
    assert [p.field for p in check_identity(" ", "comune", None, "")] == ["name"]
    assert [p.field for p in check_identity("X", "srl", None, "")] == ["legal_form"]
    assert [p.field for p in check_identity("", "", None, "")] == ["name", "legal_form"]
    assert [p.field for p in check_identity("X", "comune", "misto", "why")] == ["nature_override"]


def test_clean_text_fields_normalises_and_collects_one_problem_per_bad_field() -> None:
    cleaned, problems = clean_text_fields(
        {
            "tax_code": f"it {VALID_ORG_CODES[0]}",
            "email": "not-an-address",
            "phone": "12",
            "cap": "380",
            "provincia": "tn",
            "comune": "  Rovereto ",
            "pec": "",
        }
    )
    assert cleaned == {
        "tax_code": VALID_ORG_CODES[0],
        "provincia": "TN",
        "comune": "Rovereto",
        "pec": "",
    }
    assert [p.field for p in problems] == ["email", "phone", "cap"]
    assert "not-an-address" in problems[0].message
    assert "“12”" in problems[1].message
    assert "5 cifre" in problems[2].message


def test_normalize_field_leaves_empty_and_unknown_fields_alone() -> None:
    assert normalize_field("tax_code", "   ") == ""
    assert normalize_field("notes", "  testo libero ") == "testo libero"


def test_check_lists_and_dates() -> None:
    assert check_lists([1, 13], ["produzione"]) == []
    assert [p.field for p in check_lists([0, 14], ["vendita"])] == [
        "disciplinari",
        "supply_chain_roles",
    ]
    assert check_dates(date(2024, 1, 1), date(2024, 1, 1)) == []
    assert check_dates(None, date(2020, 1, 1)) == []
    problems = check_dates(date(2024, 1, 2), date(2024, 1, 1))
    assert [p.field for p in problems] == ["left_on"]
    assert "precedente" in problems[0].message
