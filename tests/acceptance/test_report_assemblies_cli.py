"""`desdesk report convocation|notice|minutes|attendance`: the PDFs, messages, exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desdesk.main import main
from desdesk.services.workspace import open_workspace
from tests.assembly_district import COORDINATOR, AssemblyDistrict, populate_assemblies
from tests.pdfs import A4_POINTS, flat, read_pdf
from tests.report_district import ACCENTED, COOPERATIVE, FORMER, NO_REFERENT


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> tuple[Path, AssemblyDistrict]:
    path = tmp_path / "vallagarina.des"
    assert run("new", path, "--name", "DES Vallagarina", "--kind", "territoriale",
               "--territory", "Vallagarina") == 0  # fmt: skip
    with open_workspace(path) as workspace:
        made = populate_assemblies(workspace)
    return path, made


def test_convocation_letters_one_per_active_member(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, made = district
    out = tmp_path / "lettere.pdf"
    capsys.readouterr()

    assert run("report", "convocation", path, "--assembly", made.held, "-o", out) == 0

    assert (
        capsys.readouterr().out.strip().startswith(f"Creato {out} (Convocazione dell'assemblea — ")
    )
    pdf = read_pdf(out.read_bytes())
    pages = [flat(page) for page in pdf.pages]
    assert len(pages) == 3  # three active members, the former one is left out
    assert pdf.page_sizes() == [A4_POINTS] * 3
    assert f"Spett.le {NO_REFERENT}" in pages[0]
    assert f"Spett.le {COOPERATIVE} alla c.a. di Giulia Bertolini" in pages[1]
    assert f"Spett.le {ACCENTED} alla c.a. di Nicolò Dell'Antonio" in pages[2]
    assert FORMER not in " ".join(pages)
    for page in pages:
        assert "Prima convocazione 08/10/2026 alle 18:00" in page
        assert "Seconda convocazione 09/10/2026 alle 20:30" in page
        assert "1. Bilancio 2025 Consuntivo e preventivo. 2. Festa" in page
        assert "Data: 25/09/2026" in page
        assert f"{COORDINATOR} (coordinatore)" in page


def test_convocation_notice_has_no_addressee(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, made = district
    out = tmp_path / "avviso.pdf"
    capsys.readouterr()

    assert run("report", "notice", path, "--assembly", made.held, "-o", out) == 0

    assert capsys.readouterr().out.strip().startswith(f"Creato {out} (Avviso di convocazione — ")
    text = flat(read_pdf(out.read_bytes()).text)
    assert "A tutti gli aderenti del distretto" in text
    assert "Spett.le" not in text
    assert "Sala civica, Rovereto" in text


def test_minutes_with_counts_votes_tasks_and_attendance_sheet(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path
) -> None:
    path, made = district
    out = tmp_path / "verbale.pdf"

    assert run("report", "minutes", path, "--assembly", made.held, "-o", out) == 0

    pdf = read_pdf(out.read_bytes())
    text = flat(pdf.text)
    assert "Verbale di assemblea" in text
    assert "Presidente Nicolò Dell'Antonio" in text
    assert "Aderenti convocati 3" in text
    assert "Rappresentati per delega 1" in text
    assert "Presenti o rappresentati 3" in text
    assert "Quorum raggiunto: 3 presenti o rappresentati su 2 richiesti." in text
    assert "Votazione: favorevoli 2, contrari 0, astenuti 1: la proposta è approvata." in text
    assert "Approvata all'unanimità (3 voti favorevoli)." in text
    assert f"{COOPERATIVE}: Prenotare la sala (entro il 01/03/2027)" in text
    annex = flat(pdf.pages[-1])
    assert "Allegato: foglio presenze" in annex
    assert f"{NO_REFERENT} delega a {ACCENTED}" in annex
    assert "1 Mario Verdi Comune di Rovereto" in annex


def test_minutes_revisions_cite_the_approved_one(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path
) -> None:
    path, made = district
    with open_workspace(path) as workspace:
        workspace.minutes.approve(made.minutes, date(2026, 11, 20))
        workspace.minutes.new_revision(made.minutes, "corretta l'ora di fine")
    latest, first = tmp_path / "v2.pdf", tmp_path / "v1.pdf"

    assert run("report", "minutes", path, "--assembly", made.held, "-o", latest) == 0
    assert run("report", "minutes", path, "--assembly", made.held, "--revision", 1,
               "-o", first) == 0  # fmt: skip

    assert (
        "Revisione 2, che corregge la revisione 1 approvata il 20/11/2026: corretta l'ora di fine"
    ) in flat(read_pdf(latest.read_bytes()).text)
    text = flat(read_pdf(first.read_bytes()).text)
    assert "Revisione" not in text
    assert "Approvato il 20/11/2026" in text


def test_attendance_register_over_a_period(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = district
    out = tmp_path / "presenze.pdf"
    capsys.readouterr()

    assert run("report", "attendance", path, "--from", "01/01/2026", "--to", "31/12/2026",
               "-o", out) == 0  # fmt: skip

    assert capsys.readouterr().out.strip() == (
        f"Creato {out} (Registro presenze dal 01/01/2026 al 31/12/2026)"
    )
    pdf = read_pdf(out.read_bytes())
    text = flat(pdf.text)
    assert pdf.page_sizes()[0] == A4_POINTS[::-1]
    assert "Dal 01/01/2026 al 31/12/2026" in text
    assert "08/10 2026" in text
    assert f"1 {NO_REFERENT} D 100% 0" in text
    assert f"2 {COOPERATIVE} S 100% 0" in text
    assert f"3 {ACCENTED} P 100% 0" in text


def test_attendance_register_of_a_period_without_assemblies(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path
) -> None:
    path, _made = district
    out = tmp_path / "presenze.pdf"

    assert run("report", "attendance", path, "--to", "31/12/2025", "-o", out) == 0

    text = flat(read_pdf(out.read_bytes()).text)
    assert "Fino al 31/12/2025" in text
    assert "Nessuna assemblea svolta nel periodo." in text


def test_register_and_contacts_still_work(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path
) -> None:
    path, _made = district
    assert run("report", "register", path, "-o", tmp_path / "libro.pdf") == 0
    assert run("report", "contacts", path, "-o", tmp_path / "contatti.pdf") == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["minutes"], "il documento minutes richiede --assembly ID"),
        (["convocation"], "il documento convocation richiede --assembly ID"),
        (["register", "--assembly", "1"], "--assembly vale solo per"),
        (["attendance", "--from", "31/02/2026"], "La data “31/02/2026” non esiste."),
        (["attendance", "--to", "ieri"], "Data “ieri” non riconosciuta"),
        (["attendance", "--from", "02/01/2026", "--to", "01/01/2026"], "viene dopo"),
        (["minutes", "--assembly", "zero"], "numero non valido: zero"),
        (["notice", "--assembly", "1", "--revision", "2"], "--revision vale solo per minutes"),
    ],
)
def test_bad_arguments_exit_2(
    district: tuple[Path, AssemblyDistrict],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    path, _made = district
    out = tmp_path / "doc.pdf"

    assert run("report", args[0], path, *args[1:], "-o", out) == 2

    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("document", "which", "message"),
    [
        ("minutes", "future", "L'assemblea non ha ancora un verbale."),
        ("minutes", "missing", "L'assemblea non esiste più."),
        ("convocation", "missing", "L'assemblea non esiste più."),
    ],
)
def test_missing_assembly_or_minutes_exit_1(
    district: tuple[Path, AssemblyDistrict],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: str,
    which: str,
    *,
    message: str,
) -> None:
    path, made = district
    assembly = made.future if which == "future" else 99
    out = tmp_path / "doc.pdf"

    assert run("report", document, path, "--assembly", assembly, "-o", out) == 1

    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_revision_is_refused_with_exit_1(
    district: tuple[Path, AssemblyDistrict], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, made = district

    assert run("report", "minutes", path, "--assembly", made.held, "--revision", 3,
               "-o", tmp_path / "v.pdf") == 1  # fmt: skip

    assert "Il verbale non ha la revisione 3 (le revisioni sono 1)." in capsys.readouterr().err
