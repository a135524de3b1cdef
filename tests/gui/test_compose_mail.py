"""Scrivi al Centro: prefilled, sent in the background to a loopback SMTP server, kept in
the outbox when refused, an .eml when the server is not set."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs import mail_password
from desdesk.ui.dialogs.compose_mail import ComposeMailDialog
from desdesk.ui.dialogs.mail_password import Password
from desdesk.ui.widgets.outbox_view import OutboxView
from tests.gui.mail_fixtures import CENTRO, SENDER, archive_documents, mail_prefs, memory_keyring
from tests.smtp_servers import PASSWORD, USER, MemoryKeyring, smtp_server


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def dialog_for(qtbot, workspace: Workspace, prefs, ids=()) -> ComposeMailDialog:  # type: ignore[no-untyped-def]
    dialog = ComposeMailDialog(workspace, prefs, ids)
    qtbot.addWidget(dialog)
    return dialog


def test_prefilled_from_preferences_and_the_documents(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    register, budget = archive_documents(workspace)
    dialog = dialog_for(qtbot, workspace, mail_prefs(), [budget.id])
    assert dialog.recipient_edit.text() == CENTRO
    assert dialog.subject_edit.text() == "DES Vallagarina — Rendiconto per cassa 2026"
    body = dialog.body_edit.toPlainText()
    assert "- Rendiconto per cassa 2026 (revisione 1)" in body
    assert body.rstrip().endswith("Giulia Bertolini\nDES Vallagarina")
    items = [dialog.attachment_list.item(i) for i in range(dialog.attachment_list.count())]
    # Approved first, then the draft; only the given document checked.
    assert [i.text() for i in items] == [
        "Rendiconto per cassa 2026 — revisione 1",
        "Libro degli aderenti — revisione 1",
        "Contatti dei referenti — bozza",
    ]
    assert [i.checkState() == Qt.CheckState.Checked for i in items] == [True, False, False]
    items[1].setCheckState(Qt.CheckState.Checked)  # the template follows the attachments
    assert dialog.subject_edit.text() == (
        "DES Vallagarina — Rendiconto per cassa 2026, Libro degli aderenti"
    )
    assert dialog.attachments() == [(budget.id, False), (register.id, False)]
    qtbot.keyClicks(dialog.subject_edit, " (urgente)")  # edited: no longer replaced
    items[1].setCheckState(Qt.CheckState.Unchecked)
    assert dialog.subject_edit.text().endswith("Libro degli aderenti (urgente)")


def test_send_to_the_server_in_the_background(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    shown_messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
    keyring_backend: MemoryKeyring,
) -> None:
    register, budget = archive_documents(workspace)
    asked: list[str] = []

    def ask(_parent: object, settings: object) -> Password:
        asked.append(str(getattr(settings, "user", "")))
        return Password(PASSWORD, remember=True)

    monkeypatch.setattr(mail_password, "ask_password", ask)
    with smtp_server(auth=True) as server:
        dialog = dialog_for(qtbot, workspace, mail_prefs(server), [register.id, budget.id])
        dialog.show()
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert dialog.outbox_id is not None  # stored before any attempt
        qtbot.waitUntil(lambda: dialog.send_result is not None, timeout=15000)
        assert len(server.received) == 1
        received: EmailMessage = server.received[0].message
    assert dialog.send_result is not None and dialog.send_result.sent
    assert asked == [USER]
    assert received["To"] == CENTRO and received["From"] == SENDER
    names = sorted(str(p.get_filename()) for p in received.iter_attachments())
    assert names == ["libro-degli-aderenti-rev1.pdf", "rendiconto-per-cassa-2026-rev1.pdf"]
    assert shown_messages == [f"Messaggio inviato a {CENTRO}."]
    assert dialog.result() == ComposeMailDialog.DialogCode.Accepted
    # Remembered in the keyring once the server accepted it.
    assert PASSWORD in keyring_backend.store.values()
    view = OutboxView(workspace, mail_prefs())
    qtbot.addWidget(view)
    assert view.model.row_at(0).status == "sent"
    status = view.model.index(0, 4).data()
    assert status.startswith("Inviato il ")


def test_a_refused_send_stays_in_the_outbox_and_the_user_is_told(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, shown_messages: list[str]
) -> None:
    register, _budget = archive_documents(workspace)
    with smtp_server(drop_at_rcpt=True) as server:
        dialog = dialog_for(qtbot, workspace, mail_prefs(server), [register.id])
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert not dialog.send_button.isEnabled()  # busy while the job runs
        qtbot.waitUntil(lambda: dialog.send_result is not None, timeout=15000)
    [row] = workspace.outbox.rows()
    assert (row.status, row.attempts) == ("failed", 1)
    [warning] = shown_messages
    assert warning.startswith("Il server 127.0.0.1 ha chiuso la connessione")
    assert "puoi riprovare più tardi" in warning


def test_no_reply_after_the_data_is_told_as_uncertain(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, shown_messages: list[str]
) -> None:
    register, _budget = archive_documents(workspace)
    with smtp_server(drop_in_data=True) as server:
        dialog = dialog_for(qtbot, workspace, mail_prefs(server), [register.id])
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.send_result is not None, timeout=15000)
    [row] = workspace.outbox.rows()
    assert (row.status, row.attempts) == ("sending", 1)
    [warning] = shown_messages
    assert warning.startswith("Il server non ha confermato la ricezione")
    assert "non verrà inviato di nuovo da solo" in warning
    assert "riprovare" not in warning


def test_cancelled_password_keeps_the_message_pending(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, shown_messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive_documents(workspace)
    monkeypatch.setattr(mail_password, "ask_password", lambda _parent, _settings: None)
    with smtp_server(auth=True) as server:
        dialog = dialog_for(qtbot, workspace, mail_prefs(server))
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert server.received == []
    [row] = workspace.outbox.rows()
    assert (row.status, row.attempts) == ("pending", 0)
    assert shown_messages == [
        "Il messaggio è nella posta in uscita: potrai inviarlo più tardi con Riprova."
    ]


def test_missing_settings_send_nothing_and_offer_the_eml(  # type: ignore[no-untyped-def]
    qtbot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: list[str],
) -> None:
    register, _budget = archive_documents(workspace)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    target = tmp_path / "per-il-centro"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    dialog = dialog_for(qtbot, workspace, mail_prefs(), [register.id])
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "Preferenze › Posta" in asked[0]
    assert not target.with_suffix(".eml").exists()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert workspace.outbox.rows() == []  # nothing stored, nothing sent
    saved = target.with_suffix(".eml")
    parsed = email.message_from_bytes(saved.read_bytes(), policy=default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["X-Unsent"] == "1" and parsed["To"] == CENTRO
    [attachment] = parsed.iter_attachments()
    assert attachment.get_payload(decode=True) == workspace.archive.pdf(register.id)
    assert shown_messages == [f"Bozza salvata in {saved}"]


def test_a_wrong_address_is_shown_under_its_field(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    with smtp_server() as server:
        dialog = dialog_for(qtbot, workspace, mail_prefs(server))
        dialog.recipient_edit.setText("centro@")
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert server.received == []
    assert dialog.form.error_text("recipient") == "Indirizzo e-mail “centro@” non valido."
    assert workspace.outbox.rows() == []
    assert dialog.isVisible() or dialog.result() != ComposeMailDialog.DialogCode.Accepted
