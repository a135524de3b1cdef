"""Backups of a district file in the user's data folder, checked and rotated.

Each backup is a SQLite online-backup copy (`db.files.sqlite_copy`): consistent while
the district is open, written whole or not at all, checked with `PRAGMA quick_check`
before it counts, readable by the user only. They live in
`user_data_dir()/backups/<stem>-<uid>-<path hash>/NAME-YYYYMMDD-HHMMSS-<reason>.des`
(a file older than the uid, or unreadable, uses only a longer hash of its path). The
path is part of the key: two copies of one district (~/d.des and a USB copy) share the
uid, and must neither rotate each other's backups away nor be offered each other's
state. A `source.json` in the folder names the district file backed up there, so that
the backups of a damaged file, whose uid cannot be read, are still found. Rotation runs
per folder: a path that once held another district never costs that one's backups.
The `NAME.des.pre-REV.bak` copies made beside the file before an upgrade are listed too
(never rotated).

Who makes them: the GUI on open (before any migration) and on close, and on demand
(File › Esegui backup ora, `desdesk backup`). The other CLI commands do not: they are
short reads or scripted edits and the user runs `desdesk backup` when wanted (see
cli/commands/backup.py). A backup that fails never stops the district from opening or
closing: `automatic_backup` logs it and hands the message to the caller to show.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from desdesk import paths, settings
from desdesk.atomic import atomic_write
from desdesk.db.backup_files import (
    district_uid,
    drop_reservation,
    drop_stale_reservations,
    file_revision,
    reserve_file,
)
from desdesk.db.district_copies import copy_district_file
from desdesk.db.district_file import FileInUse, FileState, inspect_file, take_lock
from desdesk.db.files import sqlite_copy
from desdesk.domain.backup_policy import RetentionPolicy, backups_to_delete
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import N_, _
from desdesk.paths import DISTRICT_SUFFIX
from desdesk.services.backup_freshness import (
    file_stamp,
    record_closing_state,
    unchanged_since_closing,
)

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

log = logging.getLogger(__name__)

BACKUPS_FOLDER = "backups"
MANIFEST = "source.json"
STAMP_FORMAT = "%Y%m%d-%H%M%S"


class Reason(StrEnum):
    """Why a backup was taken; the value is the last word of its file name."""

    OPENING = "apertura"
    CLOSING = "chiusura"
    MANUAL = "manuale"
    BEFORE_RESTORE = "prima-del-ripristino"
    BEFORE_UPGRADE = "prima-dell-aggiornamento"

    def label(self) -> str:
        return _(_REASON_LABELS[self])


_REASON_LABELS = {
    Reason.OPENING: N_("all'apertura"),
    Reason.CLOSING: N_("alla chiusura"),
    Reason.MANUAL: N_("manuale"),
    Reason.BEFORE_RESTORE: N_("prima di un ripristino"),
    Reason.BEFORE_UPGRADE: N_("prima dell'aggiornamento"),
}
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>"
    + "|".join(re.escape(reason.value) for reason in Reason)
    + r")(?:-(?P<n>\d+))?"
    + re.escape(DISTRICT_SUFFIX)
    + "$"
)


class BackupFailed(DesdeskError):
    """No backup was made; nothing else was touched."""


@dataclass(frozen=True, slots=True)
class BackupEntry:
    path: Path
    taken_at: datetime  # local time, from the file name
    reason: Reason
    size: int
    written_ns: int = 0  # orders backups taken in the same second


def parse_backup_name(name: str) -> tuple[datetime, Reason] | None:
    """When and why a backup was taken, from its file name; None for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return taken, Reason(match["reason"])


def backups_root() -> Path:
    root = paths.user_data_dir() / BACKUPS_FOLDER
    root.mkdir(mode=0o700, exist_ok=True)
    return root


def _path_key(path: Path, length: int = 16) -> str:
    return hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:length]


def backup_folder(path: Path, uid: str | None) -> Path:
    """This district file's folder: by its uid and its path, or its path alone when it
    has no uid. Same uid at another path (a copy) is another folder."""
    if uid:
        return backups_root() / f"{Path(path).stem}-{uid}-{_path_key(path, 8)}"
    return backups_root() / f"{Path(path).stem}-{_path_key(path)}"


def district_folders(path: Path, uid: str | None) -> list[Path]:
    """Every folder that holds backups of the district file at `path` (for listing: a
    path that once held another district lists that one's too; restore asks then)."""
    resolved = str(Path(path).resolve())
    found = {backup_folder(path, uid), backup_folder(path, None)}
    with contextlib.suppress(OSError):
        for folder in backups_root().iterdir():
            if folder.is_dir() and resolved in _manifest_paths(folder):
                found.add(folder)
    return sorted(folder for folder in found if folder.is_dir())


