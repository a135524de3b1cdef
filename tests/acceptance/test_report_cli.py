"""`desdesk report register|contacts FILE.des -o OUT.pdf`: output, messages, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from desdesk.main import main
from desdesk.services.workspace import open_workspace
from tests.pdfs import A4_POINTS, flat, read_pdf
from tests.report_district import ACCENTED, FORMER, populate


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "vallagarina.des"
    assert run("new", path, "--name", "DES Vallagarina", "--kind", "territoriale",
               "--territory", "Vallagarina") == 0  # fmt: skip
    with open_workspace(path) as workspace:
        populate(workspace)
    return path


def test_report_register_writes_the_pdf(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "libro.pdf"
    capsys.readouterr()

    assert run("report", "register", district, "-o", out) == 0

    captured = capsys.readouterr()
    assert captured.out.strip() == f"Creato {out} (Libro degli aderenti)"
    assert captured.err == ""
    pdf = read_pdf(out.read_bytes())
    assert pdf.page_sizes()[0] == A4_POINTS[::-1]
    text = flat(pdf.text)
    assert "Libro degli aderenti" in text
    assert ACCENTED in text
    assert FORMER in text


def test_report_contacts_writes_the_pdf(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "contatti.pdf"
    capsys.readouterr()

    assert run("report", "contacts", district, "--output", out) == 0

    assert capsys.readouterr().out.strip() == f"Creato {out} (Contatti dei referenti)"
    text = flat(read_pdf(out.read_bytes()).text)
    assert "Contatti dei referenti" in text
    assert "manca il referente titolare" in text
    assert FORMER not in text


def test_a_file_that_is_not_a_district_is_refused_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "appunti.des"
    other.write_text("non sono un distretto", encoding="utf-8")
    out = tmp_path / "libro.pdf"

    assert run("report", "register", other, "-o", out) == 1

    captured = capsys.readouterr()
    assert "appunti.des non è un file di distretto di desdesk." in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()
    assert other.read_text(encoding="utf-8") == "non sono un distretto"


def test_a_missing_district_file_is_refused_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "contacts", tmp_path / "manca.des", "-o", tmp_path / "c.pdf") == 1

    assert "non esiste" in capsys.readouterr().err


def test_an_output_folder_that_does_not_exist_is_refused_with_exit_1(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "manca" / "libro.pdf"

    assert run("report", "register", district, "-o", out) == 1

    assert "la cartella non esiste" in capsys.readouterr().err


def test_the_pdf_may_not_overwrite_the_district_file(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = district.read_bytes()

    assert run("report", "register", district, "-o", district) == 1

    assert "non può sostituire il file del distretto" in capsys.readouterr().err
    assert district.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("report",),
        ("report", "register"),
        ("report", "register", "x.des"),  # no -o
        ("report", "bilancio", "x.des", "-o", "x.pdf"),
        ("report", "register", "x.des", "-o", "x.pdf", "--colore", "verde"),
    ],
)
def test_bad_usage_exits_2_with_an_italian_message(
    args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(*args) == 2

    err = capsys.readouterr().err
    assert err.startswith("uso: desdesk")
    assert "errore:" in err
