"""The row parser and header matching of member files: every accepted variant, every refusal."""

from __future__ import annotations

from datetime import date

import pytest

from desdesk.domain.errors import FieldProblem
from desdesk.domain.member_columns import (
    COLUMNS,
    column_for_header,
    format_bool,
    format_date,
    format_list,
    match_headers,
)
from desdesk.domain.member_rows import PersonValues, parse_row, split_list
from tests.factories import VALID_ORG_CODES, VALID_PERSON_CODE

MINIMAL = {"denominazione": "Cooperativa La Rete", "forma_giuridica": "cooperativa"}


def row(**cells: str) -> dict[str, str]:
    return {**MINIMAL, **cells}


def problems_of(cells: dict[str, str]) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in parse_row(cells).problems]


def only_problem(cells: dict[str, str]) -> FieldProblem:
    problems = parse_row(cells).problems
    assert len(problems) == 1, problems
    return problems[0]


# Columns and headers


def test_the_export_columns_are_those_of_the_issue_in_order() -> None:
    assert COLUMNS == (
        "denominazione", "forma_giuridica", "codice_fiscale", "partita_iva", "indirizzo",
        "comune", "provincia", "cap", "email", "pec", "telefono", "sito_web",
        "iscritto_disciplinari", "settori_disciplinari", "ruoli_filiera", "data_adesione",
        "data_uscita", "motivo_uscita", "referente_nome", "referente_cognome",
        "referente_email", "referente_telefono", "supplente_nome", "supplente_cognome",
        "supplente_email", "supplente_telefono", "note", "legale_rappresentante",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("codice_fiscale", "codice_fiscale"),
        ("Codice Fiscale", "codice_fiscale"),
        ("CODICE-FISCALE", "codice_fiscale"),
        ("codice.fiscale", "codice_fiscale"),
        ("E-mail", "email"),
        ("E_MAIL", "email"),
        ("Data adesione", "data_adesione"),
        ("Data di adesione", "data_adesione"),
        ("Città", None),
        ("Partita IVA", "partita_iva"),
        ("P.IVA", "partita_iva"),
        ("Iscritto ai disciplinari", "iscritto_disciplinari"),
        ("  Denominazione ", "denominazione"),
        ("Sito web", "sito_web"),
        ("Referente Nome", "referente_nome"),
        ("", None),
    ],
)
def test_headers_match_ignoring_case_accents_and_separators(
    header: str, column: str | None
) -> None:
    assert column_for_header(header) == column


def test_match_headers_records_positions_and_extra_columns() -> None:
    match = match_headers(["Denominazione", "", "Forma giuridica", "Colore preferito"])
    assert match.positions == {
        "denominazione": (0, "Denominazione"),
        "forma_giuridica": (2, "Forma giuridica"),
    }
    assert match.extra_columns == ["Colore preferito"]
    assert match.problems == []
    assert match.header_of("forma_giuridica") == "Forma giuridica"
    assert match.header_of("email") == "email"


def test_a_missing_required_column_is_a_problem_naming_it() -> None:
    match = match_headers(["Denominazione", "Comune"])
    assert match.problems == [
        FieldProblem("forma_giuridica", "Manca la colonna obbligatoria “forma_giuridica”.")
    ]


def test_a_repeated_column_is_a_problem() -> None:
    match = match_headers(["denominazione", "forma_giuridica", "E-mail", "email"])
    assert match.problems == [
        FieldProblem("email", "La colonna “email” è ripetuta (è già “E-mail”).")
    ]


def test_export_cell_formats() -> None:
    assert format_bool(True) == "sì"
    assert format_bool(False) == "no"
    assert format_list([3, 13]) == "3, 13"
    assert format_list([]) == ""
    assert format_date(date(2024, 3, 6)) == "06/03/2024"
    assert format_date(None) == ""


# A minimal row and text fields


def test_a_minimal_row_gives_a_member_without_referents() -> None:
    parsed = parse_row(MINIMAL)
    assert parsed.ok
    assert parsed.member["name"] == "Cooperativa La Rete"
    assert parsed.member["legal_form"] == "cooperativa"
    assert parsed.member["aes_subscriber"] is False
    assert parsed.member["disciplinari"] == []
    assert parsed.member["joined_on"] is None
    assert parsed.primary is None
    assert parsed.substitute is None
    assert parsed.left_on is None


def test_text_fields_are_stripped_and_normalised() -> None:
    parsed = parse_row(
        row(
            indirizzo="  Via Roma 1 ",
            comune=" Rovereto",
            provincia="tn",
            cap="38068",
            email=" Info@LaRete.example.it ",
            pec="larete@pec.example.it",
            telefono="0464 123456",
            sito_web="www.larete.example.it",
            note="  fondatore ",
        )
    )
    assert parsed.ok, parsed.problems
    member = parsed.member
    assert member["address"] == "Via Roma 1"
    assert member["comune"] == "Rovereto"
    assert member["provincia"] == "TN"
    assert member["email"] == "info@larete.example.it"
    assert member["phone"] == "+39 0464 123456"
    assert member["website"] == "www.larete.example.it"
    assert member["notes"] == "fondatore"


