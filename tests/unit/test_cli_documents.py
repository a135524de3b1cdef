"""`desdesk report … --approve`, `desdesk verify` and `desdesk documents list|get` on a
real district file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desdesk.main import main
from desdesk.services.workspace import open_workspace
from tests.factories import member_input
from tests.pdfs import flat, read_pdf


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "primiero.des"
    new = ("new", path, "--name", "DES Primiero", "--kind", "territoriale")
    assert run(*new, "--territory", "Primiero") == 0
    with open_workspace(path) as workspace:
        workspace.members.add(member_input("GAS Primiero"))
    return path


def test_report_approve_writes_the_archived_revision_that_verify_accepts(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "libro.pdf"
    args = ("report", "register", district, "-o", out)
    assert run(*args, "--approve", "Anna Bianchi", "--office", "coordinatrice") == 0
    printed = capsys.readouterr().out
    assert f"Creato {out} (Libro degli aderenti)" in printed
    assert "Approvato da Anna Bianchi: revisione 1, impronta " in printed
    today = date.today().strftime("%d/%m/%Y")
    footer = f"Documento approvato il {today} da Anna Bianchi (coordinatrice) — revisione 1"
    assert flat(footer) in flat(read_pdf(out.read_bytes()).text)

    assert run("verify", district, out) == 0
    verified = capsys.readouterr().out
    assert "VERIFICATO" in verified and "Libro degli aderenti, revisione 1" in verified
    assert f"approvato il {today} da Anna Bianchi (coordinatrice)" in verified


def test_verify_refuses_a_one_byte_change_and_a_draft(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    approved, draft = tmp_path / "approvato.pdf", tmp_path / "bozza.pdf"
    assert run("report", "register", district, "-o", approved, "--approve", "Anna Bianchi") == 0
    assert run("report", "contacts", district, "-o", draft) == 0
    changed = tmp_path / "modificato.pdf"
    data = bytearray(approved.read_bytes())
    data[-10] ^= 0x20
    changed.write_bytes(bytes(data))
    capsys.readouterr()

    assert run("verify", district, changed) == 1
    assert "NON VERIFICATO" in capsys.readouterr().out
    assert run("verify", district, draft) == 1
    assert run("verify", district, tmp_path / "assente.pdf") == 2
    assert "non riesco a leggere" in capsys.readouterr().err


def test_an_approved_document_is_fetched_byte_identical_after_data_changes(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "prima.pdf"
    assert run("report", "register", district, "-o", first, "--approve", "Anna Bianchi") == 0
    with open_workspace(district) as workspace:
        workspace.members.add(member_input("Bottega Equa", tax_code=None))
    capsys.readouterr()

    assert run("documents", "list", district, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["kind"], d["revision"], d["approved_by"]) for d in listed] == [
        ("register", 1, "Anna Bianchi")
    ]
    again = tmp_path / "di-nuovo.pdf"
    assert run("documents", "get", district, listed[0]["id"], "-o", again) == 0
    assert again.read_bytes() == first.read_bytes()
    assert run("verify", district, again) == 0


def test_documents_list_as_text_and_filters(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("documents", "list", district) == 0
    assert capsys.readouterr().out.strip() == "Nessun documento nell'archivio."
    assert run("report", "register", district, "-o", tmp_path / "a.pdf") == 0
    assert run("report", "budget", district, "--year", "2025", "-o", tmp_path / "b.pdf") == 0
    capsys.readouterr()

    assert run("documents", "list", district) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and all("\tBozza\t" in line for line in lines)
    assert run("documents", "list", district, "--kind", "budget", "--json") == 0
    only = json.loads(capsys.readouterr().out)
    assert [d["title"] for d in only] == ["Rendiconto per cassa 2025"]
    assert run("documents", "list", district, "--year", "2024", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_approval_options_are_checked(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert run("report", "register", district, "-o", out, "--office", "tesoriere") == 2
    assert "--office vale solo insieme a --approve" in capsys.readouterr().err
    assert run("report", "register", district, "-o", out, "--approve", " ") == 2
    assert run("report", "register", district, "-o", out, "--year", "2025") == 2
    assert not out.exists()


def test_getting_a_signed_copy_that_does_not_exist_is_refused(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "register", district, "-o", tmp_path / "a.pdf", "--approve", "A B") == 0
    out = tmp_path / "firmato.pdf"

    assert run("documents", "get", district, "1", "-o", out, "--signed") == 1
    assert "non ha una copia firmata" in capsys.readouterr().err
    assert run("documents", "get", district, "99", "-o", out) == 1
    assert "numero 99" in capsys.readouterr().err
    assert not out.exists()


def test_the_district_file_is_refused_as_output_before_anything_is_recorded(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = district.read_bytes()

    assert run("report", "register", district, "-o", district, "--approve", "Anna Bianchi") == 1

    assert "scegli un altro nome" in capsys.readouterr().err
    assert district.read_bytes() == before


def test_verify_traces_a_printed_copy_by_the_footprint_in_its_footer(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "libro.pdf"
    assert run("report", "register", district, "-o", out, "--approve", "Anna Bianchi") == 0
    printed = capsys.readouterr().out
    footprint = printed.split("impronta ")[1].split(".")[0]
    assert footprint in flat(read_pdf(out.read_bytes()).text)

    assert run("verify", district, "--footprint", footprint) == 0
    traced = capsys.readouterr().out
    assert "VERIFICATO" in traced and "Libro degli aderenti, revisione 1" in traced
    assert run("verify", district, "--footprint", "0000 0000 0000 0000") == 1
    assert "NON TROVATO" in capsys.readouterr().out
    assert run("verify", district, "--footprint", "3F2A") == 2
    assert "16 cifre esadecimali" in capsys.readouterr().err


def test_verify_errors_are_not_a_no(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "libro.pdf"
    assert run("report", "register", district, "-o", out, "--approve", "Anna Bianchi") == 0
    capsys.readouterr()

    assert run("verify", tmp_path / "assente.des", out) == 2
    assert run("verify", district) == 2
    assert run("verify", district, out, "--footprint", "0000 0000 0000 0000") == 2
    assert "uno solo dei due" in capsys.readouterr().err
