"""desdesk.atomic and its users: a file is replaced whole, or left as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desdesk import settings
from desdesk.atomic import atomic_replace, atomic_write
from desdesk.domain.errors import DesdeskError
from desdesk.services.documents import DocumentWriteError
from desdesk.services.workspace import Workspace
from tests.factories import member_input


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "cartella"
    path.mkdir()
    return path


def disk_full(_fd: int) -> None:
    raise OSError(28, "No space left on device")


# atomic_write


def test_a_new_file_is_written_whole_and_readable_by_others(folder: Path) -> None:
    target = folder / "nuovo.txt"
    with atomic_write(target) as handle:
        handle.write(b"contenuto")
    assert target.read_bytes() == b"contenuto"
    assert target.stat().st_mode & 0o777 == 0o644
    assert os.listdir(folder) == ["nuovo.txt"]


def test_a_replaced_file_keeps_its_permissions(folder: Path) -> None:
    target = folder / "privato.txt"
    target.write_bytes(b"vecchio")
    target.chmod(0o600)
    with atomic_write(target) as handle:
        handle.write(b"nuovo")
    assert target.read_bytes() == b"nuovo"
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failure_in_the_block_leaves_the_old_file_and_no_temporary(folder: Path) -> None:
    target = folder / "dati.txt"
    target.write_bytes(b"vecchio")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write(b"mezzo")
        raise RuntimeError("interrotto")
    assert target.read_bytes() == b"vecchio"
    assert os.listdir(folder) == ["dati.txt"]


def test_a_failed_flush_to_disk_leaves_the_old_file_and_no_temporary(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "dati.txt"
    target.write_bytes(b"vecchio")
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError), atomic_write(target) as handle:
        handle.write(b"nuovo")
    assert target.read_bytes() == b"vecchio"
    assert os.listdir(folder) == ["dati.txt"]


def test_the_file_and_its_folder_are_flushed_to_disk(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    with atomic_write(folder / "dati.txt") as handle:
        handle.write(b"x")
    assert len(synced) == (2 if os.name == "posix" else 1)


def test_a_missing_folder_raises_and_creates_nothing(folder: Path) -> None:
    with pytest.raises(FileNotFoundError), atomic_write(folder / "manca" / "dati.txt"):
        pass
    assert os.listdir(folder) == []


# atomic_replace: for writers that need a file name


def test_atomic_replace_gives_a_writer_a_name_beside_the_target(folder: Path) -> None:
    target = folder / "copia.sqlite"
    with atomic_replace(target) as temporary:
        assert temporary.parent == folder
        conn = sqlite3.connect(temporary)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    assert os.listdir(folder) == ["copia.sqlite"]
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    conn.close()


def test_atomic_replace_removes_the_temporary_on_failure(folder: Path) -> None:
    with pytest.raises(RuntimeError), atomic_replace(folder / "copia.sqlite") as temporary:
        temporary.write_bytes(b"mezzo")
        raise RuntimeError("interrotto")
    assert os.listdir(folder) == []


# the users


def test_preferences_are_written_atomically(monkeypatch: pytest.MonkeyPatch) -> None:
    prefs = settings.Preferences(language="en", secretary_name="Chiara")
    settings.save(prefs)
    file = settings.preferences_file()
    before = file.read_bytes()
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        settings.save(settings.Preferences(language="it"))
    assert file.read_bytes() == before
    assert os.listdir(file.parent) == [file.name]
    assert settings.load().secretary_name == "Chiara"


def test_an_export_keeps_the_permissions_of_the_file_it_replaces(
    workspace: Workspace, folder: Path
) -> None:
    workspace.members.add(member_input())
    out = folder / "aderenti.csv"
    out.write_text("vecchio")
    out.chmod(0o600)
    workspace.member_io.export(out)
    assert out.stat().st_mode & 0o777 == 0o600
    assert "Cooperativa Sociale La Rete" in out.read_text(encoding="utf-8-sig")


def test_an_export_is_flushed_to_disk_before_it_replaces_the_old_file(
    workspace: Workspace, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.members.add(member_input())
    out = folder / "aderenti.xlsx"
    out.write_bytes(b"vecchio")
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DesdeskError) as exc:
        workspace.member_io.export(out)
    assert exc.value.message == f"Non riesco a scrivere “{out}”: il disco è pieno"
    assert out.read_bytes() == b"vecchio"
    assert os.listdir(folder) == ["aderenti.xlsx"]


# never onto the open district file


def test_a_document_never_replaces_the_open_district_file(workspace: Workspace) -> None:
    district = workspace.path
    workspace.members.add(member_input())
    before = district.read_bytes()
    wal = Path(f"{district}-wal")
    (district.parent / "collegamento.des").symlink_to(district)
    os.link(district, district.parent / "stesso.des")
    for target in (
        district,
        district.parent / "." / district.name,
        district.parent / "collegamento.des",
        district.parent / "stesso.des",
        wal,
    ):
        with pytest.raises(DocumentWriteError) as exc:
            workspace.documents.save_pdf(b"%PDF-", target)
        assert "non può sostituire il file del distretto distretto.des" in exc.value.message
    assert district.read_bytes() == before
    assert workspace.members.count() == 1


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        with atomic_write(tmp_path / "privato.pdf") as handle:
            handle.write(b"%PDF")
    finally:
        os.umask(previous)
    assert (tmp_path / "privato.pdf").stat().st_mode & 0o777 == 0o600


def test_a_copy_is_no_more_readable_than_its_source(tmp_path: Path) -> None:
    source = tmp_path / "distretto.des"
    source.write_bytes(b"dati")
    source.chmod(0o600)
    with atomic_replace(tmp_path / "copia.des", like=source) as temporary:
        temporary.write_bytes(b"dati")
    assert (tmp_path / "copia.des").stat().st_mode & 0o777 == 0o600