def test_a_column_missing_from_the_row_counts_as_empty() -> None:
    assert parse_row({"denominazione": "X", "forma_giuridica": "gas"}).member["email"] == ""


# Legal form


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("cooperativa_sociale_a", "cooperativa_sociale_a"),
        ("Cooperativa sociale di tipo A", "cooperativa_sociale_a"),
        ("Società benefit", "societa_benefit"),
        ("SOCIETA BENEFIT", "societa_benefit"),
        ("Associazione di promozione sociale (APS)", "aps"),
        ("APS", "aps"),
        ("odv", "odv"),
        ("Comunità di valle", "comunita_di_valle"),
        ("SRL", "societa_di_capitali"),
    ],
)
def test_legal_form_by_code_label_or_abbreviation(text: str, code: str) -> None:
    assert parse_row(row(forma_giuridica=text)).member["legal_form"] == code


def test_an_unknown_legal_form_is_refused() -> None:
    problem = only_problem(row(forma_giuridica="Parrocchia"))
    assert problem.field == "forma_giuridica"
    assert "“Parrocchia” non riconosciuta" in problem.message


def test_name_and_legal_form_are_required() -> None:
    assert problems_of({"denominazione": " ", "forma_giuridica": ""}) == [
        ("denominazione", "La denominazione è obbligatoria."),
        ("forma_giuridica", "La forma giuridica è obbligatoria."),
    ]


# Identifiers


@pytest.mark.parametrize(
    "text",
    ["00743110157", "IT00743110157", "it 007 431 10157", "IT 00743110157 ", "00743.110.157"],
)
def test_organisation_codes_in_any_form_are_stored_compact(text: str) -> None:
    parsed = parse_row(row(codice_fiscale=text, partita_iva=text))
    assert parsed.ok, parsed.problems
    assert parsed.member["tax_code"] == "00743110157"
    assert parsed.member["vat_number"] == "00743110157"


@pytest.mark.parametrize("text", [VALID_PERSON_CODE.lower(), " rssmra 85t10 a562s "])
def test_a_person_codice_fiscale_in_lower_case_with_spaces(text: str) -> None:
    assert parse_row(row(codice_fiscale=text)).member["tax_code"] == VALID_PERSON_CODE


def test_a_codice_fiscale_with_a_wrong_check_digit_is_refused() -> None:
    problem = only_problem(row(codice_fiscale="00743110158"))
    assert problem.field == "codice_fiscale"
    assert "cifra di controllo" in problem.message  # 11 digits: a digit, like a P.IVA


def test_a_codice_fiscale_of_the_wrong_length_is_refused() -> None:
    problem = only_problem(row(codice_fiscale="12345"))
    assert problem == FieldProblem(
        "codice_fiscale",
        "Il codice fiscale deve avere 16 caratteri (persona) o 11 cifre (ente): “12345” ne ha 5.",
    )


def test_a_partita_iva_with_a_wrong_check_digit_is_refused() -> None:
    problem = only_problem(row(partita_iva=VALID_ORG_CODES[1][:-1] + "9"))
    assert problem.field == "partita_iva"
    assert "cifra di controllo" in problem.message


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("email", "info@"),
        ("pec", "pec.example.it"),
        ("telefono", "12"),
        ("cap", "3806"),
        ("provincia", "Trento"),
        ("sito_web", "la rete"),
    ],
)
def test_invalid_contacts_are_refused_on_their_column(column: str, text: str) -> None:
    assert only_problem(row(**{column: text})).field == column


# Booleans, lists, dates


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sì", True), ("Sì", True), ("si", True), ("SI", True), ("x", True), ("X", True),
        ("vero", True), ("true", True), ("1", True),
        ("no", False), ("NO", False), ("falso", False), ("false", False), ("0", False), ("", False),
    ],
)  # fmt: skip
def test_booleans(text: str, value: bool) -> None:
    assert parse_row(row(iscritto_disciplinari=text)).member["aes_subscriber"] is value


def test_an_unknown_boolean_is_refused() -> None:
    assert only_problem(row(iscritto_disciplinari="forse")) == FieldProblem(
        "iscritto_disciplinari", "Valore “forse” non riconosciuto: scrivi sì oppure no."
    )


@pytest.mark.parametrize(
    ("text", "sectors"),
    [
        ("3", [3]),
        ("3, 13", [3, 13]),
        ("3;13", [3, 13]),
        ("Software libero; 1", [1, 11]),
        ("13, 3", [3, 13]),
        ("welfare di comunita, Mobilità sostenibile", [3, 8]),
        ("3, 3", [3]),
        ("", []),
    ],
)
def test_sectors_by_number_or_name_sorted_as_stored(text: str, sectors: list[int]) -> None:
    assert parse_row(row(settori_disciplinari=text)).member["disciplinari"] == sectors


