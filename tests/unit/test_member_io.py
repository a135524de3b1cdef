"""MemberIOService on real district files: plan, apply, export, and the file formats."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import DesdeskError
from desdesk.domain.member_columns import COLUMNS
from desdesk.schemas import ImportProblem
from desdesk.services.members import clean_member
from desdesk.services.referents import clean_referent
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input, referent_input

HEADER = "denominazione;forma_giuridica;codice_fiscale;email;referente_nome;referente_cognome"


def write_csv(path: Path, *lines: str, encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)  # type: ignore[call-overload]
    workbook.save(path)
    return path


def problem_lines(problems: list[ImportProblem]) -> list[str]:
    return [str(problem) for problem in problems]


# plan and apply


def test_plan_reads_everything_and_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "soci.csv",
        HEADER,
        f"Coop Uno;cooperativa;{VALID_ORG_CODES[0]};uno@example.it;Anna;Rossi",
        f"GAS Due;gas;{VALID_ORG_CODES[1]};;;",
    )
    plan = workspace.member_io.plan(source)
    assert plan.ok
    assert plan.problems == []
    assert plan.extra_columns == []
    assert [entry.member.name for entry in plan.entries] == ["Coop Uno", "GAS Due"]
    assert plan.entries[0].primary is not None
    assert plan.entries[0].primary.last_name == "Rossi"
    assert plan.entries[1].primary is None
    assert workspace.members.count() == 0

    assert workspace.member_io.apply(plan) == 2
    rows = {row.name: row for row in workspace.members.list_rows()}
    assert rows["Coop Uno"].primary_referent == "Anna Rossi"
    assert rows["GAS Due"].tax_code == VALID_ORG_CODES[1]


def test_problems_carry_the_spreadsheet_row_and_the_header_as_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "soci.csv",
        "Denominazione;Forma giuridica;Codice Fiscale;E-mail;Note",
        "Coop Uno;cooperativa;;uno@example.it;",
        "",
        '"Coop ""Tre""";cooperativa;123;x;',
        ";;;;",
        '"Coop Cinque";Parrocchia;;;"una nota\nsu due righe"',
        "Coop Sei;gas;;sei@;bis",
        "Coop Otto;gas;;;",
    )
    plan = workspace.member_io.plan(source)
    assert not plan.ok
    assert problem_lines(plan.problems) == [
        "riga 4, colonna Codice Fiscale: Il codice fiscale deve avere 16 caratteri (persona) o 11 cifre (ente): “123” ne ha 3.",
        "riga 4, colonna E-mail: Indirizzo e-mail “x” non valido.",
        "riga 6, colonna Forma giuridica: Forma giuridica “Parrocchia” non riconosciuta: usa il codice (es. cooperativa_sociale_a) o il nome (es. Cooperativa sociale di tipo A).",
        # A quoted cell with a new line is one spreadsheet row: the next one is row 7.
        "riga 7, colonna E-mail: Indirizzo e-mail “sei@” non valido.",
    ]
    assert [entry.member.name for entry in plan.entries] == ["Coop Uno", "Coop Otto"]


def test_a_plan_with_problems_is_refused_and_writes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "soci.csv", HEADER, "Coop Uno;cooperativa;;;;", "Coop Due;boh;;;;"
    )
    plan = workspace.member_io.plan(source)
    with pytest.raises(DesdeskError, match="1 problema: nessun aderente è stato importato"):
        workspace.member_io.apply(plan)
    assert workspace.members.count() == 0


def test_a_codice_fiscale_twice_in_the_file_names_the_first_row(
    workspace: Workspace, tmp_path: Path
) -> None:
    code = VALID_ORG_CODES[2]
    source = write_csv(
        tmp_path / "soci.csv",
        HEADER,
        f"Coop Uno;cooperativa;{code};;;",
        f"Coop Due;cooperativa;IT {code};;;",
    )
    plan = workspace.member_io.plan(source)
    assert problem_lines(plan.problems) == [
        f"riga 3, colonna codice_fiscale: Il codice fiscale {code} è già alla riga 2."
    ]


