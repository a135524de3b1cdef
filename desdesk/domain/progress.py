"""Progress of long work, and its cancellation, without Qt and without new parameters.

A long job (a 5,000-member register, an import of thousands of rows) calls `report`
now and then with how far it got. Whoever runs the job (the GUI's
`desdesk.ui.long_job`, on a pool thread) installs a callback with `reporting` for the
duration of the call; the callback shows the progress and raises `Cancelled` once the
user has asked to stop. The exception unwinds the job like any error: a service's unit
of work rolls back, a PDF is never stored. With no callback installed (the CLI, the
tests of the services) `report` does nothing.

A context variable carries the callback, so the report layer and the services report
from deep inside without threading a parameter through every call; each thread (each
job) has its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _

Progress = Callable[[int, int], None]  # (done, total); total 0: not known

_current: ContextVar[Progress | None] = ContextVar("desdesk_progress", default=None)


class Cancelled(DesdeskError):
    """The user stopped the job; whatever it was writing was not written."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or _("Operazione annullata: non è stato salvato nulla."))


def report(done: int, total: int = 0) -> None:
    """Tell the job's runner how far the work got; raises Cancelled if it should stop."""
    callback = _current.get()
    if callback is not None:
        callback(done, total)


@contextmanager
def reporting(callback: Progress | None) -> Iterator[None]:
    """`callback` receives every `report` made in this thread until the block ends."""
    token = _current.set(callback)
    try:
        yield
    finally:
        _current.reset(token)
