"""Migration 0009: edit counts added to a 0008 file, and taken away again, with the
change-log triggers of every table kept both ways."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

from desdesk.db.engine import make_engine
from desdesk.db.schema import MIGRATIONS_DIR
from tests.migrations import district_file_at

VERSIONED = ("district", "member", "referent", "office", "assembly", "minutes", "task", "movement")


def _triggers(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                (table,),
            ).fetchone()[0]
        )


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _to(path: Path, revision: str, *, down: bool = False) -> None:
    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_the_migration_lists_the_versioned_tables() -> None:
    spec = importlib.util.spec_from_file_location(
        "m0009", MIGRATIONS_DIR / "versions" / "0009_versions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.VERSIONED_TABLES == VERSIONED


def test_up_and_down_keep_every_trigger(tmp_path: Path) -> None:
    path = tmp_path / "vecchio.des"
    district_file_at(path, "0008_personal_data")
    _to(path, "0009_versions")
    for table in VERSIONED:
        assert "version" in _columns(path, table) and _triggers(path, table) == 3
    _to(path, "0008_personal_data", down=True)
    for table in VERSIONED:
        assert "version" not in _columns(path, table) and _triggers(path, table) == 3