@pytest.mark.parametrize("text", ["14", "0", "3, Astronomia"])
def test_unknown_sectors_are_refused(text: str) -> None:
    problem = only_problem(row(settori_disciplinari=text))
    assert problem.field == "settori_disciplinari"
    assert "usa un numero da 1 a 13" in problem.message


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("produzione", ["produzione"]),
        ("Produzione; Consumo", ["consumo", "produzione"]),
        ("finanziamento,distribuzione", ["distribuzione", "finanziamento"]),
    ],
)
def test_supply_chain_roles(text: str, roles: list[str]) -> None:
    assert parse_row(row(ruoli_filiera=text)).member["supply_chain_roles"] == roles


def test_an_unknown_role_is_refused() -> None:
    problem = only_problem(row(ruoli_filiera="produzione, vendita"))
    assert problem.field == "ruoli_filiera"
    assert "“vendita”" in problem.message


def test_split_list() -> None:
    assert split_list(" a, b ;c;; ") == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15/03/2024", date(2024, 3, 15)),
        ("6/3/2024", date(2024, 3, 6)),
        ("2024-03-15", date(2024, 3, 15)),
        ("2024-03-15 00:00:00", date(2024, 3, 15)),
    ],
)
def test_dates(text: str, value: date) -> None:
    assert parse_row(row(data_adesione=text)).member["joined_on"] == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2024", "La data “31/02/2024” non esiste."),
        ("marzo 2024", "Data “marzo 2024” non riconosciuta: scrivila come GG/MM/AAAA."),
    ],
)
def test_bad_dates_are_refused(text: str, message: str) -> None:
    assert only_problem(row(data_adesione=text)) == FieldProblem("data_adesione", message)


# Leaving


def test_a_former_member_with_date_and_reason() -> None:
    parsed = parse_row(
        row(data_adesione="1/1/2020", data_uscita="31/12/2023", motivo_uscita="Cessata attività")
    )
    assert parsed.ok
    assert parsed.left_on == date(2023, 12, 31)
    assert parsed.leave_reason == "Cessata attività"


def test_a_leave_date_without_reason_is_accepted() -> None:
    parsed = parse_row(row(data_uscita="31/12/2023"))
    assert parsed.ok
    assert parsed.left_on == date(2023, 12, 31)


def test_a_leave_date_before_joining_is_refused() -> None:
    assert only_problem(row(data_adesione="1/1/2024", data_uscita="1/1/2023")) == FieldProblem(
        "data_uscita", "La data di uscita è precedente alla data di adesione."
    )


def test_a_leave_reason_without_date_is_refused() -> None:
    assert only_problem(row(motivo_uscita="trasferita")).field == "data_uscita"


# Referents


def test_referent_and_substitute() -> None:
    parsed = parse_row(
        row(
            referente_nome="Giulia",
            referente_cognome="Bertolini",
            referente_email="giulia@example.it",
            referente_telefono="333 1234567",
            supplente_nome="Marco",
            supplente_cognome="Zanon",
        )
    )
    assert parsed.ok
    assert parsed.primary == PersonValues(
        "Giulia", "Bertolini", "giulia@example.it", "+39 333 123 4567"
    )
    assert parsed.substitute == PersonValues("Marco", "Zanon")


def test_no_referent_when_all_its_cells_are_empty() -> None:
    assert parse_row(row(referente_nome=" ", referente_cognome="")).primary is None


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"referente_nome": "Giulia"},
            ("referente_cognome", "Manca il cognome del referente."),
        ),
        (
            {"referente_cognome": "Bertolini"},
            ("referente_nome", "Manca il nome del referente."),
        ),
        (
            {"referente_email": "giulia@example.it"},
            ("referente_nome", "Ci sono i contatti del referente ma mancano nome e cognome."),
        ),
        (
            {"supplente_telefono": "0464 123456"},
            ("supplente_nome", "Ci sono i contatti del supplente ma mancano nome e cognome."),
        ),
        (
            {"supplente_nome": "Marco"},
            ("supplente_cognome", "Manca il cognome del supplente."),
        ),
    ],
)
def test_incomplete_referents_are_refused(cells: dict[str, str], expected: tuple[str, str]) -> None:
    assert problems_of(row(**cells)) == [expected]


def test_invalid_referent_contacts_are_refused_on_their_columns() -> None:
    cells = row(
        referente_nome="Giulia",
        referente_cognome="Bertolini",
        referente_email="giulia@",
        supplente_nome="Marco",
        supplente_cognome="Zanon",
        supplente_telefono="abc",
    )
    assert [field for field, _message in problems_of(cells)] == [
        "referente_email",
        "supplente_telefono",
    ]


def test_every_problem_of_a_row_is_listed() -> None:
    cells = {
        "denominazione": "",
        "forma_giuridica": "boh",
        "codice_fiscale": "123",
        "data_adesione": "ieri",
    }
    assert [field for field, _message in problems_of(cells)] == [
        "denominazione",
        "forma_giuridica",
        "codice_fiscale",
        "data_adesione",
    ]
