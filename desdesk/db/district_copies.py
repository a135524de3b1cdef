"""New district files and copies of open ones, each written whole or not at all.

A new file is made at head beside its destination and renamed into place; a copy is
SQLite's online backup of the open file, written while the destination's lock is held.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from desdesk.atomic import atomic_replace
from desdesk.db import district_file
from desdesk.db.district_file import DistrictFileError, sqlite_reason, take_lock
from desdesk.db.engine import make_engine
from desdesk.db.files import (
    is_database_or_side_file,
    pending_side_file,
    remove_side_files,
    sqlite_copy,
)
from desdesk.db.schema import APPLICATION_ID
from desdesk.domain.errors import os_error_reason
from desdesk.i18n import _


def create_district_file(path: Path, initialise: Callable[[Engine], None] | None = None) -> None:
    """Create a district file at head, atomically: it appears complete or not at all.

    `initialise`, if given, writes the first content (the district's profile, a whole
    demo) through an engine on the file while it is still a temporary file beside
    `path`; if it fails, nothing appears at `path`.
    """
    path = Path(path).resolve()
    if path.exists():
        raise DistrictFileError(_("Il file {path} esiste già.").format(path=path))
    if not path.parent.is_dir():
        raise DistrictFileError(_("La cartella {path} non esiste.").format(path=path.parent))
    try:
        with atomic_replace(path, private=True) as temporary:
            try:
                _initialise(temporary, initialise)
            except BaseException:
                remove_side_files(temporary)
                raise
    except OSError as exc:
        raise _create_failed(path, os_error_reason(exc)) from exc
    except sqlite3.Error as exc:  # e.g. "database or disk is full"
        raise _create_failed(path, sqlite_reason(exc)) from exc


def _create_failed(path: Path, reason: str) -> DistrictFileError:
    return DistrictFileError(
        _("Non riesco a creare {path}: {reason}").format(path=path, reason=reason)
    )


def _initialise(path: Path, initialise: Callable[[Engine], None] | None) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.commit()
    finally:
        conn.close()
    engine = make_engine(path)
    try:
        district_file.migrate(engine)  # looked up here, so tests can stand in for it
        if initialise is not None:
            initialise(engine)
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        # Fold the WAL into the file so the rename moves a complete database.
        (busy, _log, _done) = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise sqlite3.OperationalError("the new file is still in use")
    finally:
        conn.close()


def copy_district_file(source: Path, destination: Path, *, source_locked: bool = False) -> None:
    """A consistent copy of an open district file (SQLite online backup), written atomically.

    The destination's lock is held throughout: a district open elsewhere is never
    replaced, and neither is one with unsaved changes left beside it by a crash.
    """
    source = Path(source).resolve()
    destination = Path(destination).resolve()
    if is_database_or_side_file(destination, source):
        raise DistrictFileError(_("La copia deve avere un nome diverso dal file aperto."))
    try:
        lock = take_lock(
            destination,
            _(
                "Il file {name} è aperto in un'altra finestra o in un altro programma "
                "desdesk: la copia non può sostituirlo. Chiudilo lì o scegli un altro nome."
            ).format(name=destination.name),
        )
    except OSError as exc:
        raise _copy_failed(destination, os_error_reason(exc)) from exc
    try:
        pending = pending_side_file(destination)
        if pending is not None:
            raise DistrictFileError(
                _(
                    "Non riesco a salvare la copia in {path}: accanto c'è {side}, quindi "
                    "{name} potrebbe essere in uso in un altro programma o è rimasto così "
                    "dopo un arresto improvviso. Scegli un altro nome, oppure apri {name} "
                    "con desdesk e chiudilo prima di sostituirlo."
                ).format(path=destination, side=pending.name, name=destination.name)
            )
        sqlite_copy(source, destination, source_locked=source_locked)
    except OSError as exc:
        raise _copy_failed(destination, os_error_reason(exc)) from exc
    except sqlite3.Error as exc:  # e.g. "database or disk is full" while copying
        raise _copy_failed(destination, sqlite_reason(exc)) from exc
    finally:
        lock.release()


def _copy_failed(destination: Path, reason: str) -> DistrictFileError:
    return DistrictFileError(
        _("Non riesco a salvare la copia in {path}: {reason}").format(
            path=destination, reason=reason
        )
    )
