"""A roll call killed mid-session (SIGKILL, as a crash or a dead battery) loses nothing:
every status whose `set_status` returned is in the file, and the file is intact."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desdesk.services.workspace import Workspace
from tests.roll_call_setup import add_members, insert_assembly

ROUNDS = 20
STATUSES = ("presente_titolare", "presente_supplente", "assente_giustificato", "assente")

CHILD = """
import sys
from desdesk.domain.enums import AttendanceStatus
from desdesk.services.workspace import open_workspace

path, assembly, first_round = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
statuses = [AttendanceStatus(s) for s in sys.argv[4].split(",")]
members = [int(m) for m in sys.argv[5].split(",")]
with open_workspace(path) as workspace:
    print("ready", flush=True)
    n = first_round
    while True:
        member = members[n % len(members)]
        status = statuses[n % len(statuses)]
        workspace.attendance.set_status(assembly, member, status)
        print(member, status.value, flush=True)
        n += 1
"""


def test_killed_roll_call_loses_no_recorded_status(
    workspace: Workspace, district_path: Path
) -> None:
    members = add_members(workspace, [f"Aderente {n:03d}" for n in range(60)])
    assembly = insert_assembly(workspace)
    workspace.close()
    rng = random.Random(3)
    reported: dict[int, str] = {}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for round_ in range(ROUNDS):
        args = [
            sys.executable,
            "-c",
            CHILD,
            str(district_path),
            str(assembly),
            str(round_ * 7),
            ",".join(STATUSES),
            ",".join(map(str, members)),
        ]
        child = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        output, _ = child.communicate()
        for line in output.splitlines():
            parts = line.split()
            if len(parts) == 2:  # a line cut by the kill is not a report
                reported[int(parts[0])] = parts[1]
    assert reported, "the child never recorded a status"
    connection = sqlite3.connect(district_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        saved = dict(
            connection.execute(
                "SELECT member_id, status FROM attendance WHERE assembly_id = ?", (assembly,)
            ).fetchall()
        )
    finally:
        connection.close()
    for member_id in reported:
        assert member_id in saved, f"status of member {member_id} lost"
    # The last reported status of a member may be followed by an unreported one the
    # child committed just before the kill; a status never reported is never required.
    assert set(saved.values()) <= set(STATUSES)
