"""Verifica del distretto PDF (`desdesk report check`): the verdict, the counts, every
rule with its outcome, message and source, the thresholds; read back with pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desdesk.check_schemas import CheckReport
from desdesk.domain.check_types import CheckSettings, Finding, Level, Target
from desdesk.main import main
from desdesk.reports.check import check_pdf, verdict
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import Workspace, create_workspace
from tests.check_pictures_district import TODAY
from tests.check_pictures_district import build as build_district
from tests.pdfs import A4_POINTS, flat, read_pdf

PROFILE = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")


def _report(*findings: Finding) -> CheckReport:
    return CheckReport(date(2026, 11, 26), "DES Vallagarina", findings, CheckSettings())


def test_verdict_names_the_requirements_in_error() -> None:
    ok = Finding("C1", Level.OK, "3 aderenti attivi", "Delibera")
    c5 = Finding("C5", Level.ERROR, "Manca il coordinatore", "Toolkit 2.2")
    c12 = Finding("C12", Level.ERROR, "Nessun accordo", "Delibera")
    health = Finding("H2", Level.ERROR, "Assenze", "Regolamento")
    assert verdict(_report(ok, health)).startswith("Pronto per la costituzione")
    assert verdict(_report(ok, c12, c5)) == (
        "Non ancora pronto per la costituzione: 2 requisiti non soddisfatti (C5, C12)."
    )
    assert "1 requisito non soddisfatto (C5)" in verdict(_report(c5))


def test_the_checklist_of_a_district(workspace: Workspace) -> None:
    build_district(workspace)
    report = workspace.check.report(today=TODAY)
    pdf = read_pdf(workspace.check.pdf(today=TODAY))
    text = flat(pdf.text)
    assert pdf.page_sizes()[0] == A4_POINTS
    assert pdf.reader.metadata is not None and pdf.reader.metadata.title == "Verifica del distretto"
    assert "Verifica del distretto" in text and "DES Vallagarina" in text
    assert "Verifica al 26/11/2026" in text
    assert flat(verdict(report)) in text
    assert "Non ancora pronto per la costituzione" in text  # no agreement, no external referent
    assert "Costituzione" in text and "Salute del distretto" in text
    for finding in report.findings:
        assert flat(finding.message)[:40] in text
    for rule in ("C1", "C12", "H1", "H10"):
        assert rule in text
    assert "Errore" in text and "Avviso" in text and "In regola" in text
    assert "Fonte: Delibera provinciale 1949/2020" in text
    assert "Soglie usate: esclusione dopo 2 assenze consecutive" in text


def test_a_ready_verdict_reads_ready() -> None:
    finding = Finding(
        "C1",
        Level.OK,
        "3 aderenti attivi: ne servono almeno 3.",
        "Delibera",
        "Perché",
        Target("members"),
    )
    text = flat(read_pdf(check_pdf(PROFILE, _report(finding))).text)
    assert "Pronto per la costituzione: tutti i requisiti necessari sono soddisfatti." in text
    assert "3 aderenti attivi: ne servono almeno 3." in text
    assert "Perché" in text
    assert text.count("Regola Esito Verifica") == 1  # no health table without findings


def test_the_command_writes_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "vallagarina.des"
    create_workspace(path, PROFILE).close()
    output = tmp_path / "verifica.pdf"
    assert main(["report", "check", str(path), "-o", str(output)]) == 0
    assert capsys.readouterr().out == f"Creato {output} (Verifica del distretto)\n"
    text = flat(read_pdf(output.read_bytes()).text)
    assert "Non ancora pronto per la costituzione: 5 requisiti non soddisfatti" in text
    assert "0 aderenti attivi" in text


def test_the_command_takes_no_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "vallagarina.des"
    create_workspace(path, PROFILE).close()
    output = tmp_path / "verifica.pdf"
    assert main(["report", "check", str(path), "-o", str(output), "--year", "2026"]) == 2
    assert "--year" in capsys.readouterr().err
    assert not output.exists()
