"""Documenti › Archivio: the list and its filters, approving, creating again (a new
revision; the old one unchanged), deleting a draft, saving, and the buttons that follow
the selection."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.approve_document import ApproveDocumentDialog
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from desdesk.ui.models.archive import ArchiveModel, ArchiveProxy, file_name
from desdesk.ui.widgets.archive_view import ArchiveView
from tests.factories import VALID_ORG_CODES, member_input
from tests.pdfs import flat, read_pdf

GIULIA = Approval("Giulia Bertolini", "Coordinatore", date(2026, 11, 20))


@pytest.fixture
def archived(populated: Workspace) -> Workspace:
    """Register and contacts (no year), rendiconto 2025 and 2026, check."""
    catalog = populated.catalog
    catalog.generate(DocumentRequest(DocumentKind.REGISTER))
    catalog.generate(DocumentRequest(DocumentKind.CONTACTS))
    catalog.generate(DocumentRequest(DocumentKind.BUDGET, year=2025))
    catalog.generate(DocumentRequest(DocumentKind.BUDGET, year=2026))
    return populated


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[PdfPreviewDialog]:
    """Previews do not block: they are collected instead."""
    shown: list[PdfPreviewDialog] = []

    def collect(self: PdfPreviewDialog) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", collect)
    return shown


@pytest.fixture
def approve_as_giulia(monkeypatch: pytest.MonkeyPatch) -> None:
    """The approval dialog, filled in and confirmed as a user would."""

    def run(self: ApproveDocumentDialog) -> int:
        self.name.setText(GIULIA.name)
        self.office.setText(GIULIA.office)
        self.day.set_date(GIULIA.day)
        self.save()
        return int(self.result())

    monkeypatch.setattr(ApproveDocumentDialog, "exec", run)


def _view(qtbot, workspace: Workspace) -> ArchiveView:
    view = ArchiveView(workspace)
    qtbot.addWidget(view)
    return view


def _texts(view: ArchiveView, row: ArchivedDocumentRow) -> dict[str, str]:
    model = view.model
    source = model.source_row_of(row.id)
    assert source is not None
    return {
        str(model.headerData(c, Qt.Orientation.Horizontal)): str(model.index(source, c).data())
        for c in range(model.columnCount())
    }


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, archived: Workspace) -> None:
    model = ArchiveModel()
    model.set_rows(archived.archive.rows())
    qtmodeltester.check(model)
    proxy = ArchiveProxy()
    proxy.setSourceModel(model)
    proxy.set_kind(DocumentKind.BUDGET)
    qtmodeltester.check(proxy)
    proxy.set_year(2025)
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)


def test_columns_of_a_draft_and_of_an_approved_revision(qtbot, archived: Workspace) -> None:
    budget = archived.archive.rows(kind=DocumentKind.BUDGET, year=2025)[0]
    view = _view(qtbot, archived)
    draft = _texts(view, budget)
    assert draft["Documento"] == "Rendiconto per cassa 2025"
    assert (draft["Tipo"], draft["Anno"], draft["Stato"]) == (
        "Rendiconto per cassa",
        "2025",
        "Bozza",
    )
    assert (draft["Revisione"], draft["Firmato"], draft["Inviato il"]) == ("—", "—", "—")
    assert draft["Dimensione"].endswith(" KB")
    archived.archive.approve(budget.id, GIULIA)
    view.refresh()
    approved = _texts(view, budget)
    assert (approved["Stato"], approved["Revisione"]) == ("Approvato", "1")
    assert approved["Approvato il"] == "20/11/2026"
    assert approved["Approvato da"] == "Giulia Bertolini (Coordinatore)"


def test_filters_by_kind_and_year(qtbot, archived: Workspace) -> None:
    view = _view(qtbot, archived)
    kinds = [view.kind_filter.itemText(i) for i in range(view.kind_filter.count())]
    assert kinds == [
        "Tutti",
        "Libro degli aderenti",
        "Contatti dei referenti",
        "Rendiconto per cassa",
    ]
    years = [view.year_filter.itemText(i) for i in range(view.year_filter.count())]
    assert years == ["Tutti", "2026", "2025"]
    assert len(view.shown_rows()) == 4
    view.set_filters(DocumentKind.BUDGET, None)
    assert {r.title for r in view.shown_rows()} == {
        "Rendiconto per cassa 2025",
        "Rendiconto per cassa 2026",
    }
    view.set_filters(DocumentKind.BUDGET, 2026)
    assert [r.title for r in view.shown_rows()] == ["Rendiconto per cassa 2026"]
    view.set_filters(None, 2025)
    assert [r.title for r in view.shown_rows()] == ["Rendiconto per cassa 2025"]
    archived.catalog.generate(DocumentRequest(DocumentKind.CHECK))
    view.refresh()  # the filters stay as chosen
    assert view.year_filter.currentData() == 2025
    assert [r.title for r in view.shown_rows()] == ["Rendiconto per cassa 2025"]


def test_buttons_follow_the_selection(qtbot, archived: Workspace) -> None:
    register = archived.archive.rows(kind=DocumentKind.REGISTER)[0]
    contacts = archived.archive.rows(kind=DocumentKind.CONTACTS)[0]
    archived.archive.approve(contacts.id, GIULIA)
    view = _view(qtbot, archived)

    def enabled() -> set[str]:
        return {key for key, button in view.buttons.items() if button.isEnabled()}

    assert enabled() == set()
    view.select_documents([register.id])
    assert enabled() == {"preview", "save", "regenerate", "approve", "delete", "send"}
    view.select_documents([contacts.id])
    assert enabled() == {"preview", "save", "regenerate", "sign", "send"}
    view.select_documents([register.id, contacts.id])
    assert enabled() == {"send"}


def test_approve_then_the_bytes_never_change(
    qtbot, archived: Workspace, approve_as_giulia: None, previews: list[PdfPreviewDialog]
) -> None:
    register = archived.archive.rows(kind=DocumentKind.REGISTER)[0]
    view = _view(qtbot, archived)
    view.select_documents([register.id])
    with qtbot.waitSignal(view.changed):
        view.buttons["approve"].click()
    texts = _texts(view, register)
    assert (texts["Stato"], texts["Revisione"]) == ("Approvato", "1")
    assert view.current() is not None and view.current().id == register.id  # type: ignore[union-attr]
    approved = archived.archive.pdf(register.id)
    archived.members.add(member_input(name="Bottega Equa Arcobaleno", tax_code=VALID_ORG_CODES[4]))
    assert "Bottega Equa Arcobaleno" in flat(read_pdf(archived.documents.register_pdf()).text)
    assert archived.archive.pdf(register.id) == approved
    source = view.model.source_row_of(register.id)
    assert source is not None
    view.table.doubleClicked.emit(view.proxy.mapFromSource(view.model.index(source, 0)))
    preview = previews[-1]
    assert preview.pdf() == approved
    assert "Documento approvato il" in preview.view.page_text(0)
    assert preview.buttons["approve"].isHidden()


def test_create_again_makes_revision_two_and_keeps_revision_one(
    qtbot, archived: Workspace, approve_as_giulia: None, previews: list[PdfPreviewDialog]
) -> None:
    register = archived.archive.rows(kind=DocumentKind.REGISTER)[0]
    first = archived.archive.approve(register.id, GIULIA)
    first_sha = _sha(archived.archive.pdf(first.id))
    archived.members.add(member_input(name="Bottega Equa Arcobaleno", tax_code=VALID_ORG_CODES[4]))
    view = _view(qtbot, archived)
    view.select_documents([first.id])
    view.buttons["regenerate"].click()
    draft = view.current()
    assert draft is not None and draft.id != first.id and not draft.approved
    assert previews[-1].document == draft  # shown at once
    assert "Bottega Equa Arcobaleno" in flat(read_pdf(archived.archive.pdf(draft.id)).text)
    view.buttons["approve"].click()
    second = archived.archive.get(draft.id)
    assert second.revision == 2
    assert _sha(archived.archive.pdf(first.id)) == first_sha == first.sha256
    assert archived.archive.get(first.id).revision == 1
    revisions = sorted(r.revision or 0 for r in archived.archive.rows(kind=DocumentKind.REGISTER))
    assert revisions == [1, 2]


def test_delete_a_draft_after_confirmation(
    qtbot, archived: Workspace, answer_yes: list[str]
) -> None:
    contacts = archived.archive.rows(kind=DocumentKind.CONTACTS)[0]
    view = _view(qtbot, archived)
    view.select_documents([contacts.id])
    view.buttons["delete"].click()
    assert answer_yes and "Contatti dei referenti" in answer_yes[0]
    assert all(r.id != contacts.id for r in archived.archive.rows())
    assert view.model.source_row_of(contacts.id) is None
    assert len(view.shown_rows()) == 3


def test_save_as_writes_the_archived_bytes(qtbot, archived: Workspace, tmp_path: Path) -> None:
    budget = archived.archive.rows(kind=DocumentKind.BUDGET, year=2025)[0]
    approved = archived.archive.approve(budget.id, GIULIA)
    assert file_name(approved) == "rendiconto-2025-rev1.pdf"
    view = _view(qtbot, archived)
    view.select_documents([budget.id])
    target = tmp_path / "rendiconto.pdf"
    assert view.save_selected(target) == target
    assert target.read_bytes() == archived.archive.pdf(budget.id)


def test_sign_opens_the_signature_dialog_for_the_approved_revision(
    qtbot, archived: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desdesk.ui.dialogs.sign_document import SignDocumentDialog

    opened: list[int] = []

    def run(self: SignDocumentDialog) -> int:
        opened.append(self.document_id)
        return 0

    monkeypatch.setattr(SignDocumentDialog, "exec", run)
    contacts = archived.archive.rows(kind=DocumentKind.CONTACTS)[0]
    archived.archive.approve(contacts.id, GIULIA)
    view = _view(qtbot, archived)
    view.select_documents([contacts.id])
    view.buttons["sign"].click()
    assert opened == [contacts.id]


def test_an_empty_archive_says_where_documents_come_from(qtbot, workspace: Workspace) -> None:
    view = _view(qtbot, workspace)
    assert not view.empty.isHidden()
    assert "Crea" in view.empty.text()
    assert view.model.rowCount() == 0


def test_send_opens_the_mail_with_the_selected_documents_attached(
    qtbot, archived: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desdesk.ui.dialogs.compose_mail import ComposeMailDialog

    attached: list[list[int]] = []

    def run(self: ComposeMailDialog) -> int:
        attached.append([document.id for document in self.checked_documents()])
        return 0

    monkeypatch.setattr(ComposeMailDialog, "exec", run)
    budgets = archived.archive.rows(kind=DocumentKind.BUDGET)
    view = _view(qtbot, archived)
    view.select_documents([r.id for r in budgets])
    view.buttons["send"].click()
    assert len(attached) == 1 and sorted(attached[0]) == sorted(r.id for r in budgets)


def test_a_signed_revision_shows_its_signers_and_its_signed_copy(
    qtbot, archived: Workspace, previews: list[PdfPreviewDialog], tmp_path: Path
) -> None:
    contacts = archived.archive.rows(kind=DocumentKind.CONTACTS)[0]
    archived.archive.approve(contacts.id, GIULIA)
    stamped = archived.archive.pdf(contacts.id)
    signed_copy = stamped + b"\n% a signature would go here\n"
    archived.archive.store_signed(contacts.id, signed_copy, "Giulia Bertolini")
    view = _view(qtbot, archived)
    assert _texts(view, contacts)["Firmato"] == "Giulia Bertolini"
    view.select_documents([contacts.id])
    view.buttons["preview"].click()
    preview = previews[-1]
    assert preview.pdf() == signed_copy
    assert "Firmato digitalmente da Giulia Bertolini" in preview.state.text()
    assert preview.default_file_name() == "contatti-referenti-rev1-firmato.pdf"
    target = tmp_path / "firmato.pdf"
    assert view.save_selected(target) == target
    assert target.read_bytes() == signed_copy
