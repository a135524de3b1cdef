"""Opening and creating district files safely.

A file is inspected read-only before anything writes to it, so a file that is not a
district file, is damaged, or comes from a newer desdesk is left byte-for-byte
untouched. An OS-level lock beside the file keeps a second window or process out; the
OS drops it when the process dies, so a crash never leaves it stuck.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine

from desdesk.db.engine import make_engine
from desdesk.db.schema import APPLICATION_ID, HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _


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


@dataclass(frozen=True, slots=True)
class FileState:
    revision: str

    @property
    def needs_upgrade(self) -> bool:
        return self.revision != HEAD_REVISION


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def inspect_file(path: Path) -> FileState:
    """Check, read-only, that `path` is an intact district file this desdesk can open."""
    if not path.is_file():
        raise DistrictFileError(_("Il file {path} non esiste.").format(path=path))
    # A read-only connection on a WAL file creates `-wal` and `-shm` beside it and cannot
    # remove them. With no WAL or rollback journal beside the file there is nothing to
    # replay, so read it as immutable: a refused file is then left with nothing new.
    pending = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    options = "mode=ro" if pending else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
    except sqlite3.Error as exc:
        raise DistrictFileError(
            _("Il file {path} non si può leggere: {reason}").format(path=path, reason=exc)
        ) from exc
    try:
        return _read_state(conn, path)
    finally:
        conn.close()


def _read_state(conn: sqlite3.Connection, path: Path) -> FileState:
    not_district = NotADistrictFile(
        _("{name} non è un file di distretto di desdesk.").format(name=path.name)
    )
    try:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    except sqlite3.DatabaseError as exc:
        # SQLite gives up on a truncated file before it reads the id; the header has it.
        if _header_application_id(path) != APPLICATION_ID:
            raise not_district from None
        raise DamagedFile(
            _("Il file {name} è danneggiato e non può essere aperto ({reason}).").format(
                name=path.name, reason=exc
            )
        ) from exc
    if app_id != APPLICATION_ID:
        raise not_district
    try:
        (check,) = conn.execute("PRAGMA quick_check").fetchone()
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(
            _("Il file {name} è danneggiato e non può essere aperto ({reason}).").format(
                name=path.name, reason=exc
            )
        ) from exc
    if check != "ok":
        raise DamagedFile(
            _("Il file {name} è danneggiato e non può essere aperto.").format(name=path.name)
        )
    revision = row[0] if row else ""
    if revision not in KNOWN_REVISIONS:
        raise NewerVersionFile(
            _(
                "Il file {name} è stato scritto da una versione più recente di desdesk. "
                "Aggiorna desdesk per aprirlo; il file non è stato modificato."
            ).format(name=path.name)
        )
    return FileState(revision=revision)


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


def acquire_lock(path: Path) -> FileLock:
    lock = FileLock(lock_path(path), timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise FileInUse(
            _(
                "Il file {name} è già aperto in un'altra finestra o in un altro programma "
                "desdesk. Chiudilo lì prima di aprirlo qui."
            ).format(name=path.name)
        ) from None
    except OSError as exc:
        raise DistrictFileError(
            _("Non posso aprire {name}: la cartella non è scrivibile ({reason}).").format(
                name=path.name, reason=os_error_reason(exc)
            )
        ) from exc
    return lock


def migrate(engine: Engine) -> None:
    """Bring the file's schema to this desdesk's head revision (Alembic, imported lazily)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class OpenedFile:
    path: Path
    engine: Engine
    lock: FileLock

    def close(self) -> None:
        """Release the engine and the lock; safe to call more than once."""
        self.engine.dispose()
        if self.lock.is_locked:
            self.lock.release()


def open_district_file(path: Path) -> OpenedFile:
    """Inspect, lock, migrate if needed, and return an engine on the file."""
    path = Path(path).resolve()
    state = inspect_file(path)
    lock = acquire_lock(path)
    try:
        engine = make_engine(path)
        if state.needs_upgrade:
            migrate(engine)
    except BaseException:
        lock.release()
        raise
    return OpenedFile(path=path, engine=engine, lock=lock)


def create_district_file(path: Path) -> None:
    """Create an empty district file at head, atomically: it appears complete or not at all."""
    path = Path(path).resolve()
    if path.exists():
        raise DistrictFileError(_("Il file {path} esiste già.").format(path=path))
    if not path.parent.is_dir():
        raise DistrictFileError(_("La cartella {path} non esiste.").format(path=path.parent))
    temporary = path.with_name(f".{path.name}.creating")
    _remove_sqlite_files(temporary)
    try:
        _initialise(temporary)
        os.replace(temporary, path)
    except BaseException:
        _remove_sqlite_files(temporary)
        raise


def _initialise(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.commit()
    finally:
        conn.close()
    engine = make_engine(path)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        # Fold the WAL into the file so the rename moves a complete database.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_district_file(source: Path, destination: Path) -> None:
    """A consistent copy of an open district file (SQLite online backup), written atomically."""
    destination = Path(destination).resolve()
    if destination == Path(source).resolve():
        raise DistrictFileError(_("La copia deve avere un nome diverso dal file aperto."))
    temporary = destination.with_name(f".{destination.name}.copying")
    _remove_sqlite_files(temporary)
    try:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(temporary)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            dst.commit()
        finally:
            dst.close()
            src.close()
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, destination)
    except OSError as exc:
        _remove_sqlite_files(temporary)
        raise DistrictFileError(
            _("Non riesco a salvare la copia in {path}: {reason}").format(
                path=destination, reason=os_error_reason(exc)
            )
        ) from exc
    except sqlite3.Error as exc:  # e.g. "database or disk is full" while copying
        _remove_sqlite_files(temporary)
        raise DistrictFileError(
            _("Non riesco a salvare la copia in {path}: {reason}").format(
                path=destination, reason=exc
            )
        ) from exc
    except BaseException:
        _remove_sqlite_files(temporary)
        raise
