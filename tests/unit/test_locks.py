"""Two windows, two processes, stale locks (issue 7, point 7).

A district file is open in one place at a time: a second window or process is refused
with FileInUse and a message in Italian; the OS drops the lock when its holder dies, so
a SIGKILLed desdesk never keeps the file shut.
"""

from __future__ import annotations

import select
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from desdesk.db.district_file import FileInUse
from desdesk.db.files import lock_path
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import create_district, open_workspace
from tests.factories import member_input

REPO = Path(__file__).resolve().parents[2]
IN_USE = "è già aperto in un'altra finestra o in un altro programma desdesk"


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "distretto.des"
    create_district(
        path, DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")
    )
    return path


def start_holder(path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.durability.holder", str(path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )


def first_line(child: subprocess.Popen[bytes], timeout_s: float = 60) -> str:
    assert child.stdout is not None
    ready, _w, _x = select.select([child.stdout], [], [], timeout_s)
    assert ready, "the other process did not answer in time"
    return child.stdout.readline().decode().strip()


def kill(child: subprocess.Popen[bytes]) -> None:
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


def holder_of(path: Path) -> subprocess.Popen[bytes]:
    child = start_holder(path)
    try:
        assert first_line(child) == "opened"
    except BaseException:
        kill(child)
        raise
    return child


def test_a_file_open_in_another_process_is_refused_here_and_in_a_third(district: Path) -> None:
    holder = holder_of(district)
    try:
        with pytest.raises(FileInUse) as refused:
            open_workspace(district)
        assert IN_USE in refused.value.message
        assert "distretto.des" in refused.value.message
        third = start_holder(district)
        answer = first_line(third)
        third.communicate(timeout=30)
        assert answer.startswith("refused FileInUse ")
        assert IN_USE in answer
    finally:
        kill(holder)


def test_after_the_holder_is_killed_the_file_opens_at_once(district: Path) -> None:
    holder = holder_of(district)
    kill(holder)
    assert lock_path(district).exists()  # the dead holder's lock file is still there
    started = time.monotonic()
    with open_workspace(district) as workspace:
        opened_in = time.monotonic() - started
        workspace.members.add(member_input("Cooperativa Dopo il Crash"))
    assert opened_in < 1.0  # no waiting for a timeout: the OS dropped the lock
    other = start_holder(district)  # and another process can too, once we closed it
    try:
        assert first_line(other) == "opened"
    finally:
        kill(other)


def test_a_refused_open_leaves_the_holders_lock_in_place(district: Path) -> None:
    """The refused window must not release or break the lock of the one that has it."""
    with open_workspace(district) as first:
        for _attempt in range(3):
            with pytest.raises(FileInUse):
                open_workspace(district)
        other = start_holder(district)
        answer = first_line(other)
        other.communicate(timeout=30)
        assert answer.startswith("refused FileInUse")
        first.members.add(member_input("Cooperativa Ancora Aperta", joined_on=date(2025, 1, 1)))
    with open_workspace(district) as again:
        assert [row.name for row in again.members.list_rows()] == ["Cooperativa Ancora Aperta"]


def test_of_processes_opening_together_exactly_one_gets_the_file(district: Path) -> None:
    children = [start_holder(district) for _ in range(4)]
    try:
        answers = [first_line(child) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                kill(child)
            else:
                child.communicate(timeout=30)
    assert answers.count("opened") == 1, answers
    assert all(a.startswith("refused FileInUse ") for a in answers if a != "opened"), answers


def test_a_leftover_lock_file_nobody_holds_does_not_block(district: Path) -> None:
    """E.g. copied along with the file from a laptop that crashed."""
    lock_path(district).write_text("12345\n", encoding="utf-8")
    with open_workspace(district) as workspace:
        assert workspace.members.count() == 0
    holder = holder_of(district)  # and then it works as a lock again
    try:
        with pytest.raises(FileInUse):
            open_workspace(district)
    finally:
        kill(holder)


def test_a_holder_that_closes_the_file_releases_it(district: Path) -> None:
    holder = holder_of(district)
    holder.communicate(timeout=30)  # closes its stdin: it closes the workspace and exits
    assert holder.returncode == 0
    with open_workspace(district) as workspace:
        assert workspace.members.count() == 0
