"""Posta in uscita: the table (model tester), Riprova (uncertain ones asked first),
Elimina (uncertain ones asked with the risk said), and the retry when a district is
opened."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desdesk import settings
from desdesk.services.outbox import PENDING, SendResult
from desdesk.services.smtp_transport import send_message
from desdesk.services.workspace import Workspace
from desdesk.ui.main_window import MainWindow
from desdesk.ui.models.outbox import OutboxModel
from desdesk.ui.outbox_retry import results_text
from desdesk.ui.widgets.outbox_view import OutboxView
from tests.gui.mail_fixtures import CENTRO, SENDER, archive_documents, mail_prefs, memory_keyring
from tests.smtp_servers import PASSWORD, MemoryKeyring, closed_port, settings_for, smtp_server


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def four_messages(workspace: Workspace) -> dict[str, int]:
    """One message in each state: sent, failed, uncertain, pending (oldest first)."""
    register, _budget = archive_documents(workspace)
    outbox = workspace.outbox
    ids = {
        name: outbox.compose(CENTRO, f"Messaggio {name}", "", [(register.id, False)]).id
        for name in ("sent", "failed", "uncertain", "pending")
    }
    with smtp_server() as server:
        transport = partial(send_message, settings=server.settings, password=None)
        outbox.send(ids["sent"], transport, sender=SENDER)
    offline = partial(send_message, settings=settings_for(closed_port()), password=None)
    outbox.send(ids["failed"], offline, sender=SENDER)
    outbox._mark_sending(ids["uncertain"], (PENDING,))  # the app died mid-send
    return ids


def view_for(qtbot, workspace: Workspace, prefs: settings.Preferences) -> OutboxView:  # type: ignore[no-untyped-def]
    view = OutboxView(workspace, prefs)
    qtbot.addWidget(view)
    return view


def row_of(view: OutboxView, message_id: int) -> int:
    return next(i for i, r in enumerate(view.model.rows()) if r.id == message_id)


def test_the_model_passes_the_model_tester(qtmodeltester, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    four_messages(workspace)
    model = OutboxModel()
    model.set_rows(workspace.outbox.rows())
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_states_in_words(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    ids = four_messages(workspace)
    view = view_for(qtbot, workspace, mail_prefs())
    model = view.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Creato", "Destinatario", "Oggetto", "Allegati", "Stato", "Tentativi", "Errore",
    ]  # fmt: skip

    def cells(name: str) -> list[str]:
        row = row_of(view, ids[name])
        return [model.index(row, c).data() for c in range(model.columnCount())]

    assert cells("sent")[4].startswith("Inviato il ")
    assert cells("sent")[1:4] == [CENTRO, "Messaggio sent", "libro-degli-aderenti-rev1.pdf"]
    assert cells("failed")[4:6] == ["Non inviato", "1"]
    assert cells("failed")[6].startswith("Non riesco a raggiungere 127.0.0.1:")
    assert cells("uncertain")[4:6] == ["Invio in corso o esito incerto", "1"]
    assert cells("pending")[4:] == ["In attesa", "0", ""]
    # A sent message can be saved as a draft but neither retried nor deleted.
    view.table.selectRow(row_of(view, ids["sent"]))
    assert not view.buttons["retry"].isEnabled() and not view.buttons["delete"].isEnabled()
    assert view.buttons["saveDraft"].isEnabled()
    view.table.selectRow(row_of(view, ids["failed"]))
    assert view.buttons["retry"].isEnabled() and view.buttons["delete"].isEnabled()


def test_retry_asks_before_sending_an_uncertain_message_again(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, answer_yes: list[str]
) -> None:
    ids = four_messages(workspace)
    with smtp_server() as server:
        view = view_for(qtbot, workspace, mail_prefs(server))
        view.table.selectRow(row_of(view, ids["uncertain"]))
        qtbot.mouseClick(view.buttons["retry"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not view.mailer.busy, timeout=15000)
        assert len(server.received) == 1
        assert server.received[0].message["Subject"] == "Messaggio uncertain"
    assert len(answer_yes) == 1 and "potrebbe averlo già" in answer_yes[0]
    assert workspace.outbox.get(ids["uncertain"]).status == "sent"
    assert view.status_label.text() == "Messaggio inviato."
    assert view.model.index(row_of(view, ids["uncertain"]), 4).data().startswith("Inviato il")


def test_retry_a_failed_message_with_the_password_from_the_keyring(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, keyring_backend: MemoryKeyring
) -> None:
    from desdesk.services import mail_secrets

    ids = four_messages(workspace)
    with smtp_server(auth=True) as server:
        mail_secrets.store_password(server.settings.host, server.settings.user, PASSWORD)
        view = view_for(qtbot, workspace, mail_prefs(server))
        view.table.selectRow(row_of(view, ids["failed"]))
        qtbot.mouseClick(view.buttons["retry"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not view.mailer.busy, timeout=15000)
        assert len(server.received) == 1
    row = workspace.outbox.get(ids["failed"])
    assert (row.status, row.attempts) == ("sent", 2)


def test_retry_without_settings_says_where_to_fill_them(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    ids = four_messages(workspace)
    view = view_for(qtbot, workspace, mail_prefs())
    view.table.selectRow(row_of(view, ids["pending"]))
    qtbot.mouseClick(view.buttons["retry"], Qt.MouseButton.LeftButton)
    assert "Preferenze › Posta" in view.status_label.text()
    assert workspace.outbox.get(ids["pending"]).attempts == 0


def test_delete_an_unsent_message(qtbot, workspace: Workspace, answer_yes: list[str]) -> None:  # type: ignore[no-untyped-def]
    ids = four_messages(workspace)
    view = view_for(qtbot, workspace, mail_prefs())
    view.table.selectRow(row_of(view, ids["failed"]))
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)
    assert [r.id for r in view.model.rows()] == [ids["pending"], ids["uncertain"], ids["sent"]]
    assert len(answer_yes) == 1
    assert "Non verrà inviato" in answer_yes[0]


def test_delete_an_uncertain_message_says_it_may_have_left(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = four_messages(workspace)
    view = view_for(qtbot, workspace, mail_prefs())
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    view.table.selectRow(row_of(view, ids["uncertain"]))
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)
    assert workspace.outbox.get(ids["uncertain"]).status == "sending"  # "No": kept
    answer = QMessageBox.StandardButton.Yes
    view.table.selectRow(row_of(view, ids["uncertain"]))
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)
    assert ids["uncertain"] not in [r.id for r in view.model.rows()]
    assert len(asked) == 2
    assert all("potrebbe essere già arrivato al Centro" in text for text in asked)


def test_results_in_words_tell_uncertain_apart_from_not_sent() -> None:
    sent = SendResult(1, "A", sent=True)
    failed = SendResult(2, "B", sent=False, error="Non riesco a raggiungere il server.")
    uncertain = SendResult(3, "C", sent=False, error="Il server non ha confermato.", uncertain=True)
    assert results_text([sent, sent]) == "Posta in uscita: 2 inviati"
    assert results_text([sent, uncertain]) == (
        "Posta in uscita: 1 inviato, 1 con esito incerto (Il server non ha confermato.)"
    )
    assert results_text([failed, uncertain]) == (
        "Posta in uscita: 0 inviati, 1 non inviato, 1 con esito incerto "
        "(Non riesco a raggiungere il server.)"
    )


# -- retry at start -----------------------------------------------------------------


def open_window(qtbot, workspace: Workspace, prefs: settings.Preferences) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    window.set_workspace(workspace)
    return window


def test_opening_a_district_sends_what_waits(  # type: ignore[no-untyped-def]
    qtbot, populated: Workspace, keyring_backend: MemoryKeyring
) -> None:
    from desdesk.services import mail_secrets

    ids = four_messages(populated)
    with smtp_server(auth=True) as server:
        mail_secrets.store_password(server.settings.host, server.settings.user, PASSWORD)
        window = open_window(qtbot, populated, mail_prefs(server))
        qtbot.waitUntil(
            lambda: "Posta in uscita" in window.statusBar().currentMessage(), timeout=15000
        )
        subjects = sorted(r.message["Subject"] for r in server.received)
    # Pending and failed are sent; the uncertain one waits for the user.
    assert subjects == ["Messaggio failed", "Messaggio pending"]
    assert window.statusBar().currentMessage() == "Posta in uscita: 2 inviati"
    assert populated.outbox.get(ids["uncertain"]).status == "sending"


def test_opening_without_the_password_only_counts(  # type: ignore[no-untyped-def]
    qtbot, populated: Workspace
) -> None:
    four_messages(populated)
    with smtp_server(auth=True) as server:
        window = open_window(qtbot, populated, mail_prefs(server))
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=15000)
        assert server.received == []
    assert window.statusBar().currentMessage() == "3 messaggi nella posta in uscita"


def test_opening_without_settings_only_counts(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    four_messages(populated)
    window = open_window(qtbot, populated, mail_prefs())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=15000)
    assert window.statusBar().currentMessage() == "3 messaggi nella posta in uscita"


def test_opening_with_an_empty_outbox_says_nothing(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, populated, mail_prefs())
    assert window.statusBar().currentMessage() == ""


def test_a_kept_password_that_the_server_refuses_is_forgotten(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, keyring_backend: MemoryKeyring
) -> None:
    from desdesk.services import mail_secrets

    ids = four_messages(workspace)
    with smtp_server(auth=True) as server:
        mail_secrets.store_password(server.settings.host, server.settings.user, "vecchia")
        view = view_for(qtbot, workspace, mail_prefs(server))
        view.table.selectRow(row_of(view, ids["pending"]))
        qtbot.mouseClick(view.buttons["retry"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not view.mailer.busy, timeout=15000)
        assert server.received == []
    assert view.status_label.text() == "Il server 127.0.0.1 ha rifiutato nome utente o password."
    assert keyring_backend.store == {}  # the next attempt asks for it
