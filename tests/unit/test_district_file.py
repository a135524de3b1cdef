"""The district file: created at head, opened safely, refused untouched, locked, copied.

Every test works on real files in a temporary folder; "untouched" means the bytes of the
file are identical and nothing new appears beside it.
"""

from __future__ import annotations

import logging
import os
import select
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from stdnum import luhn

from desdesk.db import district_file
from desdesk.db.district_copies import copy_district_file, create_district_file
from desdesk.db.district_file import (
    DamagedFile,
    DistrictFileError,
    FileInUse,
    NewerVersionFile,
    NotADistrictFile,
    lock_path,
    migrate,
    open_district_file,
    sqlite_reason,
)
from desdesk.db.engine import make_engine
from desdesk.db.schema import APPLICATION_ID, HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR
from desdesk.schemas import DistrictProfile, MemberEntry
from desdesk.services.members import clean_member
from desdesk.services.workspace import create_workspace, open_workspace
from tests.factories import member_input, referent_input

TABLES = {"district", "member", "referent", "office", "objective", "founding_document"}
REPO = Path(__file__).resolve().parents[2]


def org_code(serial: int) -> str:
    """A valid organisation codice fiscale (office 022) for any serial from 1."""
    body = f"{serial:07d}022"
    return body + luhn.calc_check_digit(body)


def populated_district(path: Path, members: int = 60) -> list[str]:
    """A closed district file with `members` members and their referents; their names."""
    entries = [
        MemberEntry(
            member=clean_member(
                member_input(f"Aderente numero {n:04d}", tax_code=org_code(n), notes="x" * 200)
            ),
            primary=referent_input("Anna", f"Rossi{n}"),
        )
        for n in range(1, members + 1)
    ]
    with create_workspace(path, DistrictProfile(name="DES Prova", kind="tematico", sector=7)) as ws:
        ws.members.add_many(entries)
        names = [row.name for row in ws.members.list_rows()]
    return names


