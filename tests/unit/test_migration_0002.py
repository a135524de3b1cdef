"""A district file written before assemblies existed upgrades with its data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desdesk.db.schema import HEAD_REVISION
from desdesk.services.workspace import open_workspace
from tests.migrations import district_file_at


def _file_at_0001(path: Path) -> None:
    district_file_at(path, "0001_initial")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO district (name, kind, territory, mission, description, updated_at)"
            " VALUES ('DES Primiero', 'territoriale', 'Primiero', '', '', '2026-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO member (name, legal_form, nature_override_reason, tax_code, address,"
            " comune, provincia, cap, email, pec, phone, website, aes_subscriber, disciplinari,"
            " supply_chain_roles, leave_reason, notes, created_at, updated_at) VALUES"
            " ('GAS Primiero', 'gas', '', '00743110157', '', 'Primiero', 'TN', '', '', '', '',"
            " '', 0, '[]', '[\"consumo\"]', '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )


def test_0001_file_upgrades_to_head_keeping_members_and_gaining_settings(tmp_path: Path) -> None:
    path = tmp_path / "vecchio.des"
    _file_at_0001(path)
    with open_workspace(path) as workspace:
        assert [row.name for row in workspace.members.list_rows()] == ["GAS Primiero"]
        assert workspace.district.profile().name == "DES Primiero"
    with sqlite3.connect(path) as conn:
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
        )
        settings = conn.execute(
            "SELECT notice_days, first_call_quorum_percent, second_call_quorum_minimum,"
            " proxies_per_member, exclusion_threshold FROM district"
        ).fetchone()
        assert settings == (10, 50, 1, 3, 3)
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {
        "assembly",
        "agenda_item",
        "attendance",
        "guest",
        "minutes",
        "minutes_item",
        "task",
    } <= tables
    backups = list(tmp_path.glob("vecchio.des.pre-0001_initial*.bak"))
    assert len(backups) == 1
