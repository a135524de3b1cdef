"""`desdesk person export|erase` on a real district file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desdesk.domain.enums import ReferentKind
from desdesk.main import main
from desdesk.services.workspace import open_workspace
from tests.factories import VALID_ORG_CODES, member_input, referent_input
from tests.pdfs import read_pdf


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> tuple[Path, int, int]:
    """A district with a member whose first referent (Anna) was replaced by Bruno."""
    path = tmp_path / "primiero.des"
    new = ("new", path, "--name", "DES Primiero", "--kind", "territoriale")
    assert run(*new, "--territory", "Primiero") == 0
    with open_workspace(path) as workspace:
        member = workspace.members.add(member_input("GAS Primiero"))
        anna = workspace.referents.set_referent(
            member, ReferentKind.PRIMARY, referent_input("Anna", "Gadotti"),
            since=date(2024, 1, 1),
        )  # fmt: skip
        bruno = workspace.referents.set_referent(
            member, ReferentKind.PRIMARY, referent_input("Bruno", "Loss")
        )
    return path, anna, bruno


def test_export_writes_json_and_pdf(
    district: tuple[Path, int, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, anna, _bruno = district
    assert run("person", "export", path, anna, "-o", tmp_path / "anna.json") == 0
    assert run("person", "export", path, anna, "-o", tmp_path / "anna.pdf") == 0

    data = json.loads((tmp_path / "anna.json").read_text(encoding="utf-8"))
    assert data["person"]["emails"] == ["anna.gadotti@example.it"]
    assert data["referent_records"][0]["end_date"] == date.today().isoformat()
    assert "Dati personali di Anna Gadotti" in read_pdf((tmp_path / "anna.pdf").read_bytes()).text
    assert f"Creato {tmp_path / 'anna.pdf'}" in capsys.readouterr().out


def test_erase_with_yes_and_refusal_of_a_current_referent(
    district: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, anna, bruno = district
    assert run("person", "erase", path, bruno, "--yes") == 1
    assert "Bruno Loss è ancora referente titolare di «GAS Primiero»" in capsys.readouterr().err

    assert run("person", "erase", path, anna, "--yes") == 0
    printed = capsys.readouterr().out
    assert f"«Referente cessato n. {anna}»" in printed
    assert "I backup fatti prima della cancellazione contengono ancora questi dati" in printed
    assert "ripeti allora la cancellazione" in printed
    with open_workspace(path) as workspace:
        names = [r.full_name for r in workspace.referents.list_all(include_past=True)]
    assert names == ["Bruno Loss", f"Referente cessato n. {anna}"]


def test_erase_without_yes_and_no_terminal_changes_nothing(
    district: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, anna, _bruno = district
    assert run("person", "erase", path, anna) == 1
    assert "--yes" in capsys.readouterr().err
    with open_workspace(path) as workspace:
        assert "Anna Gadotti" in [r.full_name for r in workspace.referents.list_all(True)]


def test_erase_lists_homonyms_and_leaves_them_alone(
    district: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, anna, _bruno = district
    with open_workspace(path) as workspace:
        other_member = workspace.members.add(
            member_input("Bottega Equa Fiera", tax_code=VALID_ORG_CODES[1])
        )
        other = workspace.referents.add_referent(
            other_member, ReferentKind.PRIMARY,
            referent_input("Anna", "Gadotti", email="anna@bottega.it"),
        )  # fmt: skip

    assert run("person", "erase", path, anna, "--yes") == 0

    printed = capsys.readouterr().out
    assert "Possibili omonimi" in printed and "anna@bottega.it" in printed
    with open_workspace(path) as workspace:
        rows = {r.id: r for r in workspace.referents.list_all(include_past=True)}
    assert rows[other].full_name == "Anna Gadotti" and rows[other].email == "anna@bottega.it"
    assert rows[anna].full_name == f"Referente cessato n. {anna}"
