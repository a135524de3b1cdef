"""Durability proven (issue 7, point 1): SIGKILL a process editing a district at random
moments; after every kill the file opens, is intact and holds every reported change.

`make test` kills 30 times; `make stress` sets DESDESK_KILLS=200 (DESDESK_KILL_SEED
picks another sequence of moments).
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from desdesk.services.workspace import open_workspace
from tests.durability.district import prepare
from tests.durability.kill import Ledger, Run, backups_intact, run_and_kill
from tests.factories import member_input

KILLS = int(os.environ.get("DESDESK_KILLS", "30"))
SEED = int(os.environ.get("DESDESK_KILL_SEED", "2026"))
EARLY_SHARE = 0.2  # kills timed from the start, not from the first edit


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_reported_change(tmp_path: Path) -> None:
    target = prepare(tmp_path / "distretto.des")
    ledger = Ledger(target)
    ledger.start()
    rng = random.Random(SEED)
    started = time.monotonic()
    in_flight = 0
    early = 0
    for kill in range(KILLS):
        seed = SEED * 1000 + kill
        if rng.random() < EARLY_SHARE:  # while it starts: backup, history, opening
            run = run_and_kill(target, seed, delay_s=rng.uniform(0.3, 1.0), early=True)
            early += 1
        else:
            run = run_and_kill(target, seed, delay_s=rng.uniform(0.02, 0.4))
        ledger.check(run)
        in_flight += run.in_flight is not None
    elapsed = time.monotonic() - started
    backups = backups_intact(target.path)
    assert backups > 0
    kinds = {kind for kind, _key in ledger.expected}
    assert kinds == {"member", "status", "movement"}  # every kind of edit was exercised
    assert ledger.verified >= KILLS  # the workers were editing, not only starting
    print(
        f"\nkill test: {KILLS} kills in {elapsed:.1f} s, {ledger.verified} reported edits "
        f"verified, {in_flight} kills with a call in flight, {early} kills while starting, "
        f"slowest reopen {ledger.slowest_open_s * 1000:.0f} ms, {backups} backups intact"
    )


def test_the_check_catches_a_lost_or_invented_change(tmp_path: Path) -> None:
    """The check is not vacuous: a promise the file does not keep fails it, and so does
    a row nobody announced."""
    target = prepare(tmp_path / "distretto.des")
    ledger = Ledger(target)
    ledger.start()
    member = next(key for kind, key in ledger.expected if kind == "member")
    lost = Run([("member", member, "Nome mai salvato")], None, "")
    with pytest.raises(AssertionError, match="reported changes missing"):
        ledger.check(lost)
    ledger.start()
    with open_workspace(target.path) as workspace:
        workspace.members.add(member_input("Aderente non annunciato", tax_code=""))
    with pytest.raises(AssertionError, match="rows nobody wrote"):
        ledger.check(Run([], None, ""))
