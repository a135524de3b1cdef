"""The archive of documents against a real district file: drafts, approved revisions
that never change, the footer on every page, verification by SHA-256."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desdesk.document_schemas import Approval, DocumentRequest
from desdesk.domain.documents import DocumentKind, approval_footer, footprint
from desdesk.domain.errors import DesdeskError, ValidationFailed
from desdesk.services.archive import AlreadyApproved, DocumentNotFound, sha256_hex
from desdesk.services.workspace import Workspace
from tests.factories import member_input
from tests.pdfs import flat, read_pdf

DAY = date(2026, 11, 26)
APPROVAL = Approval(name="Maria Rossi", office="coordinatrice", day=DAY)
REGISTER = DocumentRequest(DocumentKind.REGISTER)


def test_a_generated_document_is_kept_as_the_draft_and_replaced_by_the_next(
    workspace: Workspace,
) -> None:
    first = workspace.catalog.generate(REGISTER)
    second = workspace.catalog.generate(REGISTER)

    rows = workspace.archive.rows()
    assert [r.id for r in rows] == [second.id]
    assert not second.approved and second.revision is None
    assert second.title == "Libro degli aderenti"
    with pytest.raises(DocumentNotFound):
        workspace.archive.get(first.id)


def test_approval_stamps_the_footer_on_every_page_and_keeps_the_content_footprint(
    workspace: Workspace,
) -> None:
    for index in range(70):  # enough members for more than one page
        workspace.members.add(member_input(f"Aderente {index:02d}", tax_code=None))
    draft = workspace.catalog.generate(REGISTER)
    content = workspace.archive.pdf(draft.id)

    approved = workspace.archive.approve(draft.id, APPROVAL)

    stamped = workspace.archive.pdf(approved.id)
    assert approved.revision == 1 and approved.approved_on == DAY
    assert approved.content_sha256 == sha256_hex(content)
    assert approved.sha256 == sha256_hex(stamped) != approved.content_sha256
    footer = approval_footer(DAY, "Maria Rossi", "coordinatrice", 1, sha256_hex(content))
    assert footprint(sha256_hex(content)) in footer
    pdf = read_pdf(stamped)
    assert len(pdf.pages) > 1
    for page in pdf.pages:
        assert flat(footer) in flat(page)


def test_an_approved_document_never_changes_and_a_new_approval_is_the_next_revision(
    workspace: Workspace,
) -> None:
    first = workspace.catalog.generate_approved(REGISTER, APPROVAL)
    before = workspace.archive.pdf(first.id)
    workspace.members.add(member_input("Bottega del Mondo Nuovo"))

    assert workspace.archive.pdf(first.id) == before  # byte-identical after a data change
    assert "Bottega del Mondo Nuovo" not in flat(read_pdf(before).text)
    second = workspace.catalog.generate_approved(REGISTER, APPROVAL)
    assert second.revision == 2
    assert "Bottega del Mondo Nuovo" in flat(read_pdf(workspace.archive.pdf(second.id)).text)
    assert workspace.archive.pdf(first.id) == before
    assert [r.revision for r in workspace.archive.rows(DocumentKind.REGISTER)] == [2, 1]


def test_revisions_count_per_document(workspace: Workspace) -> None:
    budget_2025 = DocumentRequest(DocumentKind.BUDGET, year=2025)
    budget_2026 = DocumentRequest(DocumentKind.BUDGET, year=2026)

    a = workspace.catalog.generate_approved(budget_2025, APPROVAL)
    b = workspace.catalog.generate_approved(budget_2026, APPROVAL)
    c = workspace.catalog.generate_approved(budget_2025, APPROVAL)

    assert (a.revision, b.revision, c.revision) == (1, 1, 2)
    assert (a.title, a.subject, a.year) == ("Rendiconto per cassa 2025", "2025", 2025)
    assert workspace.archive.years() == [2026, 2025]
    assert [r.id for r in workspace.archive.rows(year=2026)] == [b.id]
    assert workspace.archive.approved_years(DocumentKind.BUDGET) == {2025: DAY, 2026: DAY}


def test_an_approved_revision_cannot_be_approved_again_or_deleted(workspace: Workspace) -> None:
    row = workspace.catalog.generate_approved(REGISTER, APPROVAL)

    with pytest.raises(AlreadyApproved):
        workspace.archive.approve(row.id, APPROVAL)
    with pytest.raises(AlreadyApproved):
        workspace.archive.delete_draft(row.id)
    assert workspace.archive.get(row.id).revision == 1


def test_the_approver_is_required_and_a_refusal_leaves_the_draft(workspace: Workspace) -> None:
    draft = workspace.catalog.generate(REGISTER)

    with pytest.raises(ValidationFailed) as refused:
        workspace.archive.approve(draft.id, Approval(name="  ", office="", day=DAY))

    assert refused.value.problems[0].field == "approver"
    assert not workspace.archive.get(draft.id).approved


def test_verify_accepts_the_exact_bytes_and_refuses_a_one_byte_change(
    workspace: Workspace,
) -> None:
    row = workspace.catalog.generate_approved(REGISTER, APPROVAL)
    data = workspace.archive.pdf(row.id)
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01

    found = workspace.archive.verify(data)
    assert found.matches and found.document is not None
    assert (found.document.id, found.document.revision, found.signed_copy) == (row.id, 1, False)
    assert not workspace.archive.verify(bytes(changed)).matches


def test_verify_refuses_a_draft_and_knows_every_signed_copy(workspace: Workspace) -> None:
    """Signed copies are stand-ins here (real PAdES signatures: test_signing.py): what
    the archive checks is that each copy extends the previous one, and keeps them all."""
    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.CONTACTS))
    assert not workspace.archive.verify(workspace.archive.pdf(draft.id)).matches

    row = workspace.catalog.generate_approved(REGISTER, APPROVAL)
    first = workspace.archive.pdf(row.id) + b"% first signature\n"
    stored = workspace.archive.store_signed(row.id, first, "Maria Rossi")
    second = first + b"% second signature\n"
    stored = workspace.archive.store_signed(row.id, second, "Luca Bianchi")

    assert stored.signed and stored.signers == "Maria Rossi; Luca Bianchi"
    assert workspace.archive.pdf(row.id, signed=True) == second
    for copy in (first, second):
        found = workspace.archive.verify(copy)
        assert found.matches and found.signed_copy
        assert workspace.archive.pdf_with_sha(row.id, sha256_hex(copy)) == copy


def test_a_signed_copy_must_extend_the_approved_bytes(workspace: Workspace) -> None:
    row = workspace.catalog.generate_approved(REGISTER, APPROVAL)
    approved = workspace.archive.pdf(row.id)
    tampered = bytearray(approved + b"% signature\n")
    tampered[100] ^= 0x01

    for bad in (bytes(tampered), approved, b"%PDF-1.7 something else"):
        with pytest.raises(DesdeskError, match="non contiene, intatto"):
            workspace.archive.store_signed(row.id, bad, "Maria Rossi")
    assert not workspace.archive.get(row.id).signed


def test_a_future_approval_date_is_refused(workspace: Workspace) -> None:
    draft = workspace.catalog.generate(REGISTER)
    tomorrow = date.today() + timedelta(days=1)

    with pytest.raises(ValidationFailed) as refused:
        workspace.archive.approve(draft.id, Approval("Maria Rossi", "", tomorrow))

    assert [p.field for p in refused.value.problems] == ["day"]


def test_a_draft_attached_to_an_e_mail_stays_as_it_was_sent(workspace: Workspace) -> None:
    draft = workspace.catalog.generate(REGISTER)
    sent_bytes = workspace.archive.pdf(draft.id)
    workspace.outbox.compose("centro@example.org", "Libro", "In allegato.", [(draft.id, False)])

    with pytest.raises(DesdeskError, match="allegata a un messaggio"):
        workspace.archive.delete_draft(draft.id)
    approved = workspace.archive.approve(draft.id, APPROVAL)

    assert approved.id != draft.id and approved.revision == 1
    assert workspace.archive.pdf(draft.id) == sent_bytes
    assert not workspace.archive.get(draft.id).approved
    assert approved.content_sha256 == sha256_hex(sent_bytes)


def test_regenerate_makes_a_new_draft_from_the_same_request(workspace: Workspace) -> None:
    request = DocumentRequest(DocumentKind.ATTENDANCE, start=date(2026, 1, 1), end=DAY)
    approved = workspace.catalog.generate_approved(request, APPROVAL)

    again = workspace.catalog.regenerate(approved.id)

    assert again.request == request and not again.approved
    assert again.subject == approved.subject == "attendance:2026-01-01..2026-11-26"
    assert again.title == "Registro presenze dal 01/01/2026 al 26/11/2026"
    assert workspace.archive.get(approved.id).revision == 1
