"""Helpers for tests of long jobs (`desdesk.ui.long_job`): act on the progress dialog
from the GUI thread while the job's caller waits in its local event loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desdesk.ui.long_job import JobDialog

WAIT_S = 10.0
POLL_MS = 20


def job_dialog() -> JobDialog | None:
    """The long job's dialog on screen, if any."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, JobDialog) and widget.isVisible():
            return widget
    return None


def when_dialog_shows(action: Callable[[JobDialog], None], within_s: float = WAIT_S) -> None:
    """Run `action` on the GUI thread as soon as a job's dialog is visible (gives up
    after `within_s`, so no poll outlives its test for long)."""
    deadline = time.monotonic() + within_s

    def poll() -> None:
        dialog = job_dialog()
        if dialog is not None:
            action(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(POLL_MS, poll)

    QTimer.singleShot(POLL_MS, poll)


def hold(monkeypatch: pytest.MonkeyPatch, cls: type, name: str) -> threading.Event:
    """`cls.name` waits for the returned event, then runs for real (with its progress)."""
    release = threading.Event()
    real = getattr(cls, name)

    def held(self: object, *args: Any) -> Any:
        assert release.wait(WAIT_S)
        return real(self, *args)

    monkeypatch.setattr(cls, name, held)
    return release


def cancel_then_release(release: threading.Event) -> Callable[[JobDialog], None]:
    """Press Annulla, then let the held work go on to its next report (which stops it)."""

    def act(dialog: JobDialog) -> None:
        dialog.cancel_button.click()
        release.set()

    return act
