"""Long jobs: the work runs on a pool thread, the window keeps processing events, a
progress dialog appears after a moment, and Annulla stops the work at its next report."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desdesk.domain.errors import DesdeskError
from desdesk.domain.progress import Cancelled, report
from desdesk.ui.long_job import SHOW_AFTER_MS, JobDialog, run_long_job
from tests.gui.job_dialogs import WAIT_S, job_dialog, when_dialog_shows


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_quick_job_returns_its_result_without_a_dialog(parent: QWidget) -> None:
    shown: list[JobDialog] = []
    when_dialog_shows(shown.append, within_s=1.0)
    result = run_long_job(parent, threading.get_ident, title="Prova", label="Lavoro")
    assert result != threading.get_ident()  # it ran on another thread
    assert shown == [] and job_dialog() is None


def test_a_slow_job_shows_the_dialog_while_the_window_keeps_working(parent: QWidget) -> None:
    release = threading.Event()
    ticks: list[float] = []
    timer = QTimer(parent)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    seen: list[tuple[str, str, bool]] = []

    def look(dialog: JobDialog) -> None:
        seen.append((dialog.windowTitle(), dialog.label.text(), dialog.cancel_button.isVisible()))
        release.set()

    def work() -> str:
        assert release.wait(WAIT_S)
        return "fatto"

    when_dialog_shows(look)
    started = time.monotonic()
    assert run_long_job(parent, work, title="Registro", label="Preparo il PDF…") == "fatto"
    timer.stop()
    assert seen == [("Registro", "Preparo il PDF…", True)]
    assert time.monotonic() - started >= 0.95 * SHOW_AFTER_MS / 1000  # timers are not exact
    assert len(ticks) >= 10  # the GUI thread ran its timer all along
    assert job_dialog() is None


def test_annulla_stops_the_work_at_its_next_report(parent: QWidget) -> None:
    reached: list[int] = []

    def work() -> int:
        for step in range(1000):
            report(step, 1000)
            reached.append(step)
            time.sleep(0.01)
        return len(reached)

    progress: list[int] = []

    def cancel(dialog: JobDialog) -> None:
        progress.append(dialog.bar.maximum())
        dialog.cancel_button.click()

    when_dialog_shows(cancel)
    with pytest.raises(Cancelled) as raised:
        run_long_job(parent, work, title="Prova", label="Lavoro")
    assert raised.value.message == "Operazione annullata: non è stato salvato nulla."
    assert 0 < len(reached) < 1000
    assert progress == [1000]  # the bar knew the total
    assert job_dialog() is None


def test_escape_asks_to_cancel_too(parent: QWidget, qtbot: QtBot) -> None:
    def work() -> None:
        while True:
            report(0)
            time.sleep(0.01)

    when_dialog_shows(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    with pytest.raises(Cancelled):
        run_long_job(parent, work, title="Prova", label="Lavoro")


def test_the_work_error_reaches_the_caller(parent: QWidget) -> None:
    def work() -> None:
        time.sleep(0.4)
        raise DesdeskError("Il file non si può leggere.")

    with pytest.raises(DesdeskError, match=r"Il file non si può leggere\."):
        run_long_job(parent, work, title="Prova", label="Lavoro")
    assert job_dialog() is None


def test_a_job_that_cannot_stop_has_no_annulla_and_ignores_escape(
    parent: QWidget,
    qtbot: QtBot,
) -> None:
    release = threading.Event()
    states: list[tuple[bool, bool]] = []

    def look(dialog: JobDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()
        states.append((dialog.cancel_button.isVisible(), dialog.isVisible()))
        release.set()

    def work() -> str:
        assert release.wait(WAIT_S)
        report(1, 1)  # no cancellation was asked: this returns
        return "copiato"

    when_dialog_shows(look)
    result = run_long_job(parent, work, title="Backup", label="Copia", cancellable=False)
    assert result == "copiato"
    assert states == [(False, True)]
