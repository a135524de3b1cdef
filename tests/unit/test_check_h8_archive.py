"""H8 reads the archive: last year's annual report approved (signed off) in Documenti, or
a warning once the deadline has passed; a draft, or another year's report, is not enough."""

from __future__ import annotations

from datetime import date

from desdesk.document_schemas import Approval, DocumentRequest
from desdesk.domain.check_types import Finding, Level
from desdesk.domain.documents import DocumentKind
from desdesk.services.workspace import Workspace
from tests.factories import member_input

AFTER_DEADLINE = date(2026, 7, 1)


def h8(workspace: Workspace, today: date = AFTER_DEADLINE) -> Finding:
    (finding,) = [f for f in workspace.check.report(today=today).findings if f.rule == "H8"]
    return finding


def annual(workspace: Workspace, year: int) -> DocumentRequest:
    return DocumentRequest(DocumentKind.ANNUAL, year=year)


def a_pdf(workspace: Workspace) -> bytes:
    """Any real PDF of the district will do: approving stamps its pages."""
    return workspace.check.pdf(today=AFTER_DEADLINE)


def test_no_approved_report_of_last_year_warns_after_the_deadline(workspace: Workspace) -> None:
    workspace.members.add(member_input(joined_on=date(2024, 3, 15)))
    finding = h8(workspace)
    assert finding.level is Level.WARNING
    assert finding.message == (
        "Relazione annuale 2025 non ancora approvata: la scadenza era il 30/06/2026."
    )
    # Before the deadline it is a plain to-do, not a reminder that desdesk cannot judge.
    early = h8(workspace, date(2026, 5, 2))
    assert early.level is Level.OK
    assert early.message == "Relazione annuale 2025 da approvare entro il 30/06/2026."


def test_a_draft_or_another_years_report_does_not_count(workspace: Workspace) -> None:
    workspace.members.add(member_input(joined_on=date(2023, 3, 15)))
    archive = workspace.archive
    archive.record(
        annual(workspace, 2025), "Rendicontazione annuale 2025", "2025", a_pdf(workspace)
    )
    archive.record_approved(
        annual(workspace, 2024),
        "Rendicontazione annuale 2024",
        "2024",
        a_pdf(workspace),
        Approval("Sara Valduga", "Coordinatore", date(2025, 5, 20)),
    )
    assert archive.approved_years(DocumentKind.ANNUAL) == {2024: date(2025, 5, 20)}
    assert h8(workspace).level is Level.WARNING


def test_last_years_report_approved_is_ok(workspace: Workspace) -> None:
    workspace.members.add(member_input(joined_on=date(2024, 3, 15)))
    draft = workspace.archive.record(
        annual(workspace, 2025), "Rendicontazione annuale 2025", "2025", a_pdf(workspace)
    )
    workspace.archive.approve(draft.id, Approval("Sara Valduga", "Coordinatore", date(2026, 7, 3)))
    finding = h8(workspace, date(2026, 9, 1))
    assert finding.level is Level.OK
    assert finding.message == "Relazione annuale 2025 approvata il 03/07/2026."
