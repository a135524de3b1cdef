"""Putting a backup back in place of a district file, and setting a damaged file aside.

A restore never loses what it replaces: the backup is inspected first (intact, a
district file this desdesk can open: one from before a migration is upgraded at the
next open as usual); the current file is backed up ("prima-del-ripristino"), or, if
damaged, renamed aside untouched; then the backup's copy replaces it atomically, under
the file's lock, so a district open in another window is never replaced. If that copy
fails after a damaged file was set aside, the damaged file is put back where it was (or,
if even that fails, the message says where it is). A backup of another district (another
uid: a path that once held another district) is restored only when the caller says so
(`allow_other_district`, after asking the user).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock

from desdesk.atomic import sync_folder
from desdesk.db.backup_files import district_uid, fold_wal
from desdesk.db.district_file import (
    DamagedFile,
    DistrictFileError,
    NotADistrictFile,
    inspect_file,
    take_lock,
)
from desdesk.db.files import SIDE_SUFFIXES, is_database_or_side_file, remove_side_files, sqlite_copy
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _
from desdesk.services.backups import Reason, district_backups, failure_reason, take_backup

log = logging.getLogger(__name__)

DAMAGED_SUFFIX = ".danneggiato-"


class RestoreFailed(DesdeskError):
    """Nothing was replaced; the message says why."""


class OtherDistrict(RestoreFailed):
    """The backup is of another district than the file it would replace; nothing done."""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    target: Path
    safety_backup: Path | None  # the backup of the file that was replaced
    set_aside: Path | None  # where a damaged file was moved


def restore(
    backup: Path,
    target: Path,
    *,
    now: datetime | None = None,
    set_aside_unreadable: bool = False,
    allow_other_district: bool = False,
) -> RestoreResult:
    """Replace the district file `target` with the backup `backup` (see the module doc).

    A damaged target is set aside under the lock; `set_aside_unreadable` does the same
    for one that no longer even looks like a district file (random bytes: the GUI asks
    first). OtherDistrict unless `allow_other_district` when the uids differ.
    """
    backup, target = Path(backup).resolve(), Path(target).resolve()
    now = now or datetime.now()
    if target.exists() and is_database_or_side_file(backup, target):
        raise RestoreFailed(_("Il backup e il file del distretto sono lo stesso file."))
    _check_backup(backup)
    if not target.parent.is_dir():
        raise RestoreFailed(
            _("Non riesco a ripristinare: la cartella {path} non esiste.").format(
                path=target.parent
            )
        )
    lock = _lock(target)
    try:
        if not allow_other_district:
            _check_same_district(backup, target)
        safety, aside = _secure_current(target, now, backup, set_aside_unreadable)
        _replace(backup, target, aside)
    finally:
        lock.release()
    log.info("Restored %s from %s", target, backup)
    return RestoreResult(target=target, safety_backup=safety, set_aside=aside)


def _check_backup(backup: Path) -> None:
    try:
        inspect_file(backup)
    except DistrictFileError as exc:
        raise RestoreFailed(
            _("Il backup {name} non si può ripristinare: {reason}").format(
                name=backup.name, reason=exc.message
            )
        ) from exc


def is_other_district(backup: Path, target: Path) -> bool:
    """Both files have a uid and they differ: the backup is not of this district."""
    if not Path(target).exists():
        return False
    mine, theirs = district_uid(Path(target)), district_uid(Path(backup))
    return mine is not None and theirs is not None and mine != theirs


def _check_same_district(backup: Path, target: Path) -> None:
    if is_other_district(backup, target):
        raise OtherDistrict(
            _(
                "Il backup {backup} è di un altro distretto, non di {name}: ripristinarlo "
                "sostituirebbe questo distretto con l'altro. Il file del distretto non è "
                "stato modificato."
            ).format(backup=backup.name, name=target.name)
        )


def _lock(target: Path) -> FileLock:
    try:
        return take_lock(
            target,
            _(
                "Il distretto {name} è aperto in un'altra finestra o in un altro programma "
                "desdesk: chiudilo lì prima di ripristinare un backup."
            ).format(name=target.name),
        )
    except OSError as exc:
        raise _failed(target, os_error_reason(exc)) from exc


def _failed(target: Path, reason: str) -> RestoreFailed:
    return RestoreFailed(
        _(
            "Ripristino di {name} non riuscito: {reason}. Il file del distretto non è stato "
            "modificato."
        ).format(name=target.name, reason=reason)
    )


def _secure_current(
    target: Path, now: datetime, backup: Path, set_aside_unreadable: bool
) -> tuple[Path | None, Path | None]:
    """Back up the file about to be replaced, or move it aside if it is damaged."""
    if not target.exists():
        return None, None
    try:
        inspect_file(target)
    except DamagedFile:
        return None, set_aside_damaged(target, now)
    except NotADistrictFile as exc:
        if set_aside_unreadable:
            return None, set_aside_damaged(target, now)
        raise _not_replaced(target, exc) from exc
    except DistrictFileError as exc:
        raise _not_replaced(target, exc) from exc
    try:
        fold_wal(target)  # the backup and the replacement both need the file whole
    except (OSError, sqlite3.Error) as exc:
        raise _failed(target, failure_reason(exc)) from exc
    return take_backup(target, Reason.BEFORE_RESTORE, now=now, spare=backup, locked=True), None


def _not_replaced(target: Path, exc: DistrictFileError) -> RestoreFailed:
    return RestoreFailed(
        _("{name} non viene sostituito: {reason}").format(name=target.name, reason=exc.message)
    )


def _replace(backup: Path, target: Path, aside: Path | None) -> None:
    """Copy the backup over `target`; on failure a damaged file set aside goes back."""
    try:
        sqlite_copy(backup, target, source_locked=True)  # nobody writes to a backup
    except (OSError, sqlite3.Error) as exc:
        reason = failure_reason(exc)
        if aside is None or put_back(aside, target):
            raise _failed(target, reason) from exc
        raise RestoreFailed(
            _(
                "Ripristino di {name} non riuscito: {reason}. Il file danneggiato è stato "
                "messo da parte, senza modifiche, in {path}."
            ).format(name=target.name, reason=reason, path=aside)
        ) from exc
    # An index of the old file's WAL must not be taken for the new file's.
    with contextlib.suppress(OSError):
        remove_side_files(target)


def damaged_name(path: Path, now: datetime) -> Path:
    return path.with_name(f"{path.name}{DAMAGED_SUFFIX}{now:%Y%m%d-%H%M%S}")


def set_aside_damaged(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged file (and what SQLite left beside it) aside, byte for byte.

    RestoreFailed if it cannot be moved: then nothing is restored over it.
    """
    path = Path(path)
    aside = damaged_name(path, now or datetime.now())
    try:
        if aside.exists():
            raise FileExistsError(17, "exists", str(aside))
        os.replace(path, aside)
        for suffix in SIDE_SUFFIXES:
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
        sync_folder(path.parent)
    except OSError as exc:
        raise RestoreFailed(
            _("Non riesco a mettere da parte il file danneggiato {name}: {reason}").format(
                name=path.name, reason=os_error_reason(exc)
            )
        ) from exc
    log.warning("Damaged file %s set aside as %s", path, aside)
    return aside


def is_damaged(error: BaseException, path: Path) -> bool:
    """`error`, met opening `path`, means a damaged district file: SQLite found it broken,
    or it no longer even looks like a database yet desdesk has backups of it."""
    if isinstance(error, DamagedFile):
        return True
    if not isinstance(error, NotADistrictFile):
        return False
    try:
        return bool(district_backups(path))
    except OSError:
        return False


def put_back(aside: Path, path: Path) -> bool:
    """Undo `set_aside_damaged` when the restore after it failed: the file where it was.
    True if it is back at `path`."""
    if path.exists():
        return False
    try:
        os.replace(aside, path)
        for suffix in SIDE_SUFFIXES:
            side = aside.with_name(aside.name + suffix)
            if side.exists():
                os.replace(side, path.with_name(path.name + suffix))
        sync_folder(path.parent)
    except OSError as exc:
        log.warning("Damaged file %s not put back as %s: %s", aside, path, exc)
    return path.exists() and not aside.exists()