def _manifest_paths(folder: Path) -> list[str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    paths_seen = data.get("paths", []) if isinstance(data, dict) else []
    return [str(p) for p in paths_seen] if isinstance(paths_seen, list) else []


def _record_source(folder: Path, path: Path) -> None:
    resolved = str(Path(path).resolve())
    seen = _manifest_paths(folder)
    if resolved in seen:
        return
    data = json.dumps({"paths": [*seen, resolved]}, ensure_ascii=False, indent=2)
    with atomic_write(folder / MANIFEST, private=True) as handle:
        handle.write(data.encode("utf-8"))


def district_backups(path: Path, uid: str | None = None) -> list[BackupEntry]:
    """The backups of the district file at `path`, newest first (not read, only listed)."""
    if uid is None:
        uid = district_uid(path) if Path(path).is_file() else None
    entries = [entry for folder in district_folders(path, uid) for entry in folder_backups(folder)]
    entries.extend(_upgrade_copies(Path(path)))
    entries.sort(key=lambda entry: (entry.taken_at, entry.written_ns), reverse=True)
    return entries


def folder_backups(folder: Path) -> list[BackupEntry]:
    """The backups in one folder, newest first (an empty reserved name skipped); backups
    of the same second in the order they were written, so a rotation keeps the last."""
    entries: list[BackupEntry] = []
    for file in folder.iterdir():
        parsed = parse_backup_name(file.name)
        if parsed is None or not file.is_file():
            continue
        info = file.stat()
        if info.st_size == 0:  # a name reserved by a backup still being written
            continue
        entries.append(BackupEntry(file, parsed[0], parsed[1], info.st_size, info.st_mtime_ns))
    entries.sort(key=lambda entry: (entry.taken_at, entry.written_ns), reverse=True)
    return entries


def _upgrade_copies(path: Path) -> list[BackupEntry]:
    """`NAME.des.pre-REV.bak` beside the file (district_file.pre_upgrade_path), dated by
    when they were written."""
    prefix = f"{path.name}.pre-"
    entries: list[BackupEntry] = []
    with contextlib.suppress(OSError):
        for file in path.parent.iterdir():
            if not (file.name.startswith(prefix) and file.name.endswith(".bak")):
                continue
            if not file.is_file():
                continue
            info = file.stat()
            taken = datetime.fromtimestamp(info.st_mtime).replace(microsecond=0)
            entries.append(
                BackupEntry(file, taken, Reason.BEFORE_UPGRADE, info.st_size, info.st_mtime_ns)
            )
    return entries


def policy_from_preferences() -> RetentionPolicy:
    prefs = settings.load()
    return RetentionPolicy(
        keep_last=prefs.backup_keep_last,
        daily_days=prefs.backup_keep_daily_days,
        monthly_months=prefs.backup_keep_monthly_months,
    )


def take_backup(
    path: Path,
    reason: Reason,
    *,
    now: datetime | None = None,
    policy: RetentionPolicy | None = None,
    spare: Path | None = None,
    locked: bool = False,
) -> Path:
    """Back up the district file at `path` into its folder, then rotate its backups.

    BackupFailed (in Italian, with the reason) if the copy cannot be written or fails
    its check; the district file is only read. The rotation never deletes the new
    backup nor `spare` (the backup a restore is about to copy back). `locked`: the
    caller holds the file's lock (see `db.files.sqlite_copy`).
    """
    path = Path(path).resolve()
    now = now or datetime.now()
    target: Path | None = None
    try:
        folder = backup_folder(path, district_uid(path))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = reserve_name(folder, path.stem, now, reason)
        sqlite_copy(path, target, source_locked=locked)
        _record_source(folder, path)
    except (OSError, sqlite3.Error) as exc:
        drop_reservation(target)
        raise _failed(path, failure_reason(exc)) from exc
    log.info("Backup of %s written to %s", path, target)
    try:
        rotate(folder, policy or policy_from_preferences(), now, spare={target, spare})
    except OSError as exc:  # the backup is made; old ones stay until the next rotation
        log.warning("Backups of %s not rotated: %s", path, exc)
    return target


def reserve_name(folder: Path, stem: str, now: datetime, reason: Reason) -> Path:
    """A new backup name, created exclusively (see `db.backup_files.reserve_file`)."""
    return reserve_file(folder, f"{stem}-{now.strftime(STAMP_FORMAT)}-{reason.value}")


def failure_reason(exc: BaseException) -> str:
    """Why a copy failed, in plain Italian; SQLite's English text goes to the log only."""
    if isinstance(exc, OSError):
        return os_error_reason(exc)
    log.warning("SQLite could not copy or check a district file: %s", exc)
    return _(
        "la copia non si è potuta scrivere o non è risultata integra (i dettagli sono nel "
        "registro di desdesk)"
    )


def _failed(path: Path, reason: str) -> BackupFailed:
    return BackupFailed(
        _(
            "Backup di {name} non riuscito: {reason}. Il file del distretto non è stato modificato."
        ).format(name=path.name, reason=reason)
    )


def rotate(
    folder: Path, policy: RetentionPolicy, now: datetime, spare: Collection[Path | None] = ()
) -> list[Path]:
    """Delete the backups in `folder` (one district file's) that `policy` lets go, except
    `spare`; the deleted paths. A clock set wrong could make the newest backup look old:
    `spare` protects it. The newest backup taken before each upgrade, per schema
    revision, is always kept. A backup that cannot be deleted stays (logged).
    """
    drop_stale_reservations(folder, lambda name: parse_backup_name(name) is not None)
    entries = folder_backups(folder)
    doomed = backups_to_delete(
        ((e.path, e.taken_at) for e in entries), policy, now, milestones=_milestones(entries)
    )
    protected = {Path(p).resolve() for p in spare if p is not None}
    deleted: list[Path] = []
    for file in doomed:
        if file.resolve() in protected:
            continue
        try:
            file.unlink()
        except OSError as exc:
            log.warning("Old backup %s not deleted: %s", file, exc)
            continue
        deleted.append(file)
    return deleted


def _milestones(entries: list[BackupEntry]) -> dict[Path, str]:
    """The schema revision of each pre-upgrade backup: the way back to an older desdesk."""
    found: dict[Path, str] = {}
    for entry in entries:
        if entry.reason is Reason.BEFORE_UPGRADE:
            found[entry.path] = file_revision(entry.path) or entry.path.name
    return found


def back_up_now(path: Path, out: Path | None = None, *, now: datetime | None = None) -> Path:
    """An on-demand backup ("manuale"): into the district's folder, or to `out` (a file,
    or a folder to put it in). The file is inspected first, so a damaged one is reported
    as such; DistrictFileError or BackupFailed say why nothing was written."""
    path = Path(path).resolve()
    inspect_file(path)
    now = now or datetime.now()
    reserved: Path | None = None
    if out is not None:
        out = Path(out)
        if out.is_dir():
            try:
                out = reserved = reserve_name(out, path.stem, now, Reason.MANUAL)
            except OSError as exc:
                raise _failed(path, os_error_reason(exc)) from exc
        elif not out.parent.is_dir():
            raise _failed(path, _("{folder} non è una cartella").format(folder=out.parent))
    with _lock_if_free(path) as locked:
        if out is None:
            return take_backup(path, Reason.MANUAL, now=now, locked=locked)
        try:
            copy_district_file(path, out, source_locked=locked)
        except BaseException:
            drop_reservation(reserved)
            raise
    return out.resolve()


@contextlib.contextmanager
def _lock_if_free(path: Path) -> Iterator[bool]:
    """The file's lock if nobody holds it (True while held); False if it is open."""
    try:
        lock = take_lock(path, "")
    except (FileInUse, OSError):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def automatic_backup(
    path: Path,
    reason: Reason,
    report: Callable[[str], None],
    *,
    now: datetime | None = None,
    locked: bool = False,
) -> Path | None:
    """A backup that never raises: a failure is logged and its message given to `report`."""
    try:
        return take_backup(path, reason, now=now, locked=locked)
    except BackupFailed as exc:
        log.warning("%s", exc.message)
        report(exc.message)
    except Exception:
        log.exception("Backup of %s failed", path)
        report(_failed(Path(path), _("errore imprevisto (i dettagli sono nel registro)")).message)
    return None


def backup_on_opening(report: Callable[[str], None]) -> Callable[[Path, FileState], None]:
    """The hook for `open_workspace`: a backup before the file is opened (and upgraded)."""

    def hook(path: Path, state: FileState) -> None:
        if not state.needs_upgrade and unchanged_since_closing(path, backup_folder):
            log.info("%s is unchanged since its closing backup: none taken", path)
            return
        reason = Reason.BEFORE_UPGRADE if state.needs_upgrade else Reason.OPENING
        automatic_backup(path, reason, report, locked=True)

    return hook


def backup_on_closing(report: Callable[[str], None]) -> Callable[[Workspace], None]:
    """The hook for `Workspace.on_close`: a backup while the file is still locked.

    The engine is disposed first, which folds the WAL into the file, so the backup sees
    the file as it stays; its state is then recorded for the next opening (see
    `backup_freshness`) if nothing changed it while it was copied. A file left as the
    last closing backup holds it (opened only to read) needs no second copy."""

    def hook(workspace: Workspace) -> None:
        path = workspace.file.path
        if path is None:  # a district on a server: its administrator backs it up
            return
        workspace.file.engine.dispose()
        if unchanged_since_closing(path, backup_folder):
            log.info("%s is unchanged since its last closing backup: none taken", path)
            return
        before = file_stamp(path)
        backup = automatic_backup(path, Reason.CLOSING, report, locked=before is not None)
        if backup is not None and before is not None and file_stamp(path) == before:
            record_closing_state(path, backup, before)

    return hook
