"""No traceback reaches the user: unexpected errors go to the log, the dialog names it."""

from __future__ import annotations

import sys
from pathlib import Path

from desdesk import paths
from desdesk.domain.errors import DesdeskError
from desdesk.ui.errors import install_excepthook, setup_logging, show_error


def _boom() -> None:
    raise RuntimeError("disk exploded")


def test_unexpected_error_is_logged_and_the_dialog_names_the_log(shown_messages: list[str]) -> None:
    setup_logging()
    try:
        _boom()
    except RuntimeError as exc:
        show_error(None, exc)
    (text,) = shown_messages
    assert str(paths.log_file()) in text
    assert "Traceback" not in text and "disk exploded" not in text
    log = Path(paths.log_file()).read_text(encoding="utf-8")
    assert "RuntimeError: disk exploded" in log and "_boom" in log


def test_expected_errors_show_their_own_message(shown_messages: list[str]) -> None:
    show_error(None, DesdeskError("Il file è già aperto."))
    assert shown_messages == ["Il file è già aperto."]


def test_excepthook_routes_uncaught_errors_to_the_dialog(
    shown_messages: list[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        _boom()
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert str(paths.log_file()) in shown_messages[0]
