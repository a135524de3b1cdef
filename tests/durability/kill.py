"""The parent side of the kill test: run the worker, kill it, check its promises.

`Ledger` holds what the file must contain: every value a worker reported committed
(`ok` lines), updated after each check with what the file actually holds (a change in
flight when the worker died may or may not be there, and the next worker edits on top
of whichever it is).
"""

from __future__ import annotations

import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from desdesk.services.backups import district_backups
from desdesk.services.workspace import Workspace, open_workspace
from tests.durability.district import YEAR, Target

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 60

Key = tuple[str, str]  # (kind, key)


def canonical(kind: str, value: str) -> str:
    """Amounts compare as cents (`5` and `5.00` are the same amount)."""
    if kind == "movement":
        return str(Decimal(value).quantize(Decimal("0.01")))
    return value


@dataclass(frozen=True, slots=True)
class Run:
    """What one killed worker printed: its promises in order, and the change in flight."""

    promised: list[tuple[str, str, str]]
    in_flight: tuple[str, str, str] | None
    stderr: str


def parse(output: bytes, stderr: bytes) -> Run:
    promised: list[tuple[str, str, str]] = []
    in_flight: tuple[str, str, str] | None = None
    # A line cut by the kill has no newline: the call it announces did not return.
    for line in output.decode().splitlines(keepends=True):
        if not line.endswith("\n") or not line.startswith(("begin ", "ok ")):
            continue
        word, kind, key, value = line.rstrip("\n").split(" ", 3)
        if word == "begin":
            in_flight = (kind, key, canonical(kind, value))
        else:
            assert word == "ok", line
            promised.append((kind, key, canonical(kind, value)))
            in_flight = None
    return Run(promised, in_flight, stderr.decode(errors="replace"))


def run_and_kill(target: Target, seed: int, delay_s: float, early: bool = False) -> Run:
    """Start a worker, wait until it has the file open, let it edit for `delay_s`,
    SIGKILL it; `early`: kill it `delay_s` after it started, wherever it is (importing,
    backing the file up, opening it, editing). A worker that died on its own fails the
    test with its traceback."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.durability.worker", *target.argv(seed)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,  # unbuffered: communicate() must see every byte after readline()
    )
    try:
        assert child.stdout is not None
        if early:
            time.sleep(delay_s)
            first = b"ready\n"
        else:
            ready, _w, _x = select.select([child.stdout], [], [], READY_TIMEOUT_S)
            first = child.stdout.readline() if ready else b""
            if first == b"ready\n":
                time.sleep(delay_s)
    finally:
        child.send_signal(signal.SIGKILL)
        output, errors = child.communicate(timeout=30)
    run = parse(output, errors)
    assert first == b"ready\n", f"the worker did not start: {run.stderr}"
    assert child.returncode == -signal.SIGKILL, f"the worker died on its own: {run.stderr}"
    return run


@dataclass
class Ledger:
    target: Target
    expected: dict[Key, str] = field(default_factory=dict)
    verified: int = 0
    slowest_open_s: float = 0.0

    def start(self) -> None:
        with open_workspace(self.target.path) as workspace:
            self.expected = read_state(workspace, self.target)

    def check(self, run: Run) -> None:
        """The file after a kill: it opens at once (the dead worker's lock does not
        block), is intact, and holds every promise; nothing else changed but the one
        change in flight."""
        for kind, key, value in run.promised:
            self.expected[kind, key] = value
        started = time.monotonic()
        with open_workspace(self.target.path) as workspace:
            self.slowest_open_s = max(self.slowest_open_s, time.monotonic() - started)
            assert integrity(workspace) == (["ok"], [])
            actual = read_state(workspace, self.target)
        allowed = {key: {value} | in_flight_value(run, key) for key, value in self.expected.items()}
        wrong = {key: actual.get(key) for key in allowed if actual.get(key) not in allowed[key]}
        assert not wrong, f"reported changes missing or wrong: {wrong} (expected {allowed})"
        # The change in flight may have added one row: a new one, or a first status.
        explained = {
            (kind, key)
            for kind, key in actual.keys() - self.expected.keys()
            if run.in_flight in {(kind, "new", actual[kind, key]), (kind, key, actual[kind, key])}
        }
        extra = actual.keys() - self.expected.keys()
        assert len(extra) <= 1 and extra <= explained, f"rows nobody wrote: {extra}"
        self.verified += len(run.promised)
        self.expected = actual


def in_flight_value(run: Run, key: Key) -> set[str]:
    """The value the call in flight was writing to `key`, if it was: it may have been
    committed before the kill or not."""
    if run.in_flight is not None and run.in_flight[:2] == key:
        return {run.in_flight[2]}
    return set()


def backups_intact(path: Path) -> int:
    """Every backup the killed workers left is a whole, intact district file; how many."""
    entries = district_backups(path)
    for entry in entries:
        connection = sqlite3.connect(f"{entry.path.as_uri()}?mode=ro", uri=True)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",), entry
        finally:
            connection.close()
    return len(entries)


def integrity(workspace: Workspace) -> tuple[list[str], list[tuple[object, ...]]]:
    with workspace.file.engine.connect() as connection:
        check = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
        broken = [tuple(row) for row in connection.execute(text("PRAGMA foreign_key_check"))]
    return check, broken


def read_state(workspace: Workspace, target: Target) -> dict[Key, str]:
    """Every value the worker edits, keyed as its lines key them."""
    state: dict[Key, str] = {}
    for row in workspace.members.list_rows():
        state["member", str(row.id)] = row.name
    for call in workspace.attendance.roll_call(target.assembly_id):
        if call.status is not None:
            state["status", str(call.member_id)] = call.status
    for movement in workspace.budget.movements(YEAR):
        state["movement", str(movement.id)] = canonical("movement", str(movement.data.amount))
    return state
