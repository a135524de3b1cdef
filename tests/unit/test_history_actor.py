"""Who the change history names: the actor given when the file is opened, written only
when it changes (opening a file to read it leaves it byte for byte as it was)."""

from __future__ import annotations

from pathlib import Path

from desdesk.schemas import DistrictProfile
from desdesk.services.history import current_os_user
from desdesk.services.workspace import create_district, open_workspace
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
