"""Arbitrary rows to the member and movement imports (issue 7, point 6).

Every file is either imported whole, or refused with Italian messages and the district
left exactly as it was (every table, row for row); either way the file stays intact.
One district per test, shared by its examples: each example checks what it changed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desdesk.domain.errors import DesdeskError
from desdesk.domain.member_columns import COLUMNS, REQUIRED_COLUMNS
from desdesk.money_schemas import FinancialYearInput
from desdesk.schemas import DistrictProfile
from desdesk.services.movement_io import EXPORT_HEADERS, RawTable
from desdesk.services.workspace import Workspace, create_workspace
from tests.durability.checks import assert_consistent, assert_user_message, table_counts
from tests.factories import VALID_ORG_CODES, member_input

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=25)


@pytest.fixture
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """A district with one member and the year 2026 open (2025 and 2027 are not)."""
    path = tmp_path_factory.mktemp("robust") / "distretto.des"
    profile = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")
    with create_workspace(path, profile) as workspace:
        workspace.members.add(member_input("Cooperativa Il Germoglio"))
        workspace.budget.open_year(FinancialYearInput(2026))
        yield workspace


def refusal_messages(messages: list[str]) -> None:
    assert messages
    for message in messages:
        assert_user_message(DesdeskError(message))


# Rows are mostly what a real file holds, so that many files import; some rows mix in
# wrong values, and some hold anything at all.
Values = tuple[tuple[object, ...], tuple[object, ...]]  # (good, wrong)


def row_values(
    draw: st.DrawFn, headers: list[str], values: dict[str, Values], anything: st.SearchStrategy[Any]
) -> list[Any]:
    mode = draw(st.sampled_from(["good"] * 6 + ["mixed"] * 3 + ["anything"]))
    cells = []
    for header in headers:
        good, wrong = values.get(header, ((), ()))
        if mode == "anything" or not good:
            cells.append(draw(anything))
        else:
            cells.append(draw(st.sampled_from(good if mode == "good" else good + wrong)))
    return cells


# Members

MEMBER_VALUES: dict[str, Values] = {
    "denominazione": (("Cooperativa Uno", "GAS Due", "Bottega Tre"), ("", " ")),
    "forma_giuridica": (("cooperativa", "gas", "associazione"), ("srl?", "boh", "")),
    "codice_fiscale": (("",), (*VALID_ORG_CODES, "RSSMRA85T10A562S", "123")),
    "partita_iva": (("",), (VALID_ORG_CODES[1], "01234567890")),
    "provincia": (("TN", "bz", ""), ("Trento",)),
    "cap": (("38068", "00100", ""), ("3806",)),
    "email": (("info@coop.example.it", ""), ("non-una-mail",)),
    "telefono": (("0464 123456", "+39 333 1234567", ""), ("12",)),
    "iscritto_disciplinari": (("sì", "no", "x", ""), ("forse",)),
    "settori_disciplinari": (("3, 13", "1", ""), ("14", "alimentare")),
    "ruoli_filiera": (("produzione", "consumo, produzione", ""), ("boh",)),
    "data_adesione": (("15/03/2024", "2024-03-15", ""), ("31/02/2024", "ieri")),
    "data_uscita": (("",), ("01/01/2026", "01/01/2020")),
    "motivo_uscita": (("",), ("Cessata attività",)),
    "referente_nome": (("Giulia", ""), ()),
    "referente_cognome": (("Bertolini", ""), ()),
    "referente_email": (("giulia@example.it", ""), ("giulia@",)),
}


@st.composite
def member_files(draw: st.DrawFn) -> list[list[str]]:
    """A header (the required columns, some others, sometimes an unknown one) and rows."""
    others = draw(st.lists(st.sampled_from(COLUMNS), unique=True, max_size=8))
    headers = list(dict.fromkeys([*REQUIRED_COLUMNS, *others]))
    headers = draw(st.permutations(headers))
    if draw(st.integers(0, 9)) == 0:
        headers = [*headers[1:], draw(TEXT)]  # a required column missing, a stray header
    count = draw(st.integers(0, 5))
    return [headers, *(row_values(draw, headers, MEMBER_VALUES, TEXT) for _ in range(count))]


def write_csv(path: Path, lines: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(lines)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def test_member_import_takes_a_file_whole_or_leaves_the_register_untouched(
    district: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "aderenti.csv"

    @SETTINGS
    @given(member_files())
    def check(lines: list[list[str]]) -> None:
        before = table_counts(district)
        try:
            plan = district.member_io.plan(write_csv(source, lines))
        except DesdeskError as refused:  # an unreadable or empty file
            assert_user_message(refused)
            assert table_counts(district) == before
            return
        assert table_counts(district) == before  # reading and checking writes nothing
        event("imported" if plan.ok else "refused")
        if plan.ok:
            added = district.member_io.apply(plan)
            filled = [row for row in lines[1:] if any(cell.strip() for cell in row)]
            assert added == len(plan.entries) == len(filled)  # blank rows are skipped
            assert table_counts(district)["member"] == before["member"] + added
        else:
            refusal_messages([problem.message for problem in plan.problems])
            with pytest.raises(DesdeskError) as not_applied:
                district.member_io.apply(plan)
            assert_user_message(not_applied.value)
            assert table_counts(district) == before
        assert_consistent(district)

    check()


# Movements

# What reading a CSV or XLSX file gives (openpyxl: numbers, booleans, datetimes, times).
CELL: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(10**15), 10**15),
    st.floats(),  # infinities, NaN and numbers past any amount too
    st.booleans(),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.datetimes(datetime(1990, 1, 1), datetime(2040, 1, 1)),
    st.times(),
)


MOVEMENT_VALUES: dict[str, Values] = {
    "Data": (
        ("15/01/2026", "2026-02-03", date(2026, 5, 1), datetime(2026, 6, 1)),
        ("31/02/2026", date(2025, 5, 1), "domani"),
    ),
    "Importo": (("-1.234,56", "-50,00", -12.5, -7), ("300", 12.5, "0", "1,234", "abc")),
    "Entrata/Uscita": (("Entrata", "Uscita", ""), ()),
    "Categoria": (("UA2", "ua5", "UB2"), ("EA1", "Servizi", "erogazioni LIBERALI", "ZZ9")),
    "Fonte": (("",), ("Erogazioni liberali", "quote_membri", "ignota")),
    "Controparte": (("", "Cooperativa Il Germoglio", "Mario Rossi"), ("cooperativa",)),
    "Conto": (("banca", "Cassa", ""), ("salvadanaio",)),
    "Quota anno": (("",), (2026, "2026", 2025, "duemila")),
}


NEEDED = ("Data", "Importo", "Categoria")


@st.composite
def movement_tables(draw: st.DrawFn) -> RawTable:
    """The columns an import needs, some others, in any order (now and then one of the
    needed ones missing), and up to four rows."""
    others = [header for header in EXPORT_HEADERS if header not in NEEDED]
    chosen = draw(st.lists(st.sampled_from(others), unique=True))
    headers = list(draw(st.permutations([*NEEDED, *chosen])))
    if draw(st.integers(0, 9)) == 0:
        headers.remove(draw(st.sampled_from(NEEDED)))
    count = draw(st.integers(0, 4))
    rows = [row_values(draw, headers, MOVEMENT_VALUES, CELL) for _ in range(count)]
    if rows and draw(st.integers(0, 4)) == 0:  # a short row
        rows[-1] = rows[-1][: draw(st.integers(0, len(headers)))]
    return RawTable(headers=headers, rows=rows, numbers=list(range(2, count + 2)))


def test_movement_import_takes_a_table_whole_or_leaves_the_accounts_untouched(
    district: Workspace,
) -> None:
    service = district.movement_io

    @SETTINGS
    @given(movement_tables(), st.booleans())
    def check(table: RawTable, include_duplicates: bool) -> None:
        mapping = service.suggest_mapping(table.headers)
        before = table_counts(district)
        preview = service.preview_table(table, mapping)
        assert table_counts(district) == before  # a preview writes nothing
        try:
            added = service.import_table(table, mapping, include_duplicates)
        except DesdeskError as refused:
            event("refused")
            assert_user_message(refused)
            assert not preview.ok
            refusal_messages(preview.messages())
            assert table_counts(district) == before
        else:
            event(f"imported {added} of {len(table.rows)}")
            assert preview.ok
            assert added == len(preview.rows_to_import(include_duplicates))
            assert table_counts(district)["movement"] == before["movement"] + added
        assert_consistent(district)

    check()


@pytest.mark.parametrize("number", [1e26, float("inf"), float("nan"), 1e12])
def test_a_huge_number_in_the_amount_column_is_refused(district: Workspace, number: float) -> None:
    """E.g. an IBAN's digits in the column taken for the amounts: refused, not a crash."""
    table = RawTable(["Data", "Importo", "Categoria"], [["15/01/2026", number, "UA2"]], [2])
    mapping = district.movement_io.suggest_mapping(table.headers)
    with pytest.raises(DesdeskError) as refused:
        district.movement_io.import_table(table, mapping)
    assert "non è un importo valido" in refused.value.message


def test_movement_import_from_csv_text(district: Workspace, tmp_path: Path) -> None:
    """The same through a real file: text cells only, as a bank export has them."""
    source = tmp_path / "banca.csv"
    service = district.movement_io

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(movement_tables())
    def check(table: RawTable) -> None:
        lines = [table.headers] + [
            ["" if cell is None else str(cell) for cell in row] for row in table.rows
        ]
        before = table_counts(district)
        try:
            read = service.read_table(write_csv(source, lines))
            mapping = service.suggest_mapping(read.headers)
            service.import_table(read, mapping)
        except DesdeskError as refused:
            assert_user_message(refused)
            assert table_counts(district) == before
        assert_consistent(district)

    check()
