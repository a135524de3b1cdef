"""The annual report of a district just created: every section is there and says plainly
that it has nothing to show; a district the check finds nothing wrong with says so too."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desdesk.domain.check_types import Level
from desdesk.i18n import _
from desdesk.reports.annual_report import annual_pdf
from desdesk.reports.annual_titles import SECTION_TITLES
from desdesk.services.annual_report import AnnualReportService
from desdesk.services.workspace import Workspace
from tests.pdfs import flat, read_pdf

TODAY = date(2026, 11, 26)

NO_DATA = (
    "Le regole di governance del distretto non sono ancora descritte.",
    "Al 26/11/2026 il distretto non ha aderenti attivi.",
    "Nel 2026 non sono entrati nuovi aderenti.",
    "Nel 2026 nessun aderente è uscito dal distretto.",
    "Nel 2026 non sono state registrate azioni per nuovi aderenti.",
    "Nel 2026 non risultano cariche in vigore.",
    "Nel 2026 non si sono tenute assemblee.",
    "Nessun aderente ha raggiunto 3 assenze consecutive.",
    "Il distretto non ha obiettivi registrati.",
    "Nel 2026 non risultano compiti assegnati.",
    "Per il 2026 non ci sono conti registrati.",
    "Nel 2026 gli indicatori non hanno né valori né obiettivi.",
)


def test_every_section_says_it_has_no_data(workspace: Workspace) -> None:
    annual = AnnualReportService(workspace, today=lambda: TODAY)
    report = annual.report(2026)
    assert report.as_of == TODAY  # the year is running: data up to today
    assert report.members.active == 0 and report.assemblies.held == ()
    assert report.assemblies.rate is None and report.budget.statement is None
    text = flat(read_pdf(annual.pdf(2026)).text)
    positions = [text.index(_(title)) for title in SECTION_TITLES]
    assert positions == sorted(positions)
    for sentence in NO_DATA:
        assert sentence in text, sentence
    assert "Anno 2026, in corso: dati al 26/11/2026" in text
    assert "Nel 2026: 0 aderenti attivi, 0 assemblee" in text
    # No empty tables: not one column heading of the sections' tables.
    for heading in (
        "Data di adesione",
        "Data di uscita",
        "Mandato",
        "Verbale approvato",
        "Scadenza",
    ):
        assert heading not in text, heading
    # A new district does not meet the requirements yet: the check's errors are listed.
    c1 = next(f for f in report.findings if f.rule == "C1")
    assert c1.level is Level.ERROR and flat(c1.message) in text


def test_no_issue_found_is_said_plainly(workspace: Workspace) -> None:
    report = AnnualReportService(workspace, today=lambda: TODAY).report(2026)
    text = flat(read_pdf(annual_pdf(replace(report, findings=()), generated_on=TODAY)).text)
    assert "Il controllo del distretto non ha trovato criticità." in text
    assert _(SECTION_TITLES[-1]) in text
    assert "Nel 2026: 0 aderenti attivi, 0 assemblee, 0 avvisi." in text
