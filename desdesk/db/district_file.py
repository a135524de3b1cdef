"""Opening and creating district files safely.

A file is inspected read-only before anything writes to it, so a file that is not a
district file, is damaged, or comes from a newer desdesk is left byte-for-byte
untouched. An OS-level lock beside the file keeps a second window or process out; the
OS drops it when the process dies, so a crash never leaves it stuck.

An upgrade runs in one transaction (the engine makes DDL transactional), after a copy
of the file has been set aside: a failed or interrupted upgrade leaves the file as it
was. New files and copies are written beside their destination and appear whole.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from desdesk.db.engine import make_engine
from desdesk.db.files import (
    lock_path,
    pending_side_file,
    sqlite_copy,
)
from desdesk.db.schema import APPLICATION_ID, HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _

if TYPE_CHECKING:
    from desdesk.db.server import SessionActor

log = logging.getLogger(__name__)


class DistrictFileError(DesdeskError):
    """The file cannot be opened; the message says why in plain words."""


class NotADistrictFile(DistrictFileError):
    pass


class NewerVersionFile(DistrictFileError):
    pass


class DamagedFile(DistrictFileError):
    pass


class FileInUse(DistrictFileError):
    pass


class MigrationFailed(DistrictFileError):
    pass


@dataclass(frozen=True, slots=True)
class FileState:
    revision: str

    @property
    def needs_upgrade(self) -> bool:
        return self.revision != HEAD_REVISION


def backup_path(path: Path, revision: str) -> Path:
    """Where the file is copied before an upgrade from `revision`: `NAME.des.pre-REV.bak`."""
    return path.with_name(f"{path.name}.pre-{revision}.bak")


def inspect_file(path: Path, *, check_integrity: bool = True) -> FileState:
    """Check, read-only, that `path` is an intact district file this desdesk can open.

    `check_integrity=False` leaves out SQLite's quick_check (75 ms on a 5,000-member
    file): only for a file provably unchanged since a copy of it passed that check."""
    if not path.is_file():
        raise DistrictFileError(_("Il file {path} non esiste.").format(path=path))
    # A read-only connection on a WAL file creates `-wal` and `-shm` beside it and cannot
    # remove them. With no WAL or rollback journal beside the file there is nothing to
    # replay, so read it as immutable: a refused file is then left with nothing new.
    options = "mode=ro" if pending_side_file(path) else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
    except sqlite3.Error as exc:
        raise DistrictFileError(
            _("Il file {path} non si può leggere: {reason}.").format(
                path=path, reason=sqlite_reason(exc)
            )
        ) from exc
    try:
        return _read_state(conn, path, check_integrity)
    finally:
        conn.close()


def _read_state(conn: sqlite3.Connection, path: Path, check_integrity: bool = True) -> FileState:
    not_district = NotADistrictFile(
        _("{name} non è un file di distretto di desdesk.").format(name=path.name)
    )
    try:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    except sqlite3.DatabaseError as exc:
        # SQLite gives up on a truncated file before it reads the id; the header has it.
        if _header_application_id(path) != APPLICATION_ID:
            raise not_district from None
        raise _damaged(path, exc) from exc
    if app_id != APPLICATION_ID:
        raise not_district
    try:
        (check,) = conn.execute("PRAGMA quick_check").fetchone() if check_integrity else ("ok",)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    if check != "ok":
        raise _damaged(path, check)
    revision = row[0] if row else ""
    if revision not in KNOWN_REVISIONS:
        raise NewerVersionFile(
            _(
                "Il file {name} è stato scritto da una versione più recente di desdesk. "
                "Aggiorna desdesk per aprirlo; il file non è stato modificato."
            ).format(name=path.name)
        )
    return FileState(revision=revision)


def _damaged(path: Path, reason: object) -> DamagedFile:
    """The user reads plain Italian; SQLite's reason ("database disk image is
    malformed", the quick_check's findings) goes to the log."""
    log.warning("%s is damaged: %s", path, reason)
    return DamagedFile(
        _("Il file {name} è danneggiato e non può essere aperto.").format(name=path.name)
    )


def sqlite_reason(exc: BaseException) -> str:
    """Why SQLite failed, in a few plain words of the user's language (SQLite says it
    in English, which goes to the log)."""
    log.warning("SQLite error: %s", exc)
    text = str(exc).lower()
    if "disk is full" in text:
        return _("il disco è pieno")
    if "readonly" in text or "read-only" in text:
        return _("il file o la cartella è in sola lettura")
    if "disk i/o error" in text:
        return _("errore di lettura o scrittura sul disco")
    if "locked" in text or "busy" in text:
        return _("il file è in uso in un altro programma")
    if "unable to open" in text:
        return _("il file non si può aprire")
    if "malformed" in text or "not a database" in text:
        return _("il file è danneggiato")
    return _("errore del database")