def test_a_codice_fiscale_already_in_the_register_names_its_member(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.members.add(member_input("Coop Esistente", tax_code=VALID_ORG_CODES[0]))
    source = write_csv(
        tmp_path / "soci.csv", HEADER, f"Coop Nuova;cooperativa;{VALID_ORG_CODES[0]};;;"
    )
    plan = workspace.member_io.plan(source)
    assert problem_lines(plan.problems) == [
        f"riga 2, colonna codice_fiscale: Il codice fiscale {VALID_ORG_CODES[0]} è già di “Coop Esistente”."
    ]


def test_apply_is_all_or_nothing_even_if_the_register_changed_since_the_plan(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "soci.csv",
        HEADER,
        f"Coop Uno;cooperativa;{VALID_ORG_CODES[0]};;;",
        f"Coop Due;cooperativa;{VALID_ORG_CODES[1]};;;",
    )
    plan = workspace.member_io.plan(source)
    assert plan.ok
    workspace.members.add(member_input("Arrivata prima", tax_code=VALID_ORG_CODES[1]))
    with pytest.raises(DesdeskError, match="Arrivata prima"):
        workspace.member_io.apply(plan)
    assert [row.name for row in workspace.members.list_rows()] == ["Arrivata prima"]


def test_a_missing_required_column_is_one_problem_at_row_1(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "soci.csv", "Denominazione;Comune", "Coop Uno;Rovereto")
    plan = workspace.member_io.plan(source)
    assert problem_lines(plan.problems) == [
        "riga 1, colonna forma_giuridica: Manca la colonna obbligatoria “forma_giuridica”."
    ]
    assert plan.entries == []


def test_extra_columns_are_reported_and_ignored(workspace: Workspace, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "soci.csv",
        "denominazione;Colore;forma_giuridica;",
        "Coop Uno;blu;cooperativa;",
        "Coop Due;;cooperativa;dato senza colonna",
    )
    plan = workspace.member_io.plan(source)
    assert plan.ok
    assert plan.extra_columns == ["Colore", "colonna D senza intestazione"]
    assert len(plan.entries) == 2


def test_a_file_with_only_the_header_imports_nothing(workspace: Workspace, tmp_path: Path) -> None:
    plan = workspace.member_io.plan(write_csv(tmp_path / "soci.csv", HEADER))
    assert plan.ok
    assert workspace.member_io.apply(plan) == 0


def test_entries_are_already_in_the_form_the_register_stores(
    workspace: Workspace, tmp_path: Path
) -> None:
    """The row parser normalises as `clean_member` / `clean_referent` do: cleaning again
    changes nothing (so the plan need not validate twice)."""
    source = write_csv(
        tmp_path / "soci.csv",
        ";".join(COLUMNS),
        ";".join(
            [
                "  Coop Uno ", "Cooperativa sociale di tipo A", "it 007 431 10157",
                "IT00743110157", " Via Roma 1 ", "Rovereto", "tn", "38068",
                "Info@Example.IT", "pec@pec.example.it", "0464-123456", "www.example.it",
                "x", "\"13, 3; 3\"", "\"Consumo; produzione\"", "6/3/2024", "31/12/2024",
                " Chiusura ", " Giulia ", "Bertolini", "GIULIA@example.it", "3331234567",
                "Marco", "Zanon", "", "+41 44 668 18 00", " note ",
            ]
        ),
    )  # fmt: skip
    (entry,) = workspace.member_io.plan(source).entries
    assert clean_member(entry.member) == entry.member
    assert entry.primary is not None
    assert entry.substitute is not None
    assert clean_referent(entry.primary) == entry.primary
    assert clean_referent(entry.substitute) == entry.substitute
    assert entry.member.name == "Coop Uno"
    assert entry.member.disciplinari == [3, 13]
    assert entry.member.supply_chain_roles == ["consumo", "produzione"]
    assert (entry.left_on, entry.leave_reason) == (date(2024, 12, 31), "Chiusura")
    assert entry.substitute.phone == "+41 44 668 18 00"


# CSV reading


@pytest.mark.parametrize(
    ("encoding", "newline", "delimiter"),
    [
        ("utf-8", "\r\n", ";"),
        ("utf-8-sig", "\n", ";"),
        ("utf-8-sig", "\r\n", ","),
        ("utf-8", "\n", ","),
        ("cp1252", "\r\n", ";"),
        ("utf-16", "\r\n", "\t"),
    ],
)
def test_csv_encodings_delimiters_and_line_endings(
    workspace: Workspace, tmp_path: Path, encoding: str, newline: str, delimiter: str
) -> None:
    lines = [
        "Denominazione;Forma giuridica;Comune",
        "Società Bella;Società benefit;Cembra Lisignago",
    ]
    source = write_csv(
        tmp_path / "soci.csv",
        *[line.replace(";", delimiter) for line in lines],
        encoding=encoding,
        newline=newline,
    )
    plan = workspace.member_io.plan(source)
    assert plan.ok, plan.problems
    (entry,) = plan.entries
    assert entry.member.name == "Società Bella"
    assert entry.member.legal_form == "societa_benefit"
    assert entry.member.comune == "Cembra Lisignago"


@pytest.mark.parametrize("name", ["soci.xls", "soci.ods", "soci.txt", "soci"])
def test_an_unsupported_format_is_refused(workspace: Workspace, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("denominazione;forma_giuridica\n")
    with pytest.raises(
        DesdeskError, match=re.escape("non supportato: usa un file .csv oppure .xlsx")
    ):
        workspace.member_io.plan(path)
    with pytest.raises(DesdeskError, match="non supportato"):
        workspace.member_io.export(path)


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n", b"\xef\xbb\xbf", b";;;\n"])
def test_an_empty_csv_is_refused(workspace: Workspace, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "vuoto.csv"
    path.write_bytes(content)
    with pytest.raises(DesdeskError, match=re.escape("Il file “vuoto.csv” è vuoto.")):
        workspace.member_io.plan(path)


def test_a_missing_file_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(DesdeskError, match=re.escape("Non riesco a leggere “manca.csv”")):
        workspace.member_io.plan(tmp_path / "manca.csv")


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"denominazione;x\n"])
def test_a_broken_xlsx_is_refused(workspace: Workspace, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "rotto.xlsx"
    path.write_bytes(content)
    with pytest.raises(DesdeskError, match="non è un file Excel"):
        workspace.member_io.plan(path)


# XLSX reading


def test_xlsx_numeric_codes_get_their_leading_zeros_back(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write_xlsx(
        tmp_path / "soci.xlsx",
        [
            ["Denominazione", "Forma giuridica", "Codice fiscale", "Partita IVA", "CAP",
             "Iscritto disciplinari", "Data adesione", "Settori disciplinari"],
            ["Coop Uno", "cooperativa", 743110157, 743110157.0, 38068, True,
             datetime(2024, 3, 15), 3],
            [],
            ["Coop Roma", "cooperativa", "", "", 118, False, date(2020, 1, 2), None],
        ],
    )  # fmt: skip
    plan = workspace.member_io.plan(source)
    assert plan.ok, problem_lines(plan.problems)
    first, second = (entry.member for entry in plan.entries)
    assert first.tax_code == "00743110157"
    assert first.vat_number == "00743110157"
    assert first.cap == "38068"
    assert first.aes_subscriber is True
    assert first.joined_on == date(2024, 3, 15)
    assert first.disciplinari == [3]
    assert second.cap == "00118"
    assert second.joined_on == date(2020, 1, 2)


def test_xlsx_rows_keep_their_numbers_across_blank_rows(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write_xlsx(
        tmp_path / "soci.xlsx",
        [["denominazione", "forma_giuridica", "data_adesione"], ["A", "gas", "1/1/2024"],
         [], [], ["B", "gas", 45000]],
    )  # fmt: skip
    plan = workspace.member_io.plan(source)
    assert problem_lines(plan.problems) == [
        "riga 5, colonna data_adesione: Data “45000” non riconosciuta: scrivila come GG/MM/AAAA."
    ]


# Export


def populate(workspace: Workspace) -> None:
    active = workspace.members.add(member_input("Coop Attiva", phone="0464 123456"))
    workspace.referents.set_referent(active, ReferentKind.PRIMARY, referent_input())
    workspace.referents.set_referent(
        active, ReferentKind.SUBSTITUTE, referent_input("Marco", "Zanon", phone="")
    )
    former = workspace.members.add(
        member_input(
            "Associazione Uscita",
            legal_form="aps",
            tax_code=VALID_ORG_CODES[1],
            aes_subscriber=False,
            disciplinari=[],
            supply_chain_roles=[],
            joined_on=date(2021, 5, 1),
            notes='=SOMMA(1;2) "citazione"',
        )
    )
    workspace.members.withdraw(former, date(2023, 12, 31), "Cessata attività")


def test_export_csv_is_what_italian_spreadsheets_open(workspace: Workspace, tmp_path: Path) -> None:
    populate(workspace)
    out = tmp_path / "aderenti.csv"
    assert workspace.member_io.export(out) == 2
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdenominazione;forma_giuridica;codice_fiscale;")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == list(COLUMNS)
    former, active = rows  # sorted by name
    assert active["denominazione"] == "Coop Attiva"
    assert active["forma_giuridica"] == "cooperativa_sociale_a"
    assert active["iscritto_disciplinari"] == "sì"
    assert active["settori_disciplinari"] == "3, 13"
    assert active["ruoli_filiera"] == "consumo, produzione"
    assert active["data_adesione"] == "15/03/2024"
    assert active["data_uscita"] == ""
    assert active["telefono"] == "0464 123456"  # no leading + (read as a formula)
    assert active["referente_nome"] == "Giulia"
    assert active["referente_email"] == "giulia.bertolini@example.it"
    assert active["supplente_cognome"] == "Zanon"
    assert former["forma_giuridica"] == "aps"
    assert former["iscritto_disciplinari"] == "no"
    assert former["data_uscita"] == "31/12/2023"
    assert former["motivo_uscita"] == "Cessata attività"
    assert former["note"] == '=SOMMA(1;2) "citazione"'
    assert former["referente_nome"] == ""


def test_export_writes_only_the_current_referents(workspace: Workspace, tmp_path: Path) -> None:
    member = workspace.members.add(member_input())
    workspace.referents.set_referent(
        member, ReferentKind.PRIMARY, referent_input("Vecchia", "Referente"), since=date(2023, 1, 1)
    )
    workspace.referents.set_referent(
        member, ReferentKind.PRIMARY, referent_input("Nuova", "Referente"), since=date(2024, 1, 1)
    )
    out = tmp_path / "aderenti.csv"
    workspace.member_io.export(out)
    (row,) = csv.DictReader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";")
    assert row["referente_nome"] == "Nuova"


def test_export_xlsx_has_a_bold_header_date_cells_and_text_codes(
    workspace: Workspace, tmp_path: Path
) -> None:
    populate(workspace)
    out = tmp_path / "aderenti.xlsx"
    assert workspace.member_io.export(out) == 2
    sheet = load_workbook(out).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == list(COLUMNS)
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    column = {name: index for index, name in enumerate(COLUMNS)}
    former, active = sheet[2], sheet[3]
    joined = active[column["data_adesione"]]
    assert joined.value == datetime(2024, 3, 15)
    assert joined.number_format == "DD/MM/YYYY"
    assert former[column["data_uscita"]].value == datetime(2023, 12, 31)
    assert active[column["codice_fiscale"]].value == VALID_ORG_CODES[0]
    assert active[column["codice_fiscale"]].data_type == "s"
    assert active[column["cap"]].value == "38068"
    note = former[column["note"]]
    assert (note.value, note.data_type) == ('=SOMMA(1;2) "citazione"', "s")
    assert sheet.column_dimensions["A"].width >= len("Associazione Uscita")


def test_an_empty_register_exports_the_header_only(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "aderenti.csv"
    assert workspace.member_io.export(out) == 0
    assert out.read_bytes().decode("utf-8-sig") == ";".join(COLUMNS) + "\r\n"


def test_a_failed_export_leaves_no_file_behind(workspace: Workspace, tmp_path: Path) -> None:
    populate(workspace)
    with pytest.raises(DesdeskError, match="Non riesco a scrivere"):
        workspace.member_io.export(tmp_path / "manca" / "aderenti.csv")
    blocked = tmp_path / "aderenti.xlsx"
    blocked.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(DesdeskError, match="Non riesco a scrivere"):
        workspace.member_io.export(blocked)
    assert [p.name for p in tmp_path.iterdir() if "aderenti" in p.name] == ["aderenti.xlsx"]
    assert blocked.is_dir()


def test_export_replaces_an_existing_file(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "aderenti.csv"
    out.write_text("vecchio contenuto")
    populate(workspace)
    workspace.member_io.export(out)
    assert out.read_text("utf-8-sig").startswith("denominazione;")
