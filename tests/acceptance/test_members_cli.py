"""`desdesk members import|export`: exit codes, messages and what ends up in the district file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desdesk.domain.enums import ReferentKind
from desdesk.main import main
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import Workspace, create_workspace, open_workspace
from tests.factories import VALID_ORG_CODES, VALID_PERSON_CODE, member_input, referent_input


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


def new_district(path: Path) -> Path:
    assert run("new", path, "--name", "DES Vallagarina", "--kind", "territoriale",
               "--territory", "Vallagarina") == 0  # fmt: skip
    return path


@pytest.fixture
def district(tmp_path: Path) -> Path:
    return new_district(tmp_path / "vallagarina.des")


def snapshot(path: Path) -> list[tuple[object, ...]]:
    """Every member with the data the file format carries, and its current referents."""
    with open_workspace(path) as workspace:
        members: list[tuple[object, ...]] = []
        for row in workspace.members.list_rows():
            detail = workspace.members.get(row.id)
            referents = {
                kind.value: (r.first_name, r.last_name, r.email, r.phone)
                for kind, r in workspace.referents.current(row.id).items()
            }
            members.append(
                (detail.data, detail.nature, detail.left_on, detail.leave_reason, referents)
            )
        return members


def member_count(path: Path) -> int:
    with open_workspace(path) as workspace:
        return workspace.members.count()


# (a) a messy real-world CSV

MESSY_LINES = [
    "Denominazione;Forma giuridica;Codice Fiscale;Partita IVA;Indirizzo;Comune;Provincia;CAP;"
    "E-mail;Telefono;Iscritto disciplinari;Settori disciplinari;Ruoli filiera;Data adesione;"
    "Referente nome;Referente cognome;Referente E-mail;Referente telefono;Note",
    "Bio Valle Srl SB;Società benefit;IT 00743110157;IT 007 431 10157;Via Roma, 1;Rovereto;tn;"
    "38068;Info@BioValle.example.it;0464 123456;Sì;"
    '"Prodotti agricoli e agroalimentari biologici e biodinamici; 4";Produzione, distribuzione;'
    "6/3/2024;Giulia;Bertolini;giulia@example.it;333 1234567;",
    "",
    "APS Il Ponte;Associazione di promozione sociale (APS);01234560223;;;Ala;TN;38061;;;x;"
    "3, Consumo critico e gruppi di acquisto solidale;consumo;15/03/2024;Marco;Zanon;;;"
    '"soci: 40; quota 10 €"',
    "Azienda agricola Rossi Mario;Azienda agricola;rssmra85t10a562s;02468130220;;Mori;TN;38065;"
    ";;;;produzione;2024-01-10;;;;;",
    "",
]


def test_a_messy_real_world_csv_imports_fully(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "soci da excel.csv"
    source.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(MESSY_LINES).encode("utf-8"))

    assert run("members", "import", district, source) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "Importati 3 aderenti."
    assert err == ""

    with open_workspace(district) as workspace:
        rows = {row.name: row for row in workspace.members.list_rows()}
        bio = workspace.members.get(rows["Bio Valle Srl SB"].id).data
        ponte = workspace.members.get(rows["APS Il Ponte"].id).data
        rossi = workspace.members.get(rows["Azienda agricola Rossi Mario"].id).data
        bio_referent = workspace.referents.current(rows["Bio Valle Srl SB"].id)
    assert (bio.legal_form, bio.tax_code, bio.vat_number) == (
        "societa_benefit",
        VALID_ORG_CODES[0],
        VALID_ORG_CODES[0],
    )
    assert (bio.address, bio.provincia, bio.cap) == ("Via Roma, 1", "TN", "38068")
    assert bio.email == "info@biovalle.example.it"
    assert bio.phone == "+39 0464 123456"
    assert bio.aes_subscriber is True
    assert bio.disciplinari == [1, 4]
    assert bio.supply_chain_roles == ["distribuzione", "produzione"]
    assert bio.joined_on == date(2024, 3, 6)
    primary = bio_referent[ReferentKind.PRIMARY]
    assert (primary.full_name, primary.email, primary.phone) == (
        "Giulia Bertolini",
        "giulia@example.it",
        "+39 333 123 4567",
    )
    assert ReferentKind.SUBSTITUTE not in bio_referent

    assert (ponte.legal_form, ponte.tax_code, ponte.vat_number) == ("aps", VALID_ORG_CODES[1], "")
    assert ponte.aes_subscriber is True
    assert ponte.disciplinari == [3, 13]
    assert ponte.joined_on == date(2024, 3, 15)
    assert ponte.notes == "soci: 40; quota 10 €"
    assert rows["APS Il Ponte"].primary_referent == "Marco Zanon"

    assert (rossi.legal_form, rossi.tax_code, rossi.vat_number) == (
        "azienda_agricola",
        VALID_PERSON_CODE,
        VALID_ORG_CODES[2],
    )
    assert rossi.aes_subscriber is False
    assert rossi.joined_on == date(2024, 1, 10)
    assert rows["Azienda agricola Rossi Mario"].primary_referent == ""


# (b) bad rows: nothing imported, each listed


def test_a_file_with_bad_rows_imports_nothing_and_lists_each(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "soci.csv"
    source.write_text(
        "denominazione;forma_giuridica;codice_fiscale;data_adesione;referente_nome;colore\n"
        f"Coop Uno;cooperativa;{VALID_ORG_CODES[0]};1/2/2024;;rosso\n"
        "Coop Due;cooperativa;00743110158;1/2/2024;;\n"
        f"Coop Tre;cooperativa;{VALID_ORG_CODES[1]};;;\n"
        f"Coop Quattro;cooperativa;{VALID_ORG_CODES[2]};31/02/2024;;\n"
        f"Coop Cinque;Parrocchia;{VALID_ORG_CODES[0]};;Anna;\n",
        encoding="utf-8",
    )
    assert run("members", "import", district, source) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "nota: colonne ignorate: colore"
    assert lines[1].startswith("riga 3, colonna codice_fiscale: Codice fiscale “00743110158”")
    assert lines[2:] == [
        "riga 5, colonna data_adesione: La data “31/02/2024” non esiste.",
        "riga 6, colonna forma_giuridica: Forma giuridica “Parrocchia” non riconosciuta: usa il "
        "codice (es. cooperativa_sociale_a) o il nome (es. Cooperativa sociale di tipo A).",
        "riga 6, colonna referente_cognome: Manca il cognome del referente.",
        "4 problemi: nessun aderente è stato importato.",
    ]
    assert member_count(district) == 0


def test_a_repeated_codice_fiscale_is_listed_with_its_first_row(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "soci.csv"
    source.write_text(
        "denominazione,forma_giuridica,codice_fiscale\n"
        f"Coop Uno,cooperativa,{VALID_ORG_CODES[0]}\n"
        f"Coop Due,cooperativa,IT{VALID_ORG_CODES[0]}\n",
        encoding="utf-8",
    )
    assert run("members", "import", district, source) == 1
    assert (
        f"riga 3, colonna codice_fiscale: Il codice fiscale {VALID_ORG_CODES[0]} è già alla riga 2."
        in capsys.readouterr().err
    )
    assert member_count(district) == 0


# (c) and (d): export then import into a new district round-trips


def populate(workspace: Workspace) -> None:
    members, referents = workspace.members, workspace.referents
    rete = members.add(
        member_input(
            address="Via Dante 3, int. 2",
            pec="larete@pec.example.it",
            phone="0464 123456",
            website="https://larete.example.it",
            vat_number=VALID_ORG_CODES[0],
            notes='Nota con ; e , e "virgolette"\nsu due righe, con àèìòù €',
        )
    )
    referents.set_referent(rete, ReferentKind.PRIMARY, referent_input(role=""))
    referents.set_referent(
        rete, ReferentKind.SUBSTITUTE, referent_input("Marco", "Zanon", phone="+41 44 668 18 00")
    )
    members.add(
        member_input(
            "Comune di Isera",
            legal_form="comune",
            tax_code=VALID_ORG_CODES[1],
            cap="38060",
            aes_subscriber=False,
            disciplinari=[],
            supply_chain_roles=["finanziamento"],
            joined_on=date(2021, 1, 5),
        )
    )
    persona = members.add(
        member_input(
            "Rossi Mario",
            legal_form="impresa_individuale",
            tax_code=VALID_PERSON_CODE,
            email="",
            disciplinari=[1, 2, 4],
            supply_chain_roles=["produzione", "distribuzione", "consumo", "finanziamento"],
        )
    )
    referents.set_referent(persona, ReferentKind.SUBSTITUTE, referent_input("Sara", "Dallapè"))
    members.add(member_input("Senza codice", legal_form="gas", tax_code="", joined_on=None))
    former = members.add(
        member_input("Ex Socio Odv", legal_form="odv", tax_code=VALID_ORG_CODES[3])
    )
    members.withdraw(former, date(2024, 12, 31), "Scioglimento dell'associazione")
    former_without_reason = members.add(
        member_input("Ex senza motivo", legal_form="fondazione", tax_code=VALID_ORG_CODES[4])
    )
    members.withdraw(former_without_reason, date(2025, 1, 1), "temporaneo")


@pytest.fixture
def source_district(tmp_path: Path) -> Path:
    path = tmp_path / "sorgente.des"
    with create_workspace(
        path, DistrictProfile(name="DES Sorgente", kind="tematico", sector=3)
    ) as ws:
        populate(ws)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_a_new_district_round_trips(
    source_district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    exported = tmp_path / f"aderenti{suffix}"
    assert run("members", "export", source_district, exported) == 0
    assert capsys.readouterr().out.strip() == f"Esportati 6 aderenti in {exported}."

    target = new_district(tmp_path / "nuovo.des")
    capsys.readouterr()
    assert run("members", "import", target, exported) == 0
    out, err = capsys.readouterr()
    assert (out.strip(), err) == ("Importati 6 aderenti.", "")

    before, after = snapshot(source_district), snapshot(target)
    assert len(after) == 6
    assert after == before


def test_export_then_reimport_into_the_same_district_names_every_duplicate(
    source_district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "aderenti.csv"
    assert run("members", "export", source_district, exported) == 0
    assert run("members", "import", source_district, exported) == 1
    err = capsys.readouterr().err
    assert "è già di “Cooperativa Sociale La Rete”" in err
    assert "5 problemi: nessun aderente è stato importato." in err
    assert member_count(source_district) == 6


# (d) XLSX written by a spreadsheet program: numbers where codes should be


def test_an_xlsx_with_numeric_cap_and_codice_fiscale_cells_imports(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Denominazione", "Forma giuridica", "Codice fiscale", "Partita IVA", "CAP",
                  "Iscritto disciplinari", "Data adesione", "Data uscita", "Motivo uscita"])  # fmt: skip
    sheet.append(["Coop Uno", "Cooperativa", 743110157, 743110157, 38068, "x",
                  date(2024, 3, 6), None, None])  # fmt: skip
    sheet.append(["Comune di Roma", "comune", 1234560223.0, None, 118, None,
                  "15/03/2024", date(2025, 1, 31), "Trasferito"])  # fmt: skip
    source = tmp_path / "soci.xlsx"
    workbook.save(source)

    assert run("members", "import", district, source) == 0
    assert capsys.readouterr().out.strip() == "Importati 2 aderenti."
    with open_workspace(district) as workspace:
        details = [workspace.members.get(row.id) for row in workspace.members.list_rows()]
    roma, uno = details
    assert (uno.data.tax_code, uno.data.vat_number, uno.data.cap) == (
        "00743110157",
        "00743110157",
        "38068",
    )
    assert uno.data.aes_subscriber is True
    assert uno.data.joined_on == date(2024, 3, 6)
    assert (roma.data.tax_code, roma.data.cap) == ("01234560223", "00118")
    assert (roma.left_on, roma.leave_reason) == (date(2025, 1, 31), "Trasferito")


def test_exported_xlsx_has_real_dates_and_text_codes(source_district: Path, tmp_path: Path) -> None:
    exported = tmp_path / "aderenti.xlsx"
    assert run("members", "export", source_district, exported) == 0
    sheet = load_workbook(exported).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    by_name = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    former = by_name["Ex Socio Odv"]
    left = former[header.index("data_uscita")]
    assert left.is_date  # type: ignore[union-attr]
    assert left.number_format == "DD/MM/YYYY"
    assert former[header.index("codice_fiscale")].value == VALID_ORG_CODES[3]


# (e) --dry-run writes nothing


def test_dry_run_checks_and_writes_nothing(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "soci.csv"
    source.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(MESSY_LINES).encode("utf-8"))
    assert run("members", "import", district, source, "--dry-run") == 0
    assert (
        capsys.readouterr().out.strip()
        == "Prova: 3 aderenti sarebbero importati (nulla è stato scritto)."
    )
    assert member_count(district) == 0


def test_dry_run_with_problems_still_lists_them(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "soci.csv"
    source.write_text("denominazione;forma_giuridica\nCoop;boh\n", encoding="utf-8")
    assert run("members", "import", "--dry-run", district, source) == 1
    assert "riga 2, colonna forma_giuridica:" in capsys.readouterr().err


# Refusals and usage


def test_an_unsupported_file_is_refused_with_exit_1(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "soci.ods"
    source.write_bytes(b"whatever")
    assert run("members", "import", district, source) == 1
    assert capsys.readouterr().err.startswith(
        "desdesk: errore: Formato di “soci.ods” non supportato"
    )
    assert run("members", "export", district, tmp_path / "aderenti.pdf") == 1
    assert not (tmp_path / "aderenti.pdf").exists()


def test_a_missing_district_file_is_refused_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("members", "export", tmp_path / "manca.des", tmp_path / "out.csv") == 1
    assert capsys.readouterr().err.startswith("desdesk: errore:")
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["members"],
        ["members", "import"],
        ["members", "import", "a.des"],
        ["members", "export", "a.des"],
        ["members", "delete", "a.des", "b.csv"],
        ["members", "export", "a.des", "b.csv", "--dry-run"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*args) == 2
    assert "uso:" in capsys.readouterr().err
