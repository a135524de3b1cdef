"""Whether a district file is provably unchanged since its closing backup.

The GUI backs a district up when it closes it and again when it opens it. Opening it
right after closing it would copy the same bytes again: on a 5,000-member district that
is a third of a second of start-up for a backup identical to the previous one. So the
closing backup writes down, in the district's backup folder, the file's stat (size,
modification and change times in nanoseconds, inode, device) taken with the lock held,
after the engine was disposed (which folds the WAL into the file) and checked equal
before and after the copy. The next opening skips its backup only if:

- the file has no WAL or rollback journal beside it (a crash left changes to replay);
- its stat is exactly the recorded one: any write, a restore (an atomic replace), a copy
  over it, even `touch`, changes the change time, which no program can set back;
- the backup named in the record is still there, with the size it had.

Anything else (no record, an unreadable one, another district at the path) means a
backup. The backup before an upgrade is never skipped (see `backups.backup_on_opening`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from desdesk.atomic import atomic_write
from desdesk.db.backup_files import district_uid
from desdesk.db.files import pending_side_file

log = logging.getLogger(__name__)

RECORD = "closing-state.json"


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What changes whenever anything writes or replaces a file."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int


def file_stamp(path: Path) -> FileStamp | None:
    """The file's stamp; None when it cannot be trusted (a WAL or journal beside it, or
    the file cannot be read)."""
    if pending_side_file(path) is not None or os.name == "nt":
        # On Windows st_ctime is the creation time, which no write changes: a rewrite
        # that kept the size and set the modification time back would pass. No stamp
        # there, so every opening takes its backup and its integrity check.
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return FileStamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def record_closing_state(path: Path, backup: Path, stamp: FileStamp) -> None:
    """Write down that `backup` holds the file at `path` as `stamp` describes it.

    Best effort: if it cannot be written the next opening simply takes its backup."""
    try:
        size = backup.stat().st_size
        data = {
            "path": str(Path(path).resolve()),
            "stamp": asdict(stamp),
            "backup": backup.name,
            "backup_size": size,
        }
        with atomic_write(backup.parent / RECORD, private=True) as handle:
            handle.write(json.dumps(data, indent=2).encode("utf-8"))
    except OSError as exc:
        log.warning("Closing state of %s not recorded: %s", path, exc)


def unchanged_since_closing(path: Path, folder_of: Callable[[Path, str | None], Path]) -> bool:
    """True only if the file at `path` is exactly as its recorded closing backup holds it.

    `folder_of(path, uid)` is the district's backup folder (`backups.backup_folder`)."""
    path = Path(path).resolve()
    stamp = file_stamp(path)
    if stamp is None:
        return False
    uid = district_uid(path)
    if uid is None:
        return False
    folder = folder_of(path, uid)
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        recorded = FileStamp(**data["stamp"])
        backup = folder / str(data["backup"])
        same_backup = backup.is_file() and backup.stat().st_size == int(data["backup_size"])
        same_path = data["path"] == str(path)
    except (OSError, ValueError, TypeError, KeyError):
        return False
    return same_path and same_backup and recorded == stamp and file_stamp(path) == stamp
