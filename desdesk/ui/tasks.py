"""Background work on Qt's thread pool, with the result delivered on the GUI thread.

For reads that would make the window wait (the absence flags of 5,000 members over
twenty years of roll calls): the work runs on a pool thread with its own database
session, and `on_done` / `on_failed` are called later on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

_pending: set[_Signals] = set()  # keeps each job's signal carrier alive until it reports


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # also SystemExit & co.: whoever waits is told
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None] | None = None,
) -> None:
    """Run `work()` on a pool thread; then `on_done(result)` or `on_failed(error)` here.

    Pass bound methods of widgets as callbacks: Qt then drops the delivery if the widget
    is gone by the time the work ends.
    """
    signals = _Signals()
    _pending.add(signals)
    signals.done.connect(on_done)
    signals.failed.connect(on_failed or _log_failure)
    signals.done.connect(lambda _result: _pending.discard(signals))
    signals.failed.connect(lambda _error: _pending.discard(signals))
    QThreadPool.globalInstance().start(_Job(work, signals))


def wait_for_background_work() -> None:
    """Let running jobs finish (before the database they read is closed)."""
    QThreadPool.globalInstance().waitForDone()


def _log_failure(error: BaseException) -> None:
    log.warning("Background work failed: %s", error, exc_info=error)
