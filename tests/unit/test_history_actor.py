"""Who the change history names: the actor given when the file is opened, written only
when it changes (opening a file to read it leaves it byte for byte as it was)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from desdesk.schemas import DistrictProfile
from desdesk.services.history import current_os_user
from desdesk.services.workspace import create_district, create_workspace, open_workspace
from tests.factories import member_input


def test_changes_carry_the_actor_of_the_opening_and_reopening_writes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "primiero.des"
    create_district(
        path, DistrictProfile(name="DES Primiero", kind="territoriale", territory="Primiero")
    )

    with open_workspace(path, actor="Anna Bianchi") as workspace:
        member = workspace.members.add(member_input("GAS Primiero"))
    before = path.read_bytes()
    with open_workspace(path, actor="Anna Bianchi") as workspace:
        rows = workspace.history.rows("member", member)
    assert path.read_bytes() == before
    assert [(r.action, r.actor, r.os_user) for r in rows] == [
        ("insert", "Anna Bianchi", current_os_user())
    ]

    with open_workspace(path) as workspace:  # the command line names nobody
        workspace.members.withdraw(member, rows[0].at.date(), "Trasferimento")
        latest = workspace.history.rows("member", member)[0]
    assert (latest.action_label, latest.actor) == ("Uscita dal distretto", "")


def test_a_district_created_for_a_secretary_names_her_from_the_first_change(
    tmp_path: Path,
) -> None:
    profile = DistrictProfile(name="DES Primiero", kind="territoriale", territory="Primiero")
    with create_workspace(tmp_path / "primiero.des", profile, actor="Anna Bianchi") as workspace:
        member = workspace.members.add(member_input("GAS Primiero"))
        [row] = workspace.history.rows("member", member)
    assert row.actor == "Anna Bianchi"


def test_a_history_left_off_by_a_crash_is_back_on_at_the_next_opening(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "primiero.des"
    create_district(
        path, DistrictProfile(name="DES Primiero", kind="territoriale", territory="Primiero")
    )
    # What a crash inside paused() leaves behind: the switch in the file, off.
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_actor SET enabled = 0 WHERE id = 1")
    conn.close()

    with caplog.at_level(logging.WARNING), open_workspace(path, actor="Anna") as workspace:
        assert workspace.history.enabled()
        member = workspace.members.add(member_input("GAS Primiero"))
        assert [r.action for r in workspace.history.rows("member", member)] == ["insert"]
    assert "history was switched off" in caplog.text

    before = path.read_bytes()
    with open_workspace(path, actor="Anna"):  # on already: nothing is written
        pass
    assert path.read_bytes() == before