def _header_application_id(path: Path) -> int | None:
    """The application id in a SQLite header (bytes 68-71), or None if not a SQLite file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    return int.from_bytes(header[68:72], "big")


def take_lock(path: Path, in_use: str) -> FileLock:
    """The lock beside `path`; FileInUse(`in_use`) if another holds it, OSError if none can be made."""
    lock = FileLock(lock_path(path), timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise FileInUse(in_use) from None
    return lock


def acquire_lock(path: Path) -> FileLock:
    try:
        return take_lock(
            path,
            _(
                "Il file {name} è già aperto in un'altra finestra o in un altro programma "
                "desdesk. Chiudilo lì prima di aprirlo qui."
            ).format(name=path.name),
        )
    except OSError as exc:
        raise DistrictFileError(
            _("Non riesco ad aprire {name}: la cartella non è scrivibile ({reason}).").format(
                name=path.name, reason=os_error_reason(exc)
            )
        ) from exc


def migrate(engine: Engine) -> None:
    """Bring the file's schema to this desdesk's head revision (Alembic, imported lazily).

    All of it in one transaction: the engine emits BEGIN itself, so SQLite's DDL is
    rolled back with the rest if any step fails. Foreign keys are switched off around
    it (SQLite only allows that outside a transaction): Alembic rebuilds a table by
    copy, drop and rename, and dropping a parent with foreign keys on would cascade
    its children away. Integrity is checked before the commit instead.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"foreign key check failed after upgrade: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


@dataclass
class OpenedFile:
    """An open district: a file (`path`, locked) or a database on a server (`url`)."""

    path: Path | None
    engine: Engine
    lock: FileLock | None = None
    url: str | None = None
    actor: SessionActor | None = None  # a server's: who this desdesk's changes are by

    def close(self) -> None:
        """Release the engine and the lock; safe to call more than once."""
        self.engine.dispose()
        if self.lock is not None and self.lock.is_locked:
            self.lock.release()


def open_district_file(
    path: Path,
    on_opening: Callable[[Path, FileState], None] | None = None,
    *,
    unchanged: Callable[[Path], bool] | None = None,
) -> OpenedFile:
    """Inspect, lock, upgrade if needed (after a backup), and return an engine on the file.

    `on_opening` runs once the file has passed inspection and is locked, before any
    migration touches it (the GUI's automatic backup): it must not raise to let the
    file open, and whatever it raises closes the file again. `unchanged(path)` true
    means the file is byte for byte its last checked backup (the GUI's closing backup):
    its integrity check is then not repeated.
    """
    path = Path(path).resolve()
    trusted = unchanged is not None and unchanged(path)
    state = inspect_file(path, check_integrity=not trusted)
    lock = acquire_lock(path)
    engine: Engine | None = None
    try:
        if trusted and not (unchanged is not None and unchanged(path)):
            state = inspect_file(path)  # changed before the lock was taken: check it now
        if on_opening is not None:
            on_opening(path, state)
        backup = _back_up_before_upgrade(path, state.revision) if state.needs_upgrade else None
        engine = make_engine(path)
        if backup is not None:
            _upgrade(engine, path, backup)
    except BaseException:
        if engine is not None:
            engine.dispose()
        lock.release()
        raise
    return OpenedFile(path=path, engine=engine, lock=lock)


def _back_up_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the file aside before its schema changes, so an upgrade never holds the only copy."""
    backup = backup_path(path, revision)
    try:
        sqlite_copy(path, backup, source_locked=True)
    except (OSError, sqlite3.Error) as exc:
        reason = os_error_reason(exc) if isinstance(exc, OSError) else sqlite_reason(exc)
        raise DistrictFileError(
            _(
                "Non riesco ad aggiornare {name}: non riesco a scrivere la copia di sicurezza "
                "{backup} ({reason}). Il file non è stato modificato."
            ).format(name=path.name, backup=backup.name, reason=reason)
        ) from exc
    return backup


def _upgrade(engine: Engine, path: Path, backup: Path) -> None:
    try:
        migrate(engine)
    except Exception as exc:
        log.exception("Upgrade of %s failed", path)
        raise MigrationFailed(
            _(
                "Non riesco ad aggiornare {name} a questa versione di desdesk ({reason}). "
                "Il file non è stato modificato; una copia è in {backup}."
            ).format(name=path.name, reason=_upgrade_reason(exc), backup=backup.name)
        ) from exc


def _upgrade_reason(exc: Exception) -> str:
    """SQLite's reason in plain words; anything else (a bug in a migration) is logged
    with its traceback and named only as an error."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, sqlite3.Error):
        return sqlite_reason(original)
    if isinstance(original, OSError):
        return os_error_reason(original)
    return _("errore interno")
