"""The main window: sections from the registry, opening files, saving a copy, language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desdesk import settings
from desdesk.db.schema import APPLICATION_ID
from desdesk.services.workspace import Workspace, open_workspace
from desdesk.ui.dialogs.new_district import NewDistrictWizard
from desdesk.ui.main_window import MainWindow
from desdesk.ui.sections.assemblies import AssembliesSection
from desdesk.ui.sections.registry import SECTIONS
from desdesk.ui.widgets.forms import select_data


def _nav_titles(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_navigation_comes_from_the_registry(window: MainWindow) -> None:
    assert _nav_titles(window) == [
        "Distretto", "Aderenti", "Referenti", "Cariche", "Assemblee",
        "Bilancio", "Indicatori", "Documenti", "Verifica",
    ]  # fmt: skip
    assert [spec.key for spec in SECTIONS][1] == "members"
    assert window.member_count_shown() == 4
    for spec in SECTIONS:
        section = window.show_section(spec.key)
        assert window.stack.currentWidget() is section
    assert isinstance(window.section("assemblies"), AssembliesSection)
    from desdesk.ui.sections.budget import BudgetSection

    assert isinstance(window.section("budget"), BudgetSection)
    from desdesk.ui.sections.check import CheckSection
    from desdesk.ui.sections.indicators import IndicatorsSection

    assert isinstance(window.section("indicators"), IndicatorsSection)
    assert isinstance(window.section("check"), CheckSection)


def test_status_bar_shows_file_and_save_state(window: MainWindow, populated: Workspace) -> None:
    assert window.file_label.text() == str(populated.path)
    assert "salvate" in window.save_label.text()
    assert window.windowTitle().startswith("DES Vallagarina")


def test_opening_a_non_district_file_keeps_the_current_one(
    window: MainWindow, tmp_path: Path, shown_messages: list[str]
) -> None:
    other = tmp_path / "appunti.des"
    other.write_bytes(b"questo non e' un database")
    before = other.read_bytes()
    assert not window.open_file(other)
    assert "non è un file di distretto" in shown_messages[0]
    assert other.read_bytes() == before
    assert window.member_count_shown() == 4


def test_a_file_open_elsewhere_is_refused(
    window: MainWindow, tmp_path: Path, shown_messages: list[str], populated: Workspace
) -> None:
    second = tmp_path / "secondo.des"
    from desdesk.schemas import DistrictProfile
    from desdesk.services.workspace import create_workspace

    create_workspace(
        second, DistrictProfile(name="DES Secondo", kind="tematico", sector=11)
    ).close()
    elsewhere = open_workspace(second)
    try:
        assert not window.open_file(second)
        assert "già aperto" in shown_messages[0]
    finally:
        elsewhere.close()
    assert window.open_file(second)
    assert window.windowTitle().startswith("DES Secondo")
    assert window.prefs.recent_files[0] == str(second.resolve())


def test_save_a_copy(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "copia"
    monkeypatch.setattr(
        "desdesk.ui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    window.save_copy()
    copy = target.with_suffix(".des")
    assert copy.exists()
    import sqlite3

    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 4


def test_new_district_wizard_creates_and_opens(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(settings.Preferences())
    qtbot.addWidget(window)
    wizard = NewDistrictWizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    fields = wizard.profile_page.fields
    select_data(fields.kind, "territoriale")
    wizard.next()
    assert wizard.currentPage() is wizard.profile_page  # name and territory missing
    assert "obbligatorio" in wizard.profile_page.form.error_text("name")
    qtbot.keyClicks(fields.name, "DES Val di Non")
    fields.territory.setCurrentText("Val di Non")
    fields.founding_date.setText("15/03/2026")
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.path.text().endswith("des-val-di-non.des")
    wizard.file_page.path.setText(str(tmp_path / "nonsberg"))
    wizard.accept()
    assert wizard.created is not None
    window.set_workspace(wizard.created)
    assert (tmp_path / "nonsberg.des").exists()
    profile = wizard.created.district.profile()
    assert (profile.name, profile.territory, profile.founding_date.isoformat()) == (
        "DES Val di Non", "Val di Non", "2026-03-15",
    )  # fmt: skip
    assert window.member_count_shown() == 0
    window.close()


def test_switch_language(window: MainWindow, desdesk_home: Path) -> None:
    window.show_section("offices")
    window.apply_preferences("en", "Maria Rossi")
    assert _nav_titles(window)[:4] == ["District", "Members", "Representatives", "Offices"]
    assert window.nav.currentRow() == 3
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Help"]
    members = window.show_section("members")
    assert members.model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    saved = settings.load()
    assert (saved.language, saved.secretary_name) == ("en", "Maria Rossi")
    window.apply_preferences("it", "Maria Rossi")
    assert _nav_titles(window)[1] == "Aderenti"


def test_the_history_names_the_secretary_of_the_preferences(
    window: MainWindow, populated: Workspace
) -> None:
    window.apply_preferences("it", "Maria Rossi")
    assert window.workspace is not None
    member = window.workspace.members.list_rows()[0]
    window.workspace.members.withdraw(member.id, date(2026, 11, 26), "Trasferimento")

    latest = window.workspace.history.rows("member", member.id)[0]

    assert (latest.action_label, latest.actor) == ("Uscita dal distretto", "Maria Rossi")


def test_a_section_shows_edits_made_in_another(window: MainWindow, populated: Workspace) -> None:
    members = window.show_section("members")
    window.show_section("referents")
    from desdesk.domain.enums import ReferentKind
    from tests.factories import referent_input

    member = next(r for r in populated.members.list_rows() if r.name == "Comune di Mori")
    referents = window.section("referents")
    assert referents is not None
    referents.apply(
        lambda: populated.referents.set_referent(
            member.id, ReferentKind.PRIMARY, referent_input("Paolo", "Gasperotti")
        )
    )
    assert members.stale
    window.show_section("members")
    assert not members.stale
    shown = {members.proxy.index(r, 5).data() for r in range(members.proxy.rowCount())}
    assert "Paolo Gasperotti" in shown and "Anna Zeni" not in shown


def test_a_file_without_its_profile_is_refused_and_the_current_one_stays(
    window: MainWindow, tmp_path: Path, shown_messages: list[str]
) -> None:
    from desdesk.db.district_copies import create_district_file

    empty = tmp_path / "senza-profilo.des"
    create_district_file(empty)
    assert not window.open_file(empty)
    assert "dati del distretto" in shown_messages[0]
    assert window.windowTitle().startswith("DES Vallagarina")
    assert window.member_count_shown() == 4
    assert open_workspace(empty).close() is None  # the lock was released


def test_a_missing_recent_file_is_forgotten(
    window: MainWindow, tmp_path: Path, shown_messages: list[str]
) -> None:
    gone = tmp_path / "sparito.des"
    window.prefs.remember(gone)
    assert not window.open_file(gone)
    assert str(gone.resolve()) not in window.prefs.recent_files
    assert "non esiste" in shown_messages[0]
