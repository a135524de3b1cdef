"""A district file at 0002 upgrades: minutes gain an empty snapshot, the district a uid."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desdesk.db.models import District
from desdesk.db.schema import HEAD_REVISION
from desdesk.services.workspace import open_workspace
from tests.migrations import district_file_at


def _file_at_0002(path: Path) -> None:
    district_file_at(path, "0002_assemblies")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO district (name, kind, territory, mission, description, updated_at)"
            " VALUES ('DES Primiero', 'territoriale', 'Primiero', '', '', '2026-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO assembly (kind, open_to_public, status, title, first_call_date, place,"
            " remote_link, notes) VALUES ('ordinaria', 0, 'tenuta', '', '2026-03-10', 'Sala',"
            " '', '')"
        )
        conn.execute(
            "INSERT INTO minutes (assembly_id, revision, correction_reason, call_held, deserted,"
            " president, secretary, how_convened, opening_notes, closing_notes, approved_on)"
            " VALUES (1, 1, '', 'prima', 0, 'Anna', 'Bruno', '', '', '', '2026-04-01')"
        )


def test_0002_file_upgrades_keeping_minutes_and_giving_the_district_a_uid(
    tmp_path: Path,
) -> None:
    path = tmp_path / "vecchio.des"
    _file_at_0002(path)
    with open_workspace(path) as workspace:
        assert workspace.district.profile().name == "DES Primiero"
        minutes = workspace.minutes.revisions(1)
        assert [m.data.president for m in minutes] == ["Anna"]
    with sqlite3.connect(path) as conn:
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
        )
        (uid,) = conn.execute("SELECT uid FROM district").fetchone()
        (snapshot,) = conn.execute("SELECT snapshot FROM minutes").fetchone()
        notnull = {row[1]: row[3] for row in conn.execute("PRAGMA table_info(district)")}
    assert isinstance(uid, str) and len(uid) == 32
    int(uid, 16)
    assert snapshot is None
    assert notnull["uid"] == 1


def test_each_upgraded_district_gets_its_own_uid(tmp_path: Path) -> None:
    uids = []
    for name in ("uno.des", "due.des"):
        path = tmp_path / name
        _file_at_0002(path)
        with open_workspace(path):
            pass
        with sqlite3.connect(path) as conn:
            uids.append(conn.execute("SELECT uid FROM district").fetchone()[0])
    assert uids[0] != uids[1]


def test_a_new_district_row_gets_a_uid() -> None:
    first, second = District(name="A", kind="territoriale"), District(name="B", kind="territoriale")
    assert len(first.uid) == 32 and first.uid != second.uid
