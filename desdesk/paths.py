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


def user_data_dir() -> Path:
    override = _home_override()
    if override is not None:
        path = override / "data"
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    override = _home_override()
    if override is not None:
        path = override / "config"
    else:
        import platformdirs

        path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    """Copies that can be thrown away (e.g. PDFs handed to the system viewer)."""
    override = _home_override()
    if override is not None:
        path = override / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


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
