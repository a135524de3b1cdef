"""User preferences (language, recent files, secretary's name, the mail server), kept as a
small JSON file. Never a password: that goes to the system keyring (services.mail_secrets)."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desdesk import paths
from desdesk.atomic import atomic_write

log = logging.getLogger(__name__)

MAX_RECENT_FILES = 10
SUPPORTED_LANGUAGES = ("it", "en")
SMTP_SECURITY = ("starttls", "ssl", "none")
DEFAULT_SMTP_PORT = 587
# Backup rotation (services/backups.py): the newest N, one a day, one a month.
DEFAULT_BACKUP_KEEP_LAST = 10
DEFAULT_BACKUP_KEEP_DAILY_DAYS = 30
DEFAULT_BACKUP_KEEP_MONTHLY_MONTHS = 12
MAX_BACKUP_KEEP = 1000


@dataclass
class Preferences:
    language: str = "it"
    recent_files: list[str] = field(default_factory=list)
    secretary_name: str = ""
    # Posta: where the e-mails to the Centro go and through which server.
    centro_email: str = ""
    sender_email: str = ""
    smtp_host: str = ""
    smtp_port: int = DEFAULT_SMTP_PORT
    smtp_security: str = "starttls"
    smtp_user: str = ""
    # Backups: how many the rotation keeps.
    backup_keep_last: int = DEFAULT_BACKUP_KEEP_LAST
    backup_keep_daily_days: int = DEFAULT_BACKUP_KEEP_DAILY_DAYS
    backup_keep_monthly_months: int = DEFAULT_BACKUP_KEEP_MONTHLY_MONTHS

    @property
    def last_file(self) -> Path | None:
        return Path(self.recent_files[0]) if self.recent_files else None

    def remember(self, file: Path | str) -> None:
        """Put `file` (or a server's address, shown without password) first in the
        recent files, without duplicates."""
        text = _recent_text(file)
        self.recent_files = [text] + [f for f in self.recent_files if f != text]
        del self.recent_files[MAX_RECENT_FILES:]

    def forget(self, file: Path | str) -> None:
        text = _recent_text(file)
        self.recent_files = [f for f in self.recent_files if f != text]


def _recent_text(file: Path | str) -> str:
    """A file's absolute path; a server's address as given (it has no password)."""
    if "://" in str(file):
        return str(file)
    return str(Path(file).resolve())


def preferences_file() -> Path:
    return paths.user_config_dir() / "preferences.json"


def load() -> Preferences:
    """Read the preferences; a missing or unreadable file gives the defaults."""
    file = preferences_file()
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("Preferences unreadable (%s), using defaults", exc)
        return Preferences()
    if not isinstance(raw, dict):
        log.warning("Preferences are not an object, using defaults")
        return Preferences()
    prefs = Preferences()
    if raw.get("language") in SUPPORTED_LANGUAGES:
        prefs.language = raw["language"]
    recent = raw.get("recent_files", [])
    if isinstance(recent, list):
        prefs.recent_files = [str(f) for f in recent][:MAX_RECENT_FILES]
    prefs.secretary_name = str(raw.get("secretary_name", ""))
    _load_mail(prefs, raw)
    _load_backups(prefs, raw)
    return prefs


def _load_backups(prefs: Preferences, raw: dict) -> None:
    """The rotation numbers; a missing or wrong one keeps its default (at least 1 kept)."""
    for name, lowest in (
        ("backup_keep_last", 1),
        ("backup_keep_daily_days", 0),
        ("backup_keep_monthly_months", 0),
    ):
        value = raw.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            continue
        if lowest <= value <= MAX_BACKUP_KEEP:
            setattr(prefs, name, value)


def _load_mail(prefs: Preferences, raw: dict) -> None:
    """The mail fields, each one that is missing or wrong left at its default (files
    written before they existed have none)."""
    for name in ("centro_email", "sender_email", "smtp_host", "smtp_user"):
        value = raw.get(name, "")
        setattr(prefs, name, value.strip() if isinstance(value, str) else "")
    port = raw.get("smtp_port", DEFAULT_SMTP_PORT)
    if isinstance(port, int) and not isinstance(port, bool) and 0 < port < 65536:
        prefs.smtp_port = port
    if raw.get("smtp_security") in SMTP_SECURITY:
        prefs.smtp_security = raw["smtp_security"]


def save(prefs: Preferences) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    data = json.dumps(asdict(prefs), ensure_ascii=False, indent=2)
    with atomic_write(preferences_file()) as handle:
        handle.write(data.encode("utf-8"))
