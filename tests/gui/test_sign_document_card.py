"""The Firma digitale dialog with a smart card: a real SoftHSM token stands in for the
CNS. The card option finds the card, signs with the PIN (cleared after use), and says
a wrong PIN or a library that does not load under the field to correct."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.signing import validate
from desdesk.services.signing_card import KNOWN_LIBRARIES
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.sign_document import SignDocumentDialog
from tests.signing_certs import TestCa, make_ca, make_signer
from tests.softhsm import PIN, CardObject, import_objects, init_token, unload_softhsm


@pytest.fixture(scope="module")
def ca() -> TestCa:
    return make_ca()


@pytest.fixture
def card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ca: TestCa) -> Iterator[Path]:
    """The SoftHSM "CNS di prova" with Maria Rossi's signing key; yields the library."""
    library = init_token(tmp_path, monkeypatch)
    key, certificate = make_signer(ca, "Maria Rossi")
    import_objects([CardObject("Firma digitale", b"\x02", key, certificate)])
    yield library
    unload_softhsm()


def approved(workspace: Workspace) -> ArchivedDocumentRow:
    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))
    return workspace.archive.approve(
        draft.id, Approval("Mario Bianchi", "Coordinatore", date(2026, 11, 26))
    )


def card_dialog(qtbot, workspace: Workspace, document_id: int) -> SignDocumentDialog:
    dialog = SignDocumentDialog(workspace, document_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.use_card, Qt.MouseButton.LeftButton)
    return dialog


def test_the_card_option_finds_the_card_and_signs_with_the_pin(
    qtbot, workspace: Workspace, card: Path, ca: TestCa
) -> None:
    row = approved(workspace)
    dialog = card_dialog(qtbot, workspace, row.id)
    assert dialog.use_card.isChecked() and dialog.pages.currentWidget() is dialog.card
    panel = dialog.card
    assert panel.pin.echoMode() == QLineEdit.EchoMode.Password
    offered = [panel.library.itemText(i) for i in range(panel.library.count())]
    assert offered == list(KNOWN_LIBRARIES)

    panel.library.setCurrentText(str(card))
    qtbot.mouseClick(panel.search_button, Qt.MouseButton.LeftButton)
    assert panel.tokens.count() == 1
    assert panel.tokens.currentText() == "CNS di prova (SoftHSM project SoftHSM v2)"
    qtbot.keyClicks(panel.pin, PIN)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == SignDocumentDialog.DialogCode.Accepted
    assert panel.pin.text() == ""
    assert dialog.signed_row is not None and dialog.signed_row.signers == "Maria Rossi"
    [check] = validate(workspace.archive.pdf(row.id, signed=True), [ca.certificate])
    assert check.intact and check.trusted and check.signer == "Maria Rossi"


def test_a_wrong_pin_is_said_under_the_pin_and_the_dialog_stays_open(
    qtbot, workspace: Workspace, card: Path
) -> None:
    row = approved(workspace)
    dialog = card_dialog(qtbot, workspace, row.id)
    panel = dialog.card
    panel.library.setCurrentText(str(card))
    assert panel.search()
    panel.pin.setText("999999")

    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != SignDocumentDialog.DialogCode.Accepted
    assert panel.form.error_text("pin").startswith("Il PIN della carta non è corretto.")
    assert panel.pin.text() == ""
    assert not workspace.archive.get(row.id).signed

    panel.pin.setText(PIN)
    assert dialog.sign()
    assert panel.form.error_text("pin") == ""
    assert workspace.archive.get(row.id).signed


def test_what_is_missing_and_a_library_that_does_not_load_are_said_inline(
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = approved(workspace)
    dialog = card_dialog(qtbot, workspace, row.id)
    panel = dialog.card
    panel.library.setCurrentText("")
    panel.pin.setText("123")

    assert not dialog.sign()
    assert panel.form.error_text("library") == "Scegli la libreria del lettore."
    assert panel.pin.text() == ""

    fake = tmp_path / "libfinta.so"
    fake.write_text("non una libreria")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(fake), ""))
    )
    qtbot.mouseClick(panel.browse_button, Qt.MouseButton.LeftButton)
    assert panel.library_path() == str(fake)
    assert not dialog.sign()
    assert panel.form.error_text("token") == "Cerca le carte e scegli quella per firmare."

    qtbot.mouseClick(panel.search_button, Qt.MouseButton.LeftButton)
    assert panel.form.error_text("library") == (
        "La libreria del lettore libfinta.so non si carica: installa il software della "
        "carta (ad esempio bit4id, Athena/IDProtect) o scegli il file giusto."
    )
    assert panel.tokens.count() == 0
    assert not workspace.archive.get(row.id).signed


def test_no_card_in_the_reader_is_said_under_the_card(
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = init_token(tmp_path, monkeypatch)
    try:
        # Only SoftHSM's spare slot, with no initialised token, once the card is gone.
        for token_file in (tmp_path / "tokens").iterdir():
            for item in token_file.iterdir():
                item.unlink()
            token_file.rmdir()
        row = approved(workspace)
        dialog = card_dialog(qtbot, workspace, row.id)
        dialog.card.library.setCurrentText(str(library))
        assert not dialog.card.search()
        assert dialog.card.form.error_text("token") == (
            "Nessuna carta nel lettore: inseriscila e cerca di nuovo."
        )
    finally:
        unload_softhsm()
