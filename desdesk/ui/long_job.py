"""Long jobs off the GUI thread: a progress dialog with Annulla, and a window that
never freezes.

`run_long_job(parent, work, title=…, label=…)` runs `work()` on a pool thread
(`desdesk.ui.tasks`) and returns its result, or raises its error, like a plain call:
the callers keep their straight-line code. Meanwhile the GUI thread runs a local event
loop, so the window repaints and timers fire. For the first `SHOW_AFTER_MS` the user's
clicks and keys wait (a quick job shows nothing and cannot be started twice); then a
window-modal progress dialog appears, with a bar when the work reports a total
(`desdesk.domain.progress.report`), and Annulla.

Annulla sets a flag that the work's next `report` turns into `Cancelled`, raised inside
the work: a service's unit of work rolls back, a PDF is never stored. `run_long_job`
then raises Cancelled too. Work that cannot stop halfway (a backup being written, a
restore) runs with `cancellable=False`: the dialog has no Annulla and ignores Esc.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.progress import Cancelled, reporting
from desdesk.i18n import _
from desdesk.ui.tasks import run_in_background

T = TypeVar("T")

SHOW_AFTER_MS = 300
REPORT_EVERY_S = 0.05  # progress reaches the dialog at most this often

__all__ = ["Cancelled", "JobDialog", "LongJob", "run_long_job"]


class JobDialog(QDialog):
    """The progress dialog: what is being done, a bar, and Annulla (if it can stop).

    Esc and the close button ask to cancel like Annulla; the dialog stays until the
    work has really stopped, so the window is never usable while it runs."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, label: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.setObjectName("longJobDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(380)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the work tells its total
        self.cancel_button = QPushButton(_("Annulla"))
        self.cancel_button.setObjectName("cancelJobButton")
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.cancellable = cancellable
        self.finished_work = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            if self.bar.maximum() != total:
                self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        elif self.bar.maximum() != 0:
            self.bar.setRange(0, 0)

    def cancelling(self) -> None:
        self.label.setText(_("Annullamento in corso…"))
        self.cancel_button.setEnabled(False)

    def reject(self) -> None:  # Esc, the close button
        if self.finished_work:
            super().reject()
        elif self.cancellable:
            self.cancel_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.finished_work:
            event.ignore()
        self.reject()


class _Relay(QObject):
    """Carries progress from the pool thread to the GUI thread (a queued signal)."""

    progressed = Signal(int, int)


class LongJob(QObject):
    """One run of `work`; see the module's docstring. `dialog` exists once shown."""

    def __init__(
        self, parent: QWidget | None, title: str, label: str, cancellable: bool = True
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.title = title
        self.label = label
        self.cancellable = cancellable
        self.dialog: JobDialog | None = None
        self._cancel = threading.Event()
        self._relay = _Relay()
        self._relay.progressed.connect(self._show_progress)
        self._last_done = self._last_total = 0
        self._outcome: dict[str, Any] = {}
        self._loop = QEventLoop()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next report (what Annulla does)."""
        if not self.cancellable:
            return
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.cancelling()

    def run(self, work: Callable[[], T]) -> T:
        """Run `work` on a pool thread and wait for it here, events flowing."""
        run_in_background(self._wrapped(work), self._finished, self._failed)
        if not self._outcome:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one fires up to 5% early
            timer.timeout.connect(self._loop.quit)
            timer.start(SHOW_AFTER_MS)
            self._loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            timer.stop()
        if not self._outcome:
            self._show_dialog()
            self._loop.exec()
        self._close_dialog()
        if "error" in self._outcome:
            raise self._outcome["error"]
        return self._outcome["result"]

    # -- the pool thread ---------------------------------------------------------------
    def _wrapped(self, work: Callable[[], T]) -> Callable[[], T]:
        cancel, relay = self._cancel, self._relay
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise Cancelled()
            now = time.monotonic()
            if now - last[0] >= REPORT_EVERY_S or (total and done >= total):
                last[0] = now
                relay.progressed.emit(done, total)

        def wrapped() -> T:
            with reporting(progress):
                if cancel.is_set():
                    raise Cancelled()
                return work()

        return wrapped

    # -- the GUI thread ----------------------------------------------------------------
    def _finished(self, result: object) -> None:
        self._outcome["result"] = result
        self._loop.quit()

    def _failed(self, error: BaseException) -> None:
        self._outcome["error"] = error
        self._loop.quit()

    def _show_dialog(self) -> None:
        dialog = JobDialog(self._parent, self.title, self.label, self.cancellable)
        dialog.cancel_requested.connect(self.cancel)
        dialog.show_progress(self._last_done, self._last_total)
        self.dialog = dialog
        dialog.show()

    def _show_progress(self, done: int, total: int) -> None:
        self._last_done, self._last_total = done, total
        if self.dialog is not None and not self.cancel_requested:
            self.dialog.show_progress(done, total)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.finished_work = True
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None


def run_long_job(
    parent: QWidget | None,
    work: Callable[[], T],
    *,
    title: str,
    label: str,
    cancellable: bool = True,
) -> T:
    """`work()`'s result, computed on a pool thread while the window stays alive; raises
    what the work raised, or Cancelled if the user pressed Annulla in time."""
    job = LongJob(parent, title, label, cancellable)
    try:
        return job.run(work)
    finally:
        job.deleteLater()


def read_file_as_job(
    parent: QWidget | None, read: Callable[[Path], T], path: Path, *, title: str
) -> T | None:
    """`read(path)` as a long job («Lettura di NOME…»); None if the user cancelled or
    the file could not be read (she has been told why)."""
    from desdesk.ui.errors import show_error

    try:
        return run_long_job(
            parent,
            lambda: read(path),
            title=title,
            label=_("Lettura di {name}…").format(name=path.name),
        )
    except Cancelled:
        return None
    except Exception as exc:
        show_error(parent, exc, _("File non leggibile"))
        return None
