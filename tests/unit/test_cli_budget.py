"""`desdesk budget import|export`: exit codes, messages and what ends up in the district file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desdesk.main import main
from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import create_workspace, open_workspace

LINES = (
    "Data valuta;Importo;Voce;Causale",
    "15/01/2026;-1.234,56;UA2;Affitto sala",
    "03/02/2026;250,00;EA4;Donazione",
)
# Columns as people type them: case and spaces need not match the file's headers.
MAP = ("--map", "Data valuta=data", "--map", "Importo=importo", "--map", "voce=categoria",
       "--map", "CAUSALE = descrizione")  # fmt: skip


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "vallagarina.des"
    profile = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")
    with create_workspace(path, profile) as workspace:
        workspace.budget.open_year(FinancialYearInput(2026))
    return path


def csv_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "banca.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def movements(district: Path) -> list[tuple[date, Decimal, str, str]]:
    with open_workspace(district) as workspace:
        return sorted(
            (m.data.date, m.signed_amount, m.category_code, m.data.description)
            for m in workspace.budget.movements()
        )


def test_import_with_a_mapping(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("budget", "import", district, csv_file(tmp_path, *LINES), *MAP) == 0
    assert capsys.readouterr().out == "Importati 2 movimenti.\n"
    assert movements(district) == [
        (date(2026, 1, 15), Decimal("-1234.56"), "UA2", "Affitto sala"),
        (date(2026, 2, 3), Decimal("250.00"), "EA4", "Donazione"),
    ]


def test_dry_run_prints_what_would_be_imported_and_writes_nothing(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("budget", "import", district, csv_file(tmp_path, *LINES), *MAP, "--dry-run") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "riga 2\t15/01/2026\t-1.234,56\xa0€\tUA2 Servizi\tAffitto sala"
    assert out[1].startswith("riga 3\t03/02/2026\t250,00\xa0€\tEA4 Erogazioni liberali")
    assert out[2] == "Prova: 2 movimenti sarebbero importati (nulla è stato scritto)."
    assert movements(district) == []


def test_without_a_mapping_the_guess_is_used_and_said(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ("Data;Importo;Categoria", "15/01/2026;-10;UA2")
    assert run("budget", "import", district, csv_file(tmp_path, *lines)) == 0
    captured = capsys.readouterr()
    assert "nota: colonne riconosciute: Data=data, Importo=importo, Categoria=categoria" in (
        captured.err
    )
    assert captured.out == "Importato 1 movimento.\n"


def test_any_problem_refuses_the_whole_file(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = csv_file(tmp_path, *LINES, "20/02/2026;-5,00;;senza voce", "21/02/2026;-5,00;EA4;x")
    assert run("budget", "import", district, source, *MAP) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "riga 4, colonna Voce: Manca la categoria.",
        "riga 5, colonna Importo: “EA4 Erogazioni liberali” è una categoria di entrate, "
        "ma l'importo è un'uscita.",
        "2 problemi: nessun movimento è stato importato.",
    ]
    assert movements(district) == []


def test_a_column_that_is_not_in_the_file_is_refused(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = csv_file(tmp_path, *LINES)
    assert run("budget", "import", district, source, *MAP, "--map", "Conto corrente=conto") == 1
    assert "Nel file non c'è la colonna “Conto corrente”." in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Data valuta", "scrivi COLONNA=CAMPO"),
        ("Data valuta=giorno", "“giorno” non è un campo dei movimenti"),
        ("=data", "scrivi COLONNA=CAMPO"),
    ],
)
def test_a_malformed_mapping_is_a_usage_error(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    source = csv_file(tmp_path, *LINES)
    assert run("budget", "import", district, source, "--map", value) == 2
    assert message in capsys.readouterr().err
    assert movements(district) == []


def test_export_csv_for_a_year_and_xlsx(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_workspace(district) as workspace:
        workspace.budget.open_year(FinancialYearInput(2025))
        ua2 = next(c.id for c in workspace.budget.categories() if c.code == "UA2")
        for day in (date(2025, 12, 31), date(2026, 1, 2)):
            workspace.budget.add_movement(MovementInput(day, Decimal("9.90"), ua2))
    out = tmp_path / "movimenti.csv"
    assert run("budget", "export", district, out, "--year", 2026) == 0
    assert capsys.readouterr().out == f"Esportato 1 movimento in {out}.\n"
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == (
        "02/01/2026;-9,90;Uscita;UA2 Servizi;;;;;Banca;"
    )
    book = tmp_path / "movimenti.xlsx"
    assert run("budget", "export", district, book) == 0
    assert capsys.readouterr().out == f"Esportati 2 movimenti in {book}.\n"
    assert load_workbook(book).worksheets[0].max_row == 3


def test_unreadable_files_and_formats_exit_1(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("budget", "import", district, tmp_path / "manca.csv", *MAP) == 1
    assert "Non riesco a leggere “manca.csv”" in capsys.readouterr().err
    assert run("budget", "export", district, tmp_path / "movimenti.ods") == 1
    assert "non supportato" in capsys.readouterr().err


def test_rows_already_registered_are_said_and_skipped_unless_asked(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = csv_file(tmp_path, *LINES)
    assert run("budget", "import", district, source, *MAP) == 0
    capsys.readouterr()
    # The same bank export again, with one new row.
    again = csv_file(tmp_path, *LINES, "04/02/2026;-20,00;UA2;Cancelleria")
    assert run("budget", "import", district, again, *MAP, "--dry-run") == 0
    captured = capsys.readouterr()
    assert "Prova: 1 movimento sarebbe importato (nulla è stato scritto)." in captured.out
    assert captured.err.splitlines() == [
        "attenzione: riga 2: sembra già registrato: 15/01/2026, 1.234,56\xa0€, UA2 Affitto sala",
        "attenzione: riga 3: sembra già registrato: 03/02/2026, 250,00\xa0€, EA4 Donazione",
        "2 righe che sembrano già registrate sono saltate (per importarle: --include-duplicates).",
    ]
    assert run("budget", "import", district, again, *MAP) == 0
    assert capsys.readouterr().out == "Importato 1 movimento.\n"
    assert len(movements(district)) == 3
    assert run("budget", "import", district, again, *MAP, "--include-duplicates") == 0
    captured = capsys.readouterr()
    assert captured.out == "Importati 3 movimenti.\n"
    assert "vengono importate comunque" in captured.err
    assert len(movements(district)) == 6
