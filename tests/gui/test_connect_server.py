"""File › Connetti a un server…: the form, its address, and a server that does not answer.

Connecting to a real server is tested under `make test-postgres`
(tests/postgres/test_gui_server.py); here nothing listens on the port used.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from desdesk import settings
from desdesk.services.server_address import ServerFields
from desdesk.ui import server_actions
from desdesk.ui.app import choose_start_file
from desdesk.ui.dialogs.connect_server import ConnectServerDialog
from desdesk.ui.main_window import MainWindow


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


def test_the_form_builds_the_address_and_fills_from_a_recent_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.host, "db.centro.example")
    dialog.port.setValue(5433)
    qtbot.keyClicks(dialog.database, "des_vallagarina")
    qtbot.keyClicks(dialog.user, "anna")
    qtbot.keyClicks(dialog.password, "segreta:1")
    address = dialog.address()
    assert address == "postgresql://anna:segreta%3A1@db.centro.example:5433/des_vallagarina"

    again = ConnectServerDialog(address=ServerFields.of(address).address().replace(
        "anna:segreta%3A1@", "anna@"))  # fmt: skip
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.database.text()) == (
        "db.centro.example",
        5433,
        "des_vallagarina",
    )
    assert again.user.text() == "anna" and again.password.text() == ""


def test_server_and_database_are_required(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._accept_if_complete()
    assert dialog.error.text() == "Indica il server." and dialog.result() == 0
    qtbot.keyClicks(dialog.host, "db.centro.example")
    dialog._accept_if_complete()
    assert dialog.error.text() == "Indica il database del distretto."


def test_a_server_that_does_not_answer_is_named_and_the_district_stays(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.workspace
    address = f"postgresql://anna@127.0.0.1:{_closed_port()}/des_vallagarina"
    assert not server_actions.open_server(window, address)
    message = window.last_open_error.message  # type: ignore[union-attr]
    assert "il server non risponde" in message and "des_vallagarina" in message
    assert window.workspace is before and window.member_count_shown() == 4


def test_the_dialog_stays_open_with_the_reason_until_cancelled(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    port = _closed_port()
    seen: list[str] = []

    def fill_then_cancel() -> None:
        dialog = window.findChild(ConnectServerDialog)
        assert dialog is not None
        if not seen:
            dialog.host.setText("127.0.0.1")
            dialog.port.setValue(port)
            dialog.database.setText("des_vallagarina")
            seen.append("filled")
            dialog._accept_if_complete()
            QTimer.singleShot(0, fill_then_cancel)
        else:
            seen.append(dialog.error.text())
            dialog.reject()

    QTimer.singleShot(0, fill_then_cancel)
    assert not server_actions.connect_to_server(window)
    assert "il server non risponde" in seen[1]


def test_backup_on_a_server_district_is_explained_not_attempted(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: shown.append(text))
    )
    assert window.workspace is not None
    monkeypatch.setattr(type(window.workspace), "on_server", property(lambda _self: True))
    called: list[object] = []
    window._on_file(called.append)
    assert not called and "pg_dump" in shown[0]


def test_a_recent_server_is_kept_without_password_and_chosen_at_start(tmp_path: Path) -> None:
    prefs = settings.Preferences()
    prefs.remember("postgresql://anna@db.centro.example/des_vallagarina")
    prefs.remember(tmp_path / "altro.des")
    prefs.remember("postgresql://anna@db.centro.example/des_vallagarina")
    assert prefs.recent_files[0] == "postgresql://anna@db.centro.example/des_vallagarina"
    assert len(prefs.recent_files) == 2
    assert choose_start_file(None, prefs) == prefs.recent_files[0]
    assert choose_start_file("postgresql://h/d", prefs) == "postgresql://h/d"


def test_addresses_are_kept_and_shown_without_any_password() -> None:
    from desdesk.services.server_address import display_name

    typed = "postgresql://anna:segreta@db.centro.example:5433/des?password=altra&sslmode=require"
    shown = display_name(typed)
    assert shown == "postgresql://anna@db.centro.example:5433/des?sslmode=require"
    assert "segreta" not in shown and "altra" not in shown and "***" not in shown
    assert display_name("postgresql://h:12ab/d") == "(indirizzo del server non valido)"


def test_a_malformed_address_is_refused_in_plain_words(window: MainWindow) -> None:
    assert not server_actions.open_server(window, "postgresql://anna:segreta@h:12ab/d")
    message = window.last_open_error.message  # type: ignore[union-attr]
    assert "non è valido" in message and "segreta" not in message


def test_a_server_that_fails_at_start_brings_up_the_form_with_the_reason(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []

    def exec_and_cancel(dialog: ConnectServerDialog) -> int:
        seen.append((dialog.database.text(), dialog.error.text()))
        return 0

    monkeypatch.setattr(ConnectServerDialog, "exec", exec_and_cancel)
    address = f"postgresql://anna@127.0.0.1:{_closed_port()}/des_vallagarina"
    assert not server_actions.open_server(window, address, report_errors=True)
    [(database, reason)] = seen
    assert database == "des_vallagarina" and "il server non risponde" in reason
