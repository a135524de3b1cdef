"""`desdesk --quit-after-startup`, as smoke tests, benchmarks and packaging run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desdesk.schemas import DistrictProfile
from desdesk.services.members import clean_member
from desdesk.services.workspace import create_workspace
from tests.factories import member_input


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desdesk", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_quit_after_startup_opens_the_file_and_exits_0(tmp_path: Path, desdesk_home: Path) -> None:
    path = tmp_path / "des.des"
    with create_workspace(
        path, DistrictProfile(name="DES Prova", kind="tematico", sector=13)
    ) as ws:
        ws.members.add(clean_member(member_input()))
    result = _run("--quit-after-startup", str(path), home=desdesk_home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_quit_after_startup_on_a_foreign_file_exits_1_with_a_message(
    tmp_path: Path, desdesk_home: Path
) -> None:
    path = tmp_path / "foto.des"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    result = _run("--quit-after-startup", str(path), home=desdesk_home)
    assert result.returncode == 1
    assert "non è un file di distretto" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == b"\x89PNG\r\n\x1a\n" + b"\0" * 100


def test_version_and_usage_errors(desdesk_home: Path) -> None:
    version = _run("--version", home=desdesk_home)
    assert version.returncode == 0 and version.stdout.startswith("desdesk ")
    usage = _run("--quit-after-startup", "--nonsense", home=desdesk_home)
    assert usage.returncode == 2
    assert "argomenti non riconosciuti" in usage.stderr


# Imported when first needed, never to paint the member register: the PDF and
# spreadsheet stacks, migrations, the district check's types, and the restore and
# long-job machinery of the GUI.
NOT_AT_START = (
    "reportlab",
    "pypdf",
    "openpyxl",
    "alembic",
    "desdesk.reports",
    "desdesk.domain.check_types",
    "desdesk.services.backup_restore",
    "desdesk.services.backup_summary",
    "desdesk.ui.long_job",
    "desdesk.ui.dialogs.restore",
)


def test_the_start_path_leaves_the_heavy_modules_for_later(
    tmp_path: Path, desdesk_home: Path
) -> None:
    path = tmp_path / "des.des"
    with create_workspace(path, DistrictProfile(name="DES Prova", kind="tematico", sector=13)):
        pass
    env = {**os.environ, "DESDESK_HOME": str(desdesk_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desdesk", "--quit-after-startup", str(path)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "desdesk.ui.main_window" in imported  # the list is the start's
    early = sorted(
        name
        for name in imported
        for lazy in NOT_AT_START
        if name == lazy or name.startswith(lazy + ".")
    )
    assert early == []
