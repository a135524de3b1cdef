"""Migration 0007: the change log, its actor row and the triggers on every data table."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

from alembic import command
from alembic.config import Config
from sqlalchemy import LargeBinary
from sqlmodel import SQLModel

import desdesk.db.document_models
import desdesk.db.models
import desdesk.db.money_models  # noqa: F401  (registers the tables in the metadata)
from desdesk.db.audit import ACTIONS, UNLOGGED_COLUMNS, trigger_name
from desdesk.db.engine import make_engine
from desdesk.db.schema import HEAD_REVISION, MIGRATIONS_DIR
from desdesk.services.history import HistoryService
from desdesk.services.workspace import Workspace, open_workspace
from tests.factories import member_input
from tests.migrations import district_file_at

# Tables not logged on purpose: a mere link of a message to its attachments.
NOT_AUDITED = {"outbox_attachment"}
# Later migrations that recreated some tables' triggers with a new frozen list, oldest first.
LATER_LISTS = ("0008_personal_data",)


def _migration(name: str = "0007_history") -> ModuleType:
    path = Path(MIGRATIONS_DIR) / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"desdesk_migration_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_frozen_column_lists_equal_todays_tables() -> None:
    """If this fails a table gained, lost or renamed a column (or a new table appeared):
    add a migration that drops and recreates that table's triggers with the new list
    (desdesk.db.audit.drop_statements / trigger_statements), freeze it there and list
    the migration in LATER_LISTS: the latest migration's list of a table is the live one."""
    frozen = {
        table: sorted(columns)
        for name in ("0007_history", *LATER_LISTS)
        for table, _key, columns in _migration(name).AUDITED_TABLES
    }
    today = {
        name: sorted(
            c.name
            for c in table.columns
            if not isinstance(c.type, LargeBinary) and c.name not in UNLOGGED_COLUMNS
        )
        for name, table in SQLModel.metadata.tables.items()
        if name not in NOT_AUDITED
    }
    assert frozen == today


def test_head_has_the_log_the_actor_row_and_three_triggers_per_table(
    workspace: Workspace,
) -> None:
    audited = [table for table, _key, _columns in _migration().AUDITED_TABLES]
    with sqlite3.connect(workspace.path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(change_log)")}
        actor = conn.execute("SELECT id, enabled FROM audit_actor").fetchall()
    assert {"change_log", "audit_actor"} <= tables
    assert triggers == {trigger_name(t, a) for t in audited for a in ACTIONS}
    assert {"ix_change_log_record", "ix_change_log_at"} <= indexes
    assert actor == [(1, 1)]


def test_the_actor_table_holds_one_row_only(workspace: Workspace) -> None:
    with sqlite3.connect(workspace.path) as conn:
        try:
            conn.execute(
                "INSERT INTO audit_actor (id, actor, os_user, enabled) VALUES (2, '', '', 1)"
            )
        except sqlite3.IntegrityError:
            refused = True
        else:
            refused = False
    assert refused


def test_a_0006_file_upgrades_and_logs_from_then_on(tmp_path: Path) -> None:
    path = tmp_path / "vecchio.des"
    district_file_at(path, "0006_documents")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO district (uid, name, kind, territory, mission, description, updated_at,"
            " governance, business_plan, seat, comune) VALUES ('0f6c1e4a2b7d4c1e9a551d2e3f4a5b6c',"
            " 'DES Primiero', 'territoriale', 'Primiero', '', '', '2026-01-01 00:00:00', '', '{}',"
            " '', '')"
        )

    with open_workspace(path) as workspace:
        history = HistoryService(workspace.sessions)
        assert history.rows() == []  # what was there before is not invented as history
        history.set_actor("Marco Zeni", "marco")
        member_id = workspace.members.add(member_input())
        [row] = history.rows()
    assert (row.table, row.record_id, row.actor) == ("member", member_id, "Marco Zeni")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            HEAD_REVISION
        )


def test_downgrade_removes_the_log_and_its_triggers(tmp_path: Path) -> None:
    path = tmp_path / "giu.des"
    district_file_at(path, "0007_history")
    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006_documents")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        conn.execute("INSERT INTO guest (assembly_id, name, organisation) VALUES (1, 'a', '')")
    assert not {"change_log", "audit_actor"} & names
    assert not any(name.startswith("audit_") for name in names)
