"""A SQLite database on disk: the files beside it, and a consistent single-file copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desdesk.atomic import atomic_replace

# What SQLite keeps beside a database; the first two hold changes not yet in the file.
SIDE_SUFFIXES = ("-wal", "-journal", "-shm")
PENDING_SUFFIXES = ("-wal", "-journal")


def lock_path(path: Path) -> Path:
    """desdesk's lock beside a district file (`.NAME.des.lock`)."""
    return path.with_name(f".{path.name}.lock")


def pending_side_file(path: Path) -> Path | None:
    """A WAL or rollback journal beside `path`: changes SQLite would replay into it."""
    for suffix in PENDING_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            return side
    return None


def remove_side_files(path: Path) -> None:
    for suffix in SIDE_SUFFIXES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def is_database_or_side_file(path: Path, database: Path) -> bool:
    """`path` is `database` (by any name: a link too), a file SQLite keeps beside it, or
    desdesk's lock: writing there would destroy or corrupt the database."""
    database = database.resolve()
    target = path.resolve()
    protected = {database, lock_path(database)}
    protected |= {database.with_name(database.name + suffix) for suffix in SIDE_SUFFIXES}
    if target in protected:
        return True
    try:
        return target.samefile(database)
    except OSError:
        return False


def sqlite_copy(source: Path, destination: Path, *, source_locked: bool = False) -> None:
    """Replace `destination` with a consistent, checked, single-file copy of `source`.

    SQLite's online backup reads a consistent state even while others write; the copy
    is written beside `destination`, must pass `PRAGMA quick_check`, and only then
    replaces it whole (`desdesk.atomic`), readable by the user only: it holds the same
    personal data as the district file. A copy that fails the check raises
    `sqlite3.DatabaseError` and leaves `destination` as it was.

    A read-only connection on a WAL file with nothing beside it creates `-wal` and
    `-shm` and cannot remove them; when the caller holds the source's lock (nobody else
    can be writing it) and nothing is pending beside it, it is read as immutable.
    """
    options = "mode=ro"
    if source_locked and pending_side_file(source) is None:
        options += "&immutable=1"
    with atomic_replace(destination, private=True) as temporary:
        try:
            src = sqlite3.connect(f"{source.resolve().as_uri()}?{options}", uri=True)
            try:
                dst = sqlite3.connect(temporary)
                try:
                    src.backup(dst)
                    # One self-contained file, with nothing beside it to go missing.
                    dst.execute("PRAGMA journal_mode = DELETE")
                    dst.commit()
                    _check_copy(dst)
                finally:
                    dst.close()
            finally:
                src.close()
        except BaseException:
            remove_side_files(temporary)
            raise


def _check_copy(conn: sqlite3.Connection) -> None:
    """A copy counts only if SQLite finds it intact (a bad disk, a full one, a bug)."""
    (result,) = conn.execute("PRAGMA quick_check").fetchone()
    if result != "ok":
        raise sqlite3.DatabaseError(f"the copy failed its integrity check: {result}")
