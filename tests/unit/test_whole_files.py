"""District files appear whole or not at all, and a copy never lands on a district in use."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest

from desdesk.db.district_copies import copy_district_file, create_district_file
from desdesk.db.district_file import (
    DistrictFileError,
    FileInUse,
)
from desdesk.schemas import DistrictProfile
from desdesk.services.demo import builder as demo_builder
from desdesk.services.demo import create_demo
from desdesk.services.district import DistrictService
from desdesk.services.workspace import Workspace, create_workspace, open_workspace
from tests.factories import VALID_ORG_CODES, member_input

PROFILE = DistrictProfile(name="DES Val di Sole", kind="territoriale", territory="Val di Sole")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "files"
    path.mkdir()
    return path


def district_with(path: Path, member: str, tax_code: str) -> None:
    with create_workspace(path, PROFILE) as ws:
        ws.members.add(member_input(member, tax_code=tax_code))


def member_names(path: Path) -> list[str]:
    with open_workspace(path) as ws:
        return [row.name for row in ws.members.list_rows()]


# Salva una copia onto another district


def test_a_copy_onto_a_district_open_elsewhere_is_refused(folder: Path) -> None:
    source, destination = folder / "a.des", folder / "b.des"
    district_with(source, "Aderente di A", VALID_ORG_CODES[0])
    district_with(destination, "Aderente di B", VALID_ORG_CODES[1])
    with open_workspace(destination) as other:
        other.members.add(member_input("Scritto in B", tax_code=VALID_ORG_CODES[2]))
        before = destination.read_bytes(), Path(f"{destination}-wal").read_bytes()

        with pytest.raises(FileInUse) as exc:
            copy_district_file(source, destination)

        assert "b.des è aperto" in exc.value.message
        assert (destination.read_bytes(), Path(f"{destination}-wal").read_bytes()) == before
        assert [row.name for row in other.members.list_rows()] == [
            "Aderente di B",
            "Scritto in B",
        ]
    assert member_names(destination) == ["Aderente di B", "Scritto in B"]
    # The copy released the source's lock it never took, and the destination's is free.
    copy_district_file(source, destination)
    assert member_names(destination) == ["Aderente di A"]


def test_a_copy_onto_a_district_left_with_a_wal_by_a_crash_is_refused(folder: Path) -> None:
    source, destination = folder / "a.des", folder / "b.des"
    district_with(source, "Aderente di A", VALID_ORG_CODES[0])
    district_with(destination, "Aderente di B", VALID_ORG_CODES[1])
    # A process wrote to b.des and died before folding its WAL back into the file.
    crashed = folder / "crash"
    crashed.mkdir()
    conn = sqlite3.connect(destination)
    try:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE member SET name = 'Solo nel WAL'")
        conn.commit()
        for suffix in ("", "-wal"):
            (crashed / f"b.des{suffix}").write_bytes(Path(f"{destination}{suffix}").read_bytes())
    finally:
        conn.close()
    destination = crashed / "b.des"
    before = destination.read_bytes(), Path(f"{destination}-wal").read_bytes()

    with pytest.raises(DistrictFileError) as exc:
        copy_district_file(source, destination)

    assert "b.des-wal" in exc.value.message
    assert "arresto improvviso" in exc.value.message
    assert (destination.read_bytes(), Path(f"{destination}-wal").read_bytes()) == before
    assert sorted(os.listdir(crashed)) == [".b.des.lock", "b.des", "b.des-wal"]
    assert member_names(destination) == ["Solo nel WAL"]


def test_a_copy_never_lands_on_the_open_file_by_another_name(folder: Path) -> None:
    source = folder / "a.des"
    district_with(source, "Aderente di A", VALID_ORG_CODES[0])
    os.link(source, folder / "stesso.des")
    with open_workspace(source) as ws:
        ws.members.add(member_input("Nel WAL", tax_code=VALID_ORG_CODES[1]))
        wal = Path(f"{source}-wal")
        before = source.read_bytes(), wal.read_bytes()
        for target in (wal, Path(f"{source}-shm"), folder / ".a.des.lock", folder / "stesso.des"):
            with pytest.raises(DistrictFileError) as exc:
                ws.save_copy(target)
            assert "nome diverso" in exc.value.message
        assert (source.read_bytes(), wal.read_bytes()) == before
    assert member_names(source) == ["Aderente di A", "Nel WAL"]


# a new district: its profile is in the file before the file has its name


def test_a_failure_while_writing_the_profile_leaves_no_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "nuovo.des"
    seen: list[bool] = []

    def broken(self: DistrictService, profile: DistrictProfile) -> None:
        seen.append(path.exists())
        raise RuntimeError("crash between the file and its profile")

    monkeypatch.setattr(DistrictService, "create_profile", broken)
    with pytest.raises(RuntimeError):
        create_workspace(path, PROFILE)

    assert seen == [False]  # the file had no name yet
    assert os.listdir(folder) == []


def test_a_new_district_has_its_profile_from_the_first_moment(folder: Path) -> None:
    path = folder / "nuovo.des"
    with create_workspace(path, PROFILE) as ws:
        assert ws.district.profile().name == "DES Val di Sole"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT name FROM district").fetchall() == [("DES Val di Sole",)]
    finally:
        conn.close()


def test_create_district_file_reports_an_unwritable_folder(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # as a read-only folder does
    with pytest.raises(DistrictFileError) as exc:
        create_district_file(folder / "nuovo.des")
    assert exc.value.message == (
        f"Non riesco a creare {folder / 'nuovo.des'}: non hai il permesso di accedervi"
    )
    assert os.listdir(folder) == []


# the demo district: built beside its name, named when complete


def test_a_demo_is_never_half_written_at_its_name(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "demo.des"
    seen: list[bool] = []
    real_write_plan = demo_builder.write_plan

    def write_then_fail(workspace: Workspace, plan: object) -> None:
        real_write_plan(workspace, plan)  # type: ignore[arg-type]
        seen.append(path.exists())
        raise RuntimeError("killed while writing")

    monkeypatch.setattr(demo_builder, "write_plan", write_then_fail)
    with pytest.raises(RuntimeError):
        create_demo(path, members=8, years=2)

    assert seen == [False]
    assert os.listdir(folder) == []


def test_a_finished_demo_is_one_complete_file(folder: Path) -> None:
    path = folder / "demo.des"
    create_demo(path, members=8, years=2)
    assert os.listdir(folder) == ["demo.des"]
    with open_workspace(path) as ws:
        assert ws.members.count() == 8
        assert ws.district.profile().name
