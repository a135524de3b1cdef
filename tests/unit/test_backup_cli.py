"""`desdesk backup`, `desdesk backups`, `desdesk restore`: output, exit codes, and that the
other commands make no automatic backup."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from desdesk.main import main
from desdesk.schemas import DistrictProfile
from desdesk.services.backups import district_backups
from desdesk.services.workspace import create_workspace, open_workspace
from tests.roll_call_setup import add_members


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "distretto.des"
    profile = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Trento")
    with create_workspace(path, profile) as workspace:
        add_members(workspace, ["Bottega Equa", "Orto Sociale"])
    return path


def test_backup_then_backups_lists_it_with_its_summary(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "backup", district)
    assert (code, err) == (0, "")
    saved = Path(out.strip().removeprefix("Backup salvato: "))
    assert saved.is_file() and saved.name.endswith("-manuale.des")
    code, out, err = run(capsys, "backups", district)
    assert (code, err) == (0, "")
    assert out.startswith("Backup di distretto.des, dal più recente:")
    assert "manuale" in out and "2 aderenti attivi, 0 assemblee, ultima modifica" in out
    assert str(saved) in out
    code, out, _err = run(capsys, "backups", district, "--json")
    (item,) = json.loads(out)
    assert item["path"] == str(saved) and item["reason"] == "manuale"
    assert (item["active_members"], item["assemblies"], item["readable"]) == (2, 0, True)
    assert item["district"] == "DES Vallagarina"


def test_backup_to_an_output_file_or_folder(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "chiavetta.des"
    assert run(capsys, "backup", district, "-o", out_file)[0] == 0
    folder = tmp_path / "copie"
    folder.mkdir()
    code, out, _err = run(capsys, "backup", district, "-o", folder)
    assert code == 0
    (inside,) = (p for p in folder.iterdir() if not p.name.startswith("."))  # not the lock
    assert inside.name.startswith("distretto-") and str(inside) in out
    with open_workspace(out_file) as copy:
        assert copy.members.count() == 2
    assert district_backups(district) == []  # -o does not go to the backup folder


def test_a_damaged_file_is_not_backed_up_and_the_reason_is_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "rotto.des"
    broken.write_bytes(random.Random(1).randbytes(4096))
    before = hashlib.sha256(broken.read_bytes()).hexdigest()
    code, out, err = run(capsys, "backup", broken)
    assert (code, out) == (1, "")
    assert "rotto.des non è un file di distretto" in err
    assert hashlib.sha256(broken.read_bytes()).hexdigest() == before
    assert run(capsys, "backups", broken) == (0, "Nessun backup di rotto.des.\n", "")


def test_restore_replaces_the_file_and_says_where_the_old_one_is(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, out, _err = run(capsys, "backup", district)
    saved = Path(out.strip().removeprefix("Backup salvato: "))
    with open_workspace(district) as workspace:
        add_members(workspace, ["Forno Bio"])
    code, out, err = run(capsys, "restore", saved, district)
    assert (code, err) == (0, "")
    assert out.startswith(f"Ripristinato {district} dal backup {saved}.")
    assert "Il file sostituito è salvato in " in out and "prima-del-ripristino" in out
    with open_workspace(district) as workspace:
        assert workspace.members.count() == 2


def test_restore_refuses_while_the_district_is_open(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, out, _err = run(capsys, "backup", district)
    saved = Path(out.strip().removeprefix("Backup salvato: "))
    with open_workspace(district):
        code, out, err = run(capsys, "restore", saved, district)
    assert (code, out) == (1, "")
    assert "è aperto in un'altra finestra" in err


def test_restore_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "restore")
    assert code == 2 and err


def test_other_commands_make_no_backup(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", district)[0] in {0, 1}
    assert run(capsys, "members", "export", district, tmp_path / "aderenti.csv")[0] == 0
    assert district_backups(district) == []


def test_backup_to_a_place_that_cannot_be_written_says_why(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "appunti.txt"
    blocker.write_text("un file, non una cartella")
    code, out, err = run(capsys, "backup", district, "-o", blocker / "copia.des")
    assert (code, out) == (1, "")
    assert f"{blocker} non è una cartella" in err
    assert blocker.read_text() == "un file, non una cartella"


def test_backup_leaves_nothing_beside_the_district_file(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in district.parent.iterdir())
    assert run(capsys, "backup", district)[0] == 0
    assert run(capsys, "backup", district, "-o", tmp_path / "copia.des")[0] == 0
    after = sorted(p.name for p in district.parent.iterdir())
    new = [name for name in after if name not in before and name != "home"]  # home: user data
    assert new == [".copia.des.lock", "copia.des"]
    assert not any(name.endswith(("-wal", "-shm")) for name in after)


def test_restore_of_another_districts_backup_needs_the_option(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "altro" / "distretto.des"
    elsewhere.parent.mkdir()
    profile = DistrictProfile(name="DES Alto Garda", kind="territoriale", territory="Arco")
    create_workspace(elsewhere, profile).close()
    _code, out, _err = run(capsys, "backup", elsewhere)
    theirs = Path(out.strip().removeprefix("Backup salvato: "))
    before = hashlib.sha256(district.read_bytes()).hexdigest()
    code, out, err = run(capsys, "restore", theirs, district)
    assert (code, out) == (1, "")
    assert "è di un altro distretto" in err
    assert hashlib.sha256(district.read_bytes()).hexdigest() == before
    code, out, err = run(capsys, "restore", "--other-district", theirs, district)
    assert (code, err) == (0, "")
    with open_workspace(district) as workspace:
        assert workspace.district.profile().name == "DES Alto Garda"
