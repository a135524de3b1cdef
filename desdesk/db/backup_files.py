"""Reading a district file without opening it as a district: its uid, a summary, its
WAL folded in. Backups are read this way (read-only, immutable), so listing them never
changes a byte of them nor leaves a file beside them. Also the names of new backups,
reserved exclusively so that two backups never share one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desdesk.db.files import pending_side_file
from desdesk.paths import DISTRICT_SUFFIX

STALE_RESERVATION_S = 3600  # an empty backup name this old: its backup never finished


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection; immutable when nothing is pending beside the file."""
    options = "mode=ro" if pending_side_file(path) else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?{options}", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def district_uid(path: Path) -> str | None:
    """The district's stable uid (files from revision 0003 on), or None if it has none."""
    try:
        with read_only(path) as conn:
            row = conn.execute("SELECT uid FROM district ORDER BY id LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None


def file_revision(path: Path) -> str | None:
    """The schema revision the file is at, or None if it cannot be read."""
    try:
        with read_only(path) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What a backup holds, in numbers: enough to tell one backup from another."""

    district_name: str
    active_members: int
    assemblies: int
    last_change: str | None  # the newest created_at/updated_at, as SQLite stores it
    revision: str


def file_facts(path: Path) -> FileFacts:
    """Counts read from the file itself; sqlite3.Error if it cannot be read."""
    with read_only(path) as conn:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        name_row = (
            conn.execute("SELECT name FROM district ORDER BY id LIMIT 1").fetchone()
            if "district" in tables
            else None
        )
        revision_row = (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if "alembic_version" in tables
            else None
        )
        return FileFacts(
            district_name=str(name_row[0]) if name_row else "",
            active_members=_count(conn, tables, "member", "left_on IS NULL"),
            assemblies=_count(conn, tables, "assembly"),
            last_change=_last_change(conn, tables),
            revision=str(revision_row[0]) if revision_row else "",
        )


def _count(conn: sqlite3.Connection, tables: set[str], table: str, where: str = "1") -> int:
    if table not in tables:
        return 0
    (count,) = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}').fetchone()
    return int(count)


def _last_change(conn: sqlite3.Connection, tables: set[str]) -> str | None:
    """The newest `created_at` or `updated_at` in any table: when the district last changed."""
    newest: str | None = None
    for table in sorted(tables):
        if table.startswith("sqlite_") or table == "alembic_version":
            continue
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        for column in ("created_at", "updated_at"):
            if column in columns:
                (value,) = conn.execute(f'SELECT max("{column}") FROM "{table}"').fetchone()
                if value is not None and (newest is None or str(value) > newest):
                    newest = str(value)
    return newest


def fold_wal(path: Path) -> None:
    """Write a WAL left beside `path` (by a crash) into the file, so the file alone is whole.

    The caller holds the file's lock. sqlite3.Error if SQLite cannot, OSError if a WAL
    is still there afterwards.
    """
    if pending_side_file(path) is None:
        return
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")  # removes the WAL once folded in
    finally:
        conn.close()
    pending = pending_side_file(path)
    if pending is not None:
        raise OSError(f"{pending.name} is still beside the file")


def reserve_file(folder: Path, base: str) -> Path:
    """`folder/base.des` (or `base-2.des`, …), created empty and exclusively (O_EXCL):
    two backups with the same reason in the same second (two windows, two processes)
    never get one name and overwrite each other. The copy then replaces it whole."""
    counter = 1
    while True:
        suffix = "" if counter == 1 else f"-{counter}"
        candidate = folder / f"{base}{suffix}{DISTRICT_SUFFIX}"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            counter += 1
            continue
        os.close(fd)
        return candidate


def drop_reservation(target: Path | None) -> None:
    """Remove a reserved name whose copy failed (only if still empty: never a backup)."""
    if target is None:
        return
    with contextlib.suppress(OSError):
        if target.stat().st_size == 0:
            target.unlink()


def drop_stale_reservations(folder: Path, is_backup: Callable[[str], bool]) -> None:
    """Empty names reserved by a backup that never finished (desdesk killed meanwhile)."""
    cutoff = time.time() - STALE_RESERVATION_S
    for file in folder.iterdir():
        if not is_backup(file.name):
            continue
        with contextlib.suppress(OSError):
            info = file.stat()
            if info.st_size == 0 and info.st_mtime < cutoff:
                file.unlink()