def snapshot(path: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and everything in its folder."""
    return path.read_bytes(), sorted(os.listdir(path.parent))


def sqlite_value(path: Path, sql: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def write_revision(path: Path, revision: str) -> None:
    """Change the recorded revision with plain sqlite3 and fold the WAL into the file."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder that holds nothing but what a test puts in it."""
    path = tmp_path / "files"
    path.mkdir()
    return path


@pytest.fixture
def new_file(folder: Path) -> Path:
    path = folder / "distretto.des"
    create_district_file(path)
    return path


@pytest.fixture
def opened_engine(new_file: Path) -> Iterator[Engine]:
    opened = open_district_file(new_file)
    yield opened.engine
    opened.close()


# a new file


def test_new_file_is_at_head_with_every_table(new_file: Path) -> None:
    assert sqlite_value(new_file, "SELECT version_num FROM alembic_version") == HEAD_REVISION
    tables = sqlite_value(
        new_file, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'"
    )
    assert set(str(tables).split(",")) >= TABLES


def test_new_file_is_marked_as_a_district_file_in_wal_mode(new_file: Path) -> None:
    assert sqlite_value(new_file, "PRAGMA application_id") == APPLICATION_ID
    assert sqlite_value(new_file, "PRAGMA journal_mode") == "wal"


def test_creation_leaves_only_the_file(folder: Path, new_file: Path) -> None:
    assert os.listdir(folder) == ["distretto.des"]


def test_every_connection_has_foreign_keys_and_full_sync(opened_engine: Engine) -> None:
    with opened_engine.connect() as first, opened_engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_known_revisions_are_alembics_in_order() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    oldest_first = [rev.revision for rev in script.walk_revisions()][::-1]
    assert list(KNOWN_REVISIONS) == oldest_first
    assert script.get_current_head() == HEAD_REVISION == KNOWN_REVISIONS[-1]


# migrations


def test_file_at_head_opens_without_running_alembic(
    new_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_migrate(_engine: Engine) -> None:
        raise AssertionError("migrate called on a file at head")

    monkeypatch.setattr(district_file, "migrate", must_not_migrate)
    with open_workspace(new_file) as ws:
        assert ws.district.objectives() == []


def test_file_at_an_older_revision_is_migrated_when_opened(
    new_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend this desdesk ships a second migration, so the file on disk is behind.
    calls: list[Engine] = []

    def recording_migrate(engine: Engine) -> None:
        calls.append(engine)
        migrate(engine)

    monkeypatch.setattr(district_file, "HEAD_REVISION", "0002_future")
    monkeypatch.setattr(district_file, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0002_future"))
    monkeypatch.setattr(district_file, "migrate", recording_migrate)
    opened = open_district_file(new_file)
    opened.close()
    assert len(calls) == 1


def test_migrate_brings_an_empty_marked_file_to_head(folder: Path) -> None:
    path = folder / "vuoto.des"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    engine = make_engine(path)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    assert sqlite_value(path, "SELECT version_num FROM alembic_version") == HEAD_REVISION
    tables = sqlite_value(path, "SELECT group_concat(name) FROM sqlite_master WHERE type='table'")
    assert set(str(tables).split(",")) >= TABLES
    # ... and the file now opens as a district, with its foreign keys in place.
    fks = sqlite_value(path, "SELECT count(*) FROM pragma_foreign_key_list('referent')")
    assert fks == 1
    open_district_file(path).close()


def test_migrate_twice_is_harmless(new_file: Path) -> None:
    engine = make_engine(new_file)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    assert sqlite_value(new_file, "SELECT count(*) FROM alembic_version") == 1


def test_newer_revision_is_refused_and_left_untouched(
    new_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_revision(new_file, "0099_from_the_future")
    before = snapshot(new_file)

    def must_not_migrate(_engine: Engine) -> None:
        raise AssertionError("migrate called on a newer file")

    monkeypatch.setattr(district_file, "migrate", must_not_migrate)
    with pytest.raises(NewerVersionFile) as exc:
        open_workspace(new_file)
    assert "versione più recente" in exc.value.message
    assert "non è stato modificato" in exc.value.message
    assert snapshot(new_file) == before
    assert not lock_path(new_file).exists()


def test_newer_revision_is_refused_again_and_still_untouched(new_file: Path) -> None:
    write_revision(new_file, "0099_from_the_future")
    before = snapshot(new_file)
    for _attempt in range(2):
        with pytest.raises(NewerVersionFile):
            open_district_file(new_file)
    assert snapshot(new_file) == before


def test_newer_revision_still_in_the_wal_of_a_crash_is_seen_and_refused(
    new_file: Path, folder: Path
) -> None:
    # A newer desdesk migrated the file and was killed before folding the WAL back:
    # the main file still says our revision, the WAL says the newer one.
    crashed = folder / "crash"
    crashed.mkdir()
    conn = sqlite3.connect(new_file)
    try:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.commit()
        for suffix in ("", "-wal"):
            (crashed / f"distretto.des{suffix}").write_bytes(
                Path(f"{new_file}{suffix}").read_bytes()
            )
    finally:
        conn.close()
    path = crashed / "distretto.des"
    main_before, wal_before = path.read_bytes(), Path(f"{path}-wal").read_bytes()
    assert len(wal_before) > 0
    with pytest.raises(NewerVersionFile):
        open_workspace(path)
    assert path.read_bytes() == main_before
    assert Path(f"{path}-wal").read_bytes() == wal_before


# files that are not district files, or are damaged


def test_other_programs_sqlite_file_is_not_a_district_file(folder: Path) -> None:
    path = folder / "rubrica.des"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE contact (name TEXT)")
    conn.execute("INSERT INTO contact VALUES ('Mario')")
    conn.commit()
    conn.close()
    before = snapshot(path)
    with pytest.raises(NotADistrictFile) as exc:
        open_workspace(path)
    assert "rubrica.des non è un file di distretto" in exc.value.message
    assert snapshot(path) == before


@pytest.mark.parametrize(
    "content",
    [b"", b"denominazione;codice_fiscale\nCoop;00743110157\n", bytes(range(256)) * 64],
    ids=["empty", "text", "binary"],
)
def test_non_sqlite_file_is_not_a_district_file(folder: Path, content: bytes) -> None:
    path = folder / "soci.des"
    path.write_bytes(content)
    before = snapshot(path)
    with pytest.raises(NotADistrictFile):
        open_workspace(path)
    assert snapshot(path) == before


def test_missing_file_is_refused(folder: Path) -> None:
    with pytest.raises(DistrictFileError) as exc:
        open_workspace(folder / "manca.des")
    assert "non esiste" in exc.value.message
    assert os.listdir(folder) == []


def test_damaged_file_is_refused_and_untouched(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = folder / "distretto.des"
    populated_district(path)
    page_size = int(str(sqlite_value(path, "PRAGMA page_size")))
    assert path.stat().st_size > 6 * page_size
    data = bytearray(path.read_bytes())
    garbage = bytes((n * 37 + 11) % 256 for n in range(3 * page_size))
    data[2 * page_size : 5 * page_size] = garbage
    path.write_bytes(bytes(data))
    before = snapshot(path)
    with caplog.at_level(logging.WARNING), pytest.raises(DamagedFile) as exc:
        open_workspace(path)
    # Plain Italian for the user; SQLite's English reason only in the log.
    assert exc.value.message == "Il file distretto.des è danneggiato e non può essere aperto."
    assert "distretto.des is damaged" in caplog.text
    assert snapshot(path) == before


def test_truncated_file_is_refused_and_untouched(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = folder / "distretto.des"
    populated_district(path)
    page_size = int(str(sqlite_value(path, "PRAGMA page_size")))
    path.write_bytes(path.read_bytes()[: 2 * page_size])
    before = snapshot(path)
    # Still marked as a district file in its header: damaged, not "not a district file".
    with caplog.at_level(logging.WARNING), pytest.raises(DamagedFile) as exc:
        open_workspace(path)
    assert exc.value.message == "Il file distretto.des è danneggiato e non può essere aperto."
    assert "malformed" in caplog.text or "not a database" in caplog.text
    assert snapshot(path) == before


def test_file_whose_quick_check_fails_is_damaged(folder: Path) -> None:
    # A wrong free-page count in the header: SQLite reads the file, quick_check objects.
    path = folder / "distretto.des"
    populated_district(path, members=5)
    data = bytearray(path.read_bytes())
    data[36:40] = (5).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    before = snapshot(path)
    with pytest.raises(DamagedFile) as exc:
        open_workspace(path)
    assert exc.value.message == "Il file distretto.des è danneggiato e non può essere aperto."
    assert snapshot(path) == before


def test_populated_file_passes_inspection_before_damage(folder: Path) -> None:
    # The control for the two tests above: the same file, undamaged, opens.
    path = folder / "distretto.des"
    names = populated_district(path)
    with open_workspace(path) as ws:
        assert [row.name for row in ws.members.list_rows()] == names
        assert len(names) == 60


# locking


def test_file_open_in_this_process_is_in_use_until_closed(new_file: Path) -> None:
    first = open_workspace(new_file)
    try:
        with pytest.raises(FileInUse) as exc:
            open_workspace(new_file)
        assert "già aperto" in exc.value.message
        assert new_file.name in exc.value.message
    finally:
        first.close()
    second = open_workspace(new_file)
    second.close()
    second.close()  # closing twice is harmless


def test_lock_of_a_killed_process_does_not_block(new_file: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r})
        from pathlib import Path
        from desdesk.services.workspace import open_workspace
        ws = open_workspace(Path({str(new_file)!r}))
        print("ok", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert child.stdout is not None
        ready, _w, _x = select.select([child.stdout], [], [], 60)
        assert ready, "the child did not open the file in time"
        assert child.stdout.readline().strip() == b"ok"
        with pytest.raises(FileInUse):
            open_workspace(new_file)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -9
    with open_workspace(new_file) as ws:
        assert ws.members.count() == 0


# creating and copying


def test_create_refuses_an_existing_path_and_leaves_it_untouched(folder: Path) -> None:
    path = folder / "distretto.des"
    path.write_text("appunti della segreteria\n", encoding="utf-8")
    before = snapshot(path)
    with pytest.raises(DistrictFileError) as exc:
        create_district_file(path)
    assert "esiste già" in exc.value.message
    assert snapshot(path) == before


def test_create_refuses_an_existing_district_file(new_file: Path) -> None:
    before = snapshot(new_file)
    with pytest.raises(DistrictFileError):
        create_district_file(new_file)
    assert snapshot(new_file) == before


def test_create_in_a_missing_folder_is_refused(folder: Path) -> None:
    with pytest.raises(DistrictFileError) as exc:
        create_district_file(folder / "manca" / "distretto.des")
    assert "non esiste" in exc.value.message


def test_copy_opens_as_a_district_with_the_same_members(folder: Path) -> None:
    source = folder / "distretto.des"
    names = populated_district(source, members=5)
    copy = folder / "copia.des"
    with open_workspace(source) as ws:
        ws.save_copy(copy)
        assert sorted(os.listdir(folder)) == [
            ".copia.des.lock",  # the copy held the destination's lock while it wrote
            ".distretto.des.lock",
            "copia.des",
            "distretto.des",
            "distretto.des-shm",
            "distretto.des-wal",
        ]
        # The copy can be opened while the original is still open.
        with open_workspace(copy) as copied:
            assert [row.name for row in copied.members.list_rows()] == names
            assert copied.district.profile().name == "DES Prova"
            assert copied.referents.list_all()[0].first_name == "Anna"
    assert sqlite_value(copy, "PRAGMA application_id") == APPLICATION_ID


def test_copy_onto_an_existing_file_replaces_it(new_file: Path, folder: Path) -> None:
    destination = folder / "vecchia.des"
    destination.write_text("vecchio contenuto", encoding="utf-8")
    copy_district_file(new_file, destination)
    assert sqlite_value(destination, "PRAGMA application_id") == APPLICATION_ID


def test_copy_onto_itself_is_refused(folder: Path) -> None:
    path = folder / "distretto.des"
    names = populated_district(path, members=3)
    with open_workspace(path) as ws:
        for same in (path, folder / "." / "distretto.des"):
            with pytest.raises(DistrictFileError) as exc:
                ws.save_copy(same)
            assert "nome diverso" in exc.value.message
        assert [row.name for row in ws.members.list_rows()] == names


@pytest.mark.parametrize(
    ("english", "italian"),
    [
        ("database or disk is full", "il disco è pieno"),
        ("attempt to write a readonly database", "il file o la cartella è in sola lettura"),
        ("disk I/O error", "errore di lettura o scrittura sul disco"),
        ("database is locked", "il file è in uso in un altro programma"),
        ("database disk image is malformed", "il file è danneggiato"),
        ("something SQLite never said", "errore del database"),
    ],
)
def test_sqlite_reasons_reach_the_user_in_italian(
    english: str, italian: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert sqlite_reason(sqlite3.OperationalError(english)) == italian
    assert english in caplog.text
