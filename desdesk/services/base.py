"""What every service shares: the session factory it is given, and how a write that the
disk refuses (full, read-only, failing) reaches the user: rolled back, in plain words."""

from __future__ import annotations

import hashlib
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
_SQLITE_BUSY_SNAPSHOT = 517


class WriteFailed(DesdeskError):
    """The disk refused a change: it was rolled back; what was saved before is intact."""


class DiskFull(WriteFailed):
    pass


class ReadOnlyFile(WriteFailed):
    pass


class DiskError(WriteFailed):
    pass


class ServerUnavailable(WriteFailed):
    """The connection to the district's server dropped or the server refused the write."""


class ConcurrentEdit(DesdeskError):
    """Someone else saved the same record since this form read it: nothing was written,
    so neither change is lost; the user reloads and redoes hers."""


def concurrent_edit(what: str = "", by: str = "") -> ConcurrentEdit:
    """The message for a record someone else saved first (`what`: «questo aderente»)."""
    subject = what or _("questo dato")
    if by:
        first = _("Nel frattempo {who} ha modificato {what}.").format(who=by, what=subject)
    else:
        first = _("Nel frattempo qualcun altro ha modificato {what}.").format(what=subject)
    return ConcurrentEdit(
        first
        + " "
        + _(
            "Le tue modifiche non sono state salvate, per non cancellare le sue: ricarica "
            "i dati aggiornati e rifai le tue modifiche."
        )
    )


def last_editor(session: Session, table: str, record_id: int) -> str:
    """Who the change history says last changed a record ("" if nobody is named)."""
    from sqlalchemy import text

    row = session.execute(
        text(
            "SELECT actor, os_user FROM change_log WHERE table_name = :table"
            " AND record_id = :id ORDER BY id DESC LIMIT 1"
        ),
        {"table": table, "id": record_id},
    ).first()
    if row is None:
        return ""
    actor, os_user = row
    return str(actor or os_user or "")


def one_at_a_time(session: Session, subject: str) -> None:
    """Until this transaction ends, no other desdesk on the same server runs a block
    guarded by the same `subject` (a rule over several rows, e.g. «one coordinator at a
    time», checked then written). A file admits one desdesk at a time already."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    key = int.from_bytes(hashlib.sha256(subject.encode("utf-8")).digest()[:8], "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def check_version(current: int, expected: int | None, what: str, by: str = "") -> None:
    """Refuse a save made from a form opened on an older edit count of the record."""
    if expected is not None and current != expected:
        raise concurrent_edit(what, by)


def session_factory(engine: Engine) -> SessionFactory:
    def make() -> Session:
        return Session(engine, expire_on_commit=False)

    return make


def write_failure(exc: BaseException) -> WriteFailed | None:
    """The user's error for a write SQLite could not make (None for any other error)."""
    original = _driver_error(exc)
    if type(original).__module__.startswith("psycopg"):
        return _server_failure(original)
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


# PostgreSQL's SQLSTATE classes: connection exceptions, insufficient resources
# (disk full), a read-only transaction or missing privileges.
_SERVER_GONE = ("08", "57P")
_SERVER_FULL = ("53",)
_SERVER_REFUSED = ("25006", "42501")


def _server_failure(error: BaseException) -> WriteFailed | None:
    """The user's error for a write the district's server could not make (psycopg)."""
    state = str(getattr(error, "sqlstate", "") or "")
    name = type(error).__name__
    if state.startswith(_SERVER_GONE) or (not state and name == "OperationalError"):
        return ServerUnavailable(
            _(
                "La connessione al server del distretto si è interrotta: l'ultima modifica "
                "potrebbe non essere stata salvata; quanto salvato prima è intatto. "
                "Controlla la rete, riapri il distretto e verifica l'ultima modifica."
            )
        )
    if state.startswith(_SERVER_FULL):
        return ServerUnavailable(
            _(
                "Il server del distretto non ha più spazio: la modifica non è stata salvata. "
                "Avvisa chi gestisce il server."
            )
        )
    if state in _SERVER_REFUSED:
        return ServerUnavailable(
            _(
                "Il server non ti permette di modificare questo distretto (accesso in sola "
                "lettura): la modifica non è stata salvata. Avvisa chi gestisce il server."
            )
        )
    return None


def _is_concurrent_edit(exc: BaseException) -> bool:
    """A version check that failed at the UPDATE (SQLAlchemy's StaleDataError), or
    SQLite or PostgreSQL giving up on two transactions that collided."""
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(exc, StaleDataError):
        return True
    original = _driver_error(exc)
    if isinstance(original, sqlite3.Error):
        # SQLITE_BUSY_SNAPSHOT: this transaction read before another one wrote.
        return getattr(original, "sqlite_errorcode", None) == _SQLITE_BUSY_SNAPSHOT
    state = str(getattr(original, "sqlstate", "") or "")
    return state in ("40001", "40P01")


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
                failure: DesdeskError | None = (
                    concurrent_edit() if _is_concurrent_edit(exc) else write_failure(exc)
                )
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
