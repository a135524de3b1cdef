"""The Firma digitale dialog: signs with a test certificate; a wrong password is said
inside the dialog, which stays open, and nothing is stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.signing import validate
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.sign_document import SignDocumentDialog
from tests.signing_certs import PASSWORD, TestCa, make_ca, write_p12


@pytest.fixture(scope="module")
def ca() -> TestCa:
    return make_ca()


@pytest.fixture
def p12(tmp_path: Path, ca: TestCa) -> Path:
    return write_p12(tmp_path / "maria.p12", ca, "Maria Rossi")


def approved(workspace: Workspace) -> ArchivedDocumentRow:
    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))
    return workspace.archive.approve(
        draft.id, Approval("Mario Bianchi", "Coordinatore", date(2026, 11, 26))
    )


def open_dialog(qtbot, workspace: Workspace, document_id: int) -> SignDocumentDialog:
    dialog = SignDocumentDialog(workspace, document_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_signs_with_the_certificate_and_password(
    qtbot, workspace: Workspace, p12: Path, ca: TestCa
) -> None:
    row = approved(workspace)
    dialog = open_dialog(qtbot, workspace, row.id)
    assert "Libro degli aderenti — revisione 1" in dialog.heading.text()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.reason.text() == "Approvazione"
    assert dialog.location.text() == "Vallagarina"

    dialog.certificate.setText(str(p12))
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.location.setText("Rovereto")
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == SignDocumentDialog.DialogCode.Accepted
    assert dialog.password.text() == ""
    assert dialog.signed_row is not None and dialog.signed_row.signers == "Maria Rossi"
    [check] = validate(workspace.archive.pdf(row.id, signed=True), [ca.certificate])
    assert check.intact and check.trusted and check.signer == "Maria Rossi"


def test_a_wrong_password_is_said_in_the_dialog_which_stays_open(
    qtbot, workspace: Workspace, p12: Path
) -> None:
    row = approved(workspace)
    dialog = open_dialog(qtbot, workspace, row.id)
    dialog.certificate.setText(str(p12))
    dialog.password.setText("sbagliata")

    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != SignDocumentDialog.DialogCode.Accepted
    assert dialog.form.error_text("password") == (
        "La password del certificato maria.p12 non è corretta."
    )
    assert dialog.password.text() == ""  # never kept, not even after a failure
    assert dialog.signed_row is None
    assert not workspace.archive.get(row.id).signed

    # Corrected, the same dialog signs and the message goes away.
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SignDocumentDialog.DialogCode.Accepted
    assert dialog.form.error_text("password") == ""
    assert workspace.archive.get(row.id).signed


def test_missing_or_wrong_certificate_file_and_expired_certificate_are_said_inline(
    qtbot, workspace: Workspace, ca: TestCa, tmp_path: Path
) -> None:
    row = approved(workspace)
    dialog = open_dialog(qtbot, workspace, row.id)

    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.form.error_text("certificate") == "Scegli il file del certificato."

    letter = tmp_path / "lettera.pfx"
    letter.write_text("non un certificato")
    dialog.certificate.setText(str(letter))
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.form.error_text("certificate") == (
        "lettera.pfx non è un certificato PKCS#12 (.p12 o .pfx)."
    )

    now = datetime.now(UTC)
    expired = write_p12(
        tmp_path / "scaduto.p12", ca, valid_from=now - timedelta(days=400), valid_until=now
    )
    dialog.certificate.setText(str(expired))
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.form.error_text("certificate") == ""
    assert "Il certificato di Maria Rossi è scaduto il" in dialog.error.text()
    assert dialog.isVisible() and not workspace.archive.get(row.id).signed


def test_a_draft_cannot_be_signed_from_the_dialog(qtbot, workspace: Workspace) -> None:
    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))

    dialog = open_dialog(qtbot, workspace, draft.id)

    assert "(bozza)" in dialog.heading.text()
    assert not dialog.sign_button.isEnabled()
    assert dialog.error.text().startswith("Si firmano solo i documenti approvati")


def test_browse_fills_the_certificate_path_and_a_second_signature_is_listed(
    qtbot, workspace: Workspace, p12: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = approved(workspace)
    asked: list[str] = []

    def pick(_parent: object, _title: str, _folder: str, filter_: str) -> tuple[str, str]:
        asked.append(filter_)
        return str(p12), filter_

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    dialog = open_dialog(qtbot, workspace, row.id)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked == ["Certificati PKCS#12 (*.p12 *.pfx)"]
    assert dialog.certificate.text() == str(p12)
    dialog.password.setText(PASSWORD)
    assert dialog.sign()

    again = open_dialog(qtbot, workspace, row.id)
    assert "Già firmato da: Maria Rossi" in again.heading.text()
