"""What every service shares: the session factory it is given, and how a write that the
disk refuses (full, read-only, failing) reaches the user: rolled back, in plain words."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _

log = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]

# SQLite's primary result codes (the low byte of the extended code).
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13


class WriteFailed(DesdeskError):
    """The disk refused a change: it was rolled back; what was saved before is intact."""


class DiskFull(WriteFailed):
    pass


class ReadOnlyFile(WriteFailed):
    pass


class DiskError(WriteFailed):
    pass


def session_factory(engine: Engine) -> SessionFactory:
    def make() -> Session:
        return Session(engine, expire_on_commit=False)

    return make


def write_failure(exc: BaseException) -> WriteFailed | None:
    """The user's error for a write SQLite could not make (None for any other error)."""
    original = _driver_error(exc)
    if not isinstance(original, sqlite3.Error):
        return None
    code = (getattr(original, "sqlite_errorcode", None) or 0) & 0xFF
    reason = str(original).lower()
    if code == _SQLITE_FULL or "disk is full" in reason:
        return DiskFull(
            _(
                "Il disco è pieno: la modifica non è stata salvata; quanto salvato prima è "
                "intatto. Libera spazio e riprova."
            )
        )
    if code == _SQLITE_READONLY or "readonly database" in reason:
        return ReadOnlyFile(
            _(
                "Il file del distretto è in una posizione di sola lettura: la modifica non è "
                "stata salvata; quanto salvato prima è intatto. Chiudi il distretto e "
                "aprilo da una cartella in cui puoi scrivere (o salvane una copia lì)."
            )
        )
    if code == _SQLITE_IOERR or "disk i/o error" in reason:
        return DiskError(
            _(
                "Errore di lettura o scrittura sul disco: la modifica non è stata salvata. "
                "Controlla che il disco o la chiavetta sia collegato e funzioni, poi riprova."
            )
        )
    return None


def _driver_error(exc: BaseException) -> BaseException:
    """SQLite's own error inside SQLAlchemy's (whose text carries the statement's
    parameters: personal data that must not reach the log)."""
    return exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc


class Service:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    @contextmanager
    def _unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed if the block ends normally, rolled back otherwise.

        A write the disk refuses becomes a `WriteFailed` with a plain message (SQLite's
        English reason goes to the log), after the rollback.
        """
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException as exc:
                failure = write_failure(exc)
                try:
                    session.rollback()
                except Exception:
                    if failure is None:
                        raise
                    log.exception("Rollback after a failed write failed")
                if failure is None:
                    raise
                log.warning("A write was refused: %s", _driver_error(exc))
                raise failure from exc

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session
