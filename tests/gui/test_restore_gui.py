"""Ripristina…: the dialog lists this district's backups with date, reason and summary;
restoring asks first, closes, restores, reopens. A damaged file opened from the GUI is
left untouched unless the user accepts its newest good backup."""

from __future__ import annotations

import errno
import hashlib
import os
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from desdesk.schemas import DistrictProfile
from desdesk.services.backup_summary import list_backups
from desdesk.services.backups import Reason, district_backups, take_backup
from desdesk.services.workspace import Workspace, create_workspace
from desdesk.ui import backup_actions
from desdesk.ui.dialogs.restore import RestoreDialog
from desdesk.ui.main_window import MainWindow
from tests.roll_call_setup import add_members

EARLIER = datetime.now() - timedelta(days=1)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def pick_row(monkeypatch: pytest.MonkeyPatch, row: int) -> list[RestoreDialog]:
    """RestoreDialog.exec selects `row` and accepts, instead of waiting for a click."""
    shown: list[RestoreDialog] = []

    def exec_(self: RestoreDialog) -> int:
        shown.append(self)
        self.table.selectRow(row)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RestoreDialog, "exec", exec_)
    return shown


def test_the_dialog_lists_backups_with_date_reason_and_summary(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    take_backup(populated.path, Reason.OPENING, now=EARLIER)
    add_members(populated, ["Bottega Equa"])
    take_backup(populated.path, Reason.MANUAL, now=EARLIER + timedelta(hours=2))
    dialog = RestoreDialog(populated.path, list_backups(populated.path))
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "manuale" and table.item(1, 1).text() == "all'apertura"
    assert table.item(0, 0).text() == EARLIER.strftime("%d/%m/%Y ") + (
        EARLIER + timedelta(hours=2)
    ).strftime("%H:%M")
    assert table.item(0, 3).text().startswith("5 aderenti attivi, 0 assemblee")
    assert table.item(1, 3).text().startswith("4 aderenti attivi, 0 assemblee")
    chosen = dialog.chosen()
    assert chosen is not None and chosen.entry.reason is Reason.MANUAL
    assert dialog.buttons["restore"].isEnabled()


def test_restoring_asks_first_then_closes_restores_and_reopens(
    window: MainWindow, populated: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = populated.path
    take_backup(path, Reason.MANUAL, now=EARLIER)
    add_members(populated, ["Bottega Equa"])
    shown = pick_row(monkeypatch, 0)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert backup_actions.restore_action(window)
    assert len(shown) == 1
    assert "Prima del ripristino desdesk salva un backup dello stato attuale" in asked[0]
    assert window.workspace is not None and window.workspace is not populated
    assert window.workspace.members.count() == 4
    assert window.member_count_shown() == 4
    reasons = [e.reason for e in district_backups(path)]
    assert reasons[:2] == [Reason.OPENING, Reason.BEFORE_RESTORE]  # no "chiusura" between
    assert "Lo stato precedente è salvato in" in window.statusBar().currentMessage()
    safety = next(e for e in district_backups(path) if e.reason is Reason.BEFORE_RESTORE)
    (summary,) = [s for s in list_backups(path) if s.entry == safety]
    assert summary.facts is not None and summary.facts.active_members == 5


def test_saying_no_changes_nothing(
    window: MainWindow, populated: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_backup(populated.path, Reason.MANUAL, now=EARLIER)
    add_members(populated, ["Bottega Equa"])
    pick_row(monkeypatch, 0)
    answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not backup_actions.restore_action(window)
    assert window.workspace is populated
    assert populated.members.count() == 5
    assert len(district_backups(populated.path)) == 1


def test_no_backups_yet_is_said(
    window: MainWindow, shown_messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pick_row(monkeypatch, 0)
    assert not backup_actions.restore_action(window)
    assert shown_messages == ["Non ci sono ancora backup di distretto.des."]


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "troncato":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(random.Random(11).randbytes(len(data)))


@pytest.mark.parametrize("how", ["troncato", "casuale"])
def test_a_damaged_file_declined_stays_exactly_where_it_is(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    other = tmp_path / "altro.des"
    window.workspace.save_copy(other)  # type: ignore[union-attr]
    take_backup(other, Reason.MANUAL, now=EARLIER)
    damage(other, how)
    before, listing = sha256(other), sorted(os.listdir(tmp_path))
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not window.open_file(other)
    assert asked[0].startswith("Il file altro.des è danneggiato e non può essere aperto.")
    assert "C'è un backup integro del" in asked[0]
    assert sha256(other) == before
    assert sorted(os.listdir(tmp_path)) == listing
    assert window.member_count_shown() == 4  # the open district is still there


@pytest.mark.parametrize("how", ["troncato", "casuale"])
def test_a_damaged_file_accepted_is_set_aside_and_its_backup_opened(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    other = tmp_path / "altro.des"
    window.workspace.save_copy(other)  # type: ignore[union-attr]
    take_backup(other, Reason.MANUAL, now=EARLIER)
    damage(other, how)
    before = sha256(other)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert not window.open_file(other)  # the first attempt failed; the backup then opened
    assert window.workspace is not None and window.workspace.path == other.resolve()
    (aside,) = tmp_path.glob("altro.des.danneggiato-*")
    assert sha256(aside) == before
    assert window.workspace.members.count() == 4
    assert "Il file danneggiato è in" in window.statusBar().currentMessage()


def test_a_damaged_file_without_backups_is_told_plainly(
    window: MainWindow, tmp_path: Path, shown_messages: list[str]
) -> None:
    other = tmp_path / "altro.des"
    window.workspace.save_copy(other)  # type: ignore[union-attr]
    damage(other, "troncato")
    before = sha256(other)
    assert not window.open_file(other)
    assert shown_messages[0].startswith("Il file altro.des è danneggiato")
    assert "Non ci sono backup di questo distretto" in shown_messages[0]
    assert sha256(other) == before


def test_a_damaged_file_whose_restore_fails_is_put_back(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "altro.des"
    window.workspace.save_copy(other)  # type: ignore[union-attr]
    take_backup(other, Reason.MANUAL, now=EARLIER)
    damage(other, "troncato")
    before = sha256(other)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    errors: list[str] = []
    monkeypatch.setattr(
        backup_actions, "show_error", lambda _w, exc, _title: errors.append(str(exc))
    )
    real_replace = os.replace

    def full_at_target(source: object, destination: object) -> None:
        if Path(str(destination)) == other.resolve() and ".danneggiato-" not in str(source):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", full_at_target)
    assert not window.open_file(other)
    assert errors and "il disco è pieno" in errors[0]
    assert sha256(other) == before
    assert list(tmp_path.glob("altro.des.danneggiato-*")) == []


def test_a_backup_of_another_district_is_restored_only_after_a_warning(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "riusato.des"
    profile = DistrictProfile(name="DES Alto Garda", kind="territoriale", territory="Arco")
    create_workspace(path, profile).close()
    take_backup(path, Reason.MANUAL, now=EARLIER)  # the district the path held before
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    window.workspace.save_copy(path)  # type: ignore[union-attr]
    assert window.open_file(path)
    pick_row(monkeypatch, len(district_backups(path)) - 1)  # the oldest: Alto Garda's
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    warned: list[str] = []
    replies = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def warning(_parent: object, _title: str, text: str, *_args: object) -> object:
        warned.append(text)
        return replies[len(warned) - 1]

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    assert not backup_actions.restore_action(window)  # "No": nothing restored
    assert "è di un altro distretto (DES Alto Garda)" in warned[0]
    assert window.workspace is not None
    assert window.workspace.district.profile().name == "DES Vallagarina"
    assert backup_actions.restore_action(window)
    assert window.workspace.district.profile().name == "DES Alto Garda"
