"""Upgrading a district file: one transaction, after a backup beside the file.

A fake second migration is written into a copy of the shipped Alembic scripts in a
temporary folder, and desdesk is told (as the other migration tests do) that its head
is that revision: the district file on disk is then one revision behind.
"""

from __future__ import annotations

import os
import select
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from desdesk.db import district_file
from desdesk.db.district_copies import create_district_file
from desdesk.db.district_file import (
    DistrictFileError,
    MigrationFailed,
    backup_path,
    open_district_file,
)
from desdesk.db.engine import make_engine
from desdesk.db.schema import APPLICATION_ID, HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR
from desdesk.services.workspace import open_workspace
from tests.factories import VALID_ORG_CODES, member_input

NEXT = "0099_next"
REPO = Path(__file__).resolve().parents[2]

GOOD = """
    op.create_table("experiment", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO experiment (id) VALUES (1)")
"""
# DDL first (which the driver alone would have committed at once), then a failure.
BROKEN = """
    op.create_table("experiment", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("member", sa.Column("extra", sa.String(), nullable=True))
    raise RuntimeError("migration failed halfway")
"""


def write_next_revision(tmp_path: Path, upgrade: str) -> Path:
    """A copy of the shipped migrations plus one more after the head, with `upgrade`."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / f"{NEXT}.py").write_text(
        textwrap.dedent(
            f"""
            import sqlalchemy as sa
            from alembic import op

            revision = {NEXT!r}
            down_revision = {HEAD_REVISION!r}
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
            """
        )
        + textwrap.indent(textwrap.dedent(upgrade).strip(), "    ")
        + "\n",
        encoding="utf-8",
    )
    return scripts


def ship_next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgrade: str) -> None:
    """Make this desdesk ship one more migration after the real head, with `upgrade`."""
    scripts = write_next_revision(tmp_path, upgrade)
    monkeypatch.setattr(district_file, "MIGRATIONS_DIR", scripts)
    monkeypatch.setattr(district_file, "HEAD_REVISION", NEXT)
    monkeypatch.setattr(district_file, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, NEXT))


def sqlite_value(path: Path, sql: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def tables(path: Path) -> set[str]:
    names = sqlite_value(path, "SELECT group_concat(name) FROM sqlite_master WHERE type='table'")
    return set(str(names).split(","))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "files"
    path.mkdir()
    return path


@pytest.fixture
def district(folder: Path) -> Path:
    """A closed district file at the real head, with one member."""
    path = folder / "distretto.des"
    create_district_file(path)
    with open_workspace(path) as ws:
        ws.members.add(member_input("Coop Val di Non"))
    return path


# the engine: real transactions


def test_ddl_in_a_failed_transaction_is_rolled_back(district: Path) -> None:
    engine = make_engine(district)
    try:
        with pytest.raises(RuntimeError), engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE scratch (id INTEGER)")
            conn.exec_driver_sql("ALTER TABLE member ADD COLUMN extra TEXT")
            raise RuntimeError("stop")
    finally:
        engine.dispose()
    assert "scratch" not in tables(district)
    columns = sqlite_value(district, "SELECT group_concat(name) FROM pragma_table_info('member')")
    assert "extra" not in str(columns).split(",")


def test_a_service_write_is_committed_and_leaves_no_transaction_open(district: Path) -> None:
    with open_workspace(district) as ws:
        ws.members.add(member_input("Cooperativa Sociale Rovereto", tax_code=VALID_ORG_CODES[1]))
        # A fresh connection sees it, and can write at once: no lock is left held.
        conn = sqlite3.connect(district, timeout=0)
        try:
            names = [row[0] for row in conn.execute("SELECT name FROM member ORDER BY name")]
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
        finally:
            conn.close()
        assert names == ["Coop Val di Non", "Cooperativa Sociale Rovereto"]
        # ... and so does a connection of the engine, which is in no transaction between calls.
        with ws.file.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM member")).scalar() == 2
    assert sqlite_value(district, "SELECT count(*) FROM member") == 2


# a failed upgrade


def test_a_failed_upgrade_leaves_the_file_byte_identical_at_its_revision(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = district.read_bytes()
    ship_next_revision(tmp_path, monkeypatch, BROKEN)

    with pytest.raises(MigrationFailed) as exc:
        open_district_file(district)

    assert "Non riesco ad aggiornare distretto.des" in exc.value.message
    assert "non è stato modificato" in exc.value.message
    assert district.read_bytes() == before
    assert not Path(f"{district}-wal").exists()
    # Nothing of the migration is in the file, through SQLite either.
    assert "experiment" not in tables(district)
    assert sqlite_value(district, "SELECT version_num FROM alembic_version") == HEAD_REVISION
    monkeypatch.undo()
    with open_workspace(district) as ws:
        assert [row.name for row in ws.members.list_rows()] == ["Coop Val di Non"]


def test_a_failed_upgrade_can_be_tried_again_and_releases_the_file(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship_next_revision(tmp_path, monkeypatch, BROKEN)
    for _attempt in range(2):
        with pytest.raises(MigrationFailed):
            open_district_file(district)
    assert sorted(os.listdir(district.parent)) == [
        ".distretto.des.lock",
        "distretto.des",
        f"distretto.des.pre-{HEAD_REVISION}.bak",
    ]


# the backup before an upgrade


def test_an_upgrade_first_copies_the_file_aside(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship_next_revision(tmp_path, monkeypatch, GOOD)

    open_district_file(district).close()

    backup = backup_path(district, HEAD_REVISION)
    assert backup == district.with_name(f"distretto.des.pre-{HEAD_REVISION}.bak")
    # The copy: a whole district at the old revision, in one file.
    assert sqlite_value(backup, "PRAGMA application_id") == APPLICATION_ID
    assert sqlite_value(backup, "SELECT version_num FROM alembic_version") == HEAD_REVISION
    assert sqlite_value(backup, "SELECT name FROM member") == "Coop Val di Non"
    assert sqlite_value(backup, "PRAGMA journal_mode") == "delete"
    assert "experiment" not in tables(backup)
    # The file: upgraded.
    assert sqlite_value(district, "SELECT version_num FROM alembic_version") == NEXT
    assert sqlite_value(district, "SELECT count(*) FROM experiment") == 1


def test_a_file_at_head_is_not_copied(district: Path) -> None:
    open_district_file(district).close()
    assert not any(name.endswith(".bak") for name in os.listdir(district.parent))


def test_no_backup_no_upgrade(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = district.read_bytes()
    ship_next_revision(tmp_path, monkeypatch, GOOD)
    backup_path(district, HEAD_REVISION).mkdir()  # the backup cannot be written there

    with pytest.raises(DistrictFileError) as exc:
        open_district_file(district)

    assert "copia di sicurezza" in exc.value.message
    assert "non è stato modificato" in exc.value.message
    assert district.read_bytes() == before
    assert sqlite_value(district, "SELECT version_num FROM alembic_version") == HEAD_REVISION


# Blocks after its DDL until the process is killed.
STALLED = """
    import time
    op.create_table("experiment", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("member", sa.Column("extra", sa.String(), nullable=True))
    print("ddl done", flush=True)
    time.sleep(120)
"""


def test_an_upgrade_killed_halfway_leaves_the_file_at_its_revision(
    district: Path, tmp_path: Path
) -> None:
    before = district.read_bytes()
    scripts = write_next_revision(tmp_path, STALLED)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from desdesk.db import district_file
        district_file.MIGRATIONS_DIR = Path({str(scripts)!r})
        district_file.HEAD_REVISION = {NEXT!r}
        district_file.KNOWN_REVISIONS = (*district_file.KNOWN_REVISIONS, {NEXT!r})
        district_file.open_district_file(Path({str(district)!r}))
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert child.stdout is not None
        ready, _w, _x = select.select([child.stdout], [], [], 60)
        assert ready, "the child did not reach the middle of the upgrade in time"
        assert child.stdout.readline().strip() == b"ddl done"
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -9
    assert district.read_bytes() == before
    with open_workspace(district) as ws:  # this desdesk's head: the file needs nothing
        assert [row.name for row in ws.members.list_rows()] == ["Coop Val di Non"]
    assert "experiment" not in tables(district)
    columns = sqlite_value(district, "SELECT group_concat(name) FROM pragma_table_info('member')")
    assert "extra" not in str(columns).split(",")
    assert sqlite_value(district, "SELECT version_num FROM alembic_version") == HEAD_REVISION


# Rebuild the parent table the way Alembic's batch mode does on SQLite (copy, drop,
# rename): with foreign keys on, dropping `member` would cascade its referents away.
REBUILD_MEMBER = """
    with op.batch_alter_table("member", recreate="always") as batch:
        batch.add_column(sa.Column("extra", sa.String(), nullable=True))
"""


def test_an_upgrade_that_rebuilds_a_parent_table_keeps_its_children(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desdesk.domain.enums import ReferentKind
    from tests.factories import referent_input

    with open_workspace(district) as ws:
        member_id = ws.members.list_rows()[0].id
        ws.referents.set_referent(member_id, ReferentKind.PRIMARY, referent_input())
    ship_next_revision(tmp_path, monkeypatch, REBUILD_MEMBER)
    opened = open_district_file(district)  # upgrades
    try:
        with opened.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM referent")).scalar_one() == 1
            assert (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == NEXT
            )
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        opened.close()
