"""Where desdesk keeps its files.

Everything per-user lives under platformdirs' folders; `DESDESK_HOME` moves all of
them under one folder (tests and portable installs use it).
"""

from __future__ import annotations

import os
from pathlib import Path

from desdesk import APP_NAME

DISTRICT_SUFFIX = ".des"


def _home_override() -> Path | None:
    value = os.environ.get("DESDESK_HOME")
    return Path(value) if value else None


def _user_dir(name: str) -> Path:
    """The per-user folder `name` ("data", "config", "cache"): under DESDESK_HOME when
    set, else where platformdirs says the system keeps it; created if missing."""
    override = _home_override()
    if override is not None:
        path = override / name
    else:
        import platformdirs

        where = getattr(platformdirs, f"user_{name}_dir")
        path = Path(where(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_data_dir() -> Path:
    return _user_dir("data")


def user_config_dir() -> Path:
    return _user_dir("config")


def user_cache_dir() -> Path:
    """Copies that can be thrown away (e.g. PDFs handed to the system viewer)."""
    return _user_dir("cache")


def log_file() -> Path:
    """The file where unexpected errors are written (its path is shown to the user)."""
    folder = user_data_dir() / "log"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "desdesk.log"


def demo_district_file() -> Path:
    return user_data_dir() / f"distretto-demo{DISTRICT_SUFFIX}"


def resources_dir() -> Path:
    """Resources shipped with the app: inside the package when installed, else the repo's."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "resources"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def locale_dir() -> Path:
    return resources_dir() / "locale"
