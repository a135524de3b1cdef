"""What each backup holds, read from the backup itself (read-only): the list the restore
dialog and `desdesk backups` show, and the newest backup that is good to restore."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desdesk.db.backup_files import FileFacts, file_facts
from desdesk.db.district_file import DistrictFileError, inspect_file
from desdesk.domain.progress import report
from desdesk.i18n import _, format_date, ngettext
from desdesk.services.backups import BackupEntry, district_backups

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackupSummary:
    entry: BackupEntry
    facts: FileFacts | None  # None: the backup could not be read
    last_change: datetime | None  # local time

    @property
    def path(self) -> Path:
        return self.entry.path

    def describe(self) -> str:
        """One line in Italian: members, assemblies, last change (or why it is unreadable)."""
        if self.facts is None:
            return _("non leggibile")
        parts = [
            ngettext(
                "{n} aderente attivo", "{n} aderenti attivi", self.facts.active_members
            ).format(n=self.facts.active_members),
            ngettext("{n} assemblea", "{n} assemblee", self.facts.assemblies).format(
                n=self.facts.assemblies
            ),
        ]
        if self.last_change is not None:
            parts.append(
                _("ultima modifica {when}").format(when=format_date_time(self.last_change))
            )
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        facts = self.facts
        return {
            "path": str(self.entry.path),
            "taken_at": self.entry.taken_at.isoformat(timespec="seconds"),
            "reason": self.entry.reason.value,
            "size": self.entry.size,
            "readable": facts is not None,
            "district": facts.district_name if facts else None,
            "active_members": facts.active_members if facts else None,
            "assemblies": facts.assemblies if facts else None,
            "last_change": self.last_change.isoformat(timespec="seconds")
            if self.last_change
            else None,
            "revision": facts.revision if facts else None,
        }


def format_date_time(moment: datetime) -> str:
    return f"{format_date(moment)} {moment:%H:%M}"


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return _("{n} kB").format(n=max(1, round(size / 1024)))
    return _("{n} MB").format(n=f"{size / (1024 * 1024):.1f}".replace(".", ","))


def _local(stored: str | None) -> datetime | None:
    """A stored UTC timestamp (`2026-11-26 10:30:00.000000`) in local time."""
    if not stored:
        return None
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


def summarize(entry: BackupEntry) -> BackupSummary:
    try:
        facts = file_facts(entry.path)
    except sqlite3.Error as exc:
        log.warning("Backup %s unreadable: %s", entry.path, exc)
        return BackupSummary(entry, None, None)
    return BackupSummary(entry, facts, _local(facts.last_change))


def list_backups(path: Path) -> list[BackupSummary]:
    """The backups of the district file at `path`, newest first, each with its summary
    (each backup is opened: a long job's progress is reported, and may stop it)."""
    entries = district_backups(path)
    summaries = []
    for done, entry in enumerate(entries):
        report(done, len(entries))
        summaries.append(summarize(entry))
    return summaries


def newest_good_backup(path: Path) -> BackupEntry | None:
    """The newest backup of `path` that passes inspection (intact, a district file)."""
    for entry in district_backups(path):
        try:
            inspect_file(entry.path)
        except DistrictFileError as exc:
            log.warning("Backup %s not usable: %s", entry.path, exc)
            continue
        return entry
    return None
