"""Test helper: an empty district file stopped at an older Alembic revision."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

from desdesk.db.engine import make_engine
from desdesk.db.schema import APPLICATION_ID, MIGRATIONS_DIR


def district_file_at(path: Path, revision: str) -> None:
    """A marked district file whose schema is at `revision` (as an older desdesk wrote it)."""
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
