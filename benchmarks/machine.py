"""The machine the benchmarks ran on: CPU, cores, memory, system and library versions."""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import subprocess
from pathlib import Path


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine()
    for line in text.splitlines():
        key, _sep, value = line.partition(":")
        if key.strip() == "model name":
            return value.strip()
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        text = Path("/proc/meminfo").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    for line in text.splitlines():
        if line.startswith("MemTotal:"):
            kib = int(line.split()[1])
            return f"{kib / (1024 * 1024):.1f} GiB"
    return "unknown"


def _os() -> str:
    name = platform.system()
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return f"{name}, kernel {platform.release()}"


def soffice() -> str | None:
    """The LibreOffice command, or None where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_version() -> str | None:
    command = soffice()
    if command is None:
        return None
    try:
        done = subprocess.run(
            [command, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def description() -> list[str]:
    """Markdown bullet lines describing this machine and the stack's versions."""
    import PySide6
    import reportlab
    import sqlalchemy
    from PySide6.QtCore import qVersion

    office = libreoffice_version()
    return [
        f"- CPU: {_cpu_model()}, {os.cpu_count()} cores",
        f"- RAM: {_memory()}",
        f"- OS: {_os()}",
        f"- Python {platform.python_version()}, PySide6 {PySide6.__version__} "
        f"(Qt {qVersion()}), SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {sqlalchemy.__version__}, reportlab {reportlab.Version}",
        f"- LibreOffice: {office or 'not installed (its line is skipped)'}",
    ]
