"""Dati personali in the GUI: the referent dialog records legal basis and notice date;
the personal-data dialog shows them, exports JSON and PDF, erases an ended person after
confirmation, and keeps the erasure disabled (with the reason) for a current one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desdesk.domain.enums import ReferentKind
from desdesk.schemas import ReferentRead
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.personal_data import PersonalDataDialog
from desdesk.ui.dialogs.referent_dialog import ReferentDialog, ReferentMode
from desdesk.ui.sections.referents import ReferentsSection
from desdesk.ui.widgets.forms import select_data
from tests.factories import VALID_ORG_CODES, member_input, referent_input
from tests.pdfs import read_pdf


@pytest.fixture
def people(workspace: Workspace) -> Workspace:
    """A member whose first referent (Anna Gadotti) was replaced by Bruno Loss."""
    member = workspace.members.add(member_input("GAS Primiero"))
    workspace.referents.set_referent(
        member, ReferentKind.PRIMARY,
        referent_input("Anna", "Gadotti", legal_basis="consenso",
                       notice_given_on=date(2024, 2, 1)),
        since=date(2024, 1, 1),
    )  # fmt: skip
    workspace.referents.set_referent(member, ReferentKind.PRIMARY, referent_input("Bruno", "Loss"))
    return workspace


def _referent(workspace: Workspace, surname: str) -> ReferentRead:
    rows = workspace.referents.list_all(include_past=True)
    [found] = [r for r in rows if r.last_name == surname]
    return found


def _answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *_a, **_k: None))
    return asked


def test_the_referent_dialog_records_legal_basis_and_notice(qtbot, people: Workspace) -> None:  # type: ignore[no-untyped-def]
    current = _referent(people, "Loss")
    dialog = ReferentDialog(people, ReferentMode.CORRECT, current)
    qtbot.addWidget(dialog)
    assert dialog.legal_basis.currentData() == ""
    select_data(dialog.legal_basis, "contratto")
    dialog.notice.setText("15/11/2026")
    dialog.save()
    assert dialog.result() == 1
    saved = _referent(people, "Loss")
    assert (saved.legal_basis, saved.notice_given_on) == ("contratto", date(2026, 11, 15))

    again = ReferentDialog(people, ReferentMode.CORRECT, saved)
    qtbot.addWidget(again)
    assert again.legal_basis.currentText() == "Esecuzione dell'accordo di adesione"
    assert again.notice.text() == "15/11/2026"


def test_the_dialog_shows_and_exports(
    qtbot, people: Workspace, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _answer(monkeypatch, yes=False)
    dialog = PersonalDataDialog(people, _referent(people, "Gadotti"))
    qtbot.addWidget(dialog)
    assert dialog.basis_label.text() == "Consenso dell'interessato"
    assert dialog.notice_label.text() == "01/02/2024"
    targets = iter([tmp_path / "anna", tmp_path / "anna.pdf"])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(next(targets)), ""))
    )

    dialog.buttons["exportJson"].click()
    dialog.buttons["exportPdf"].click()

    data = json.loads((tmp_path / "anna.json").read_text(encoding="utf-8"))
    assert data["person"]["legal_basis"] == "consenso"
    assert "Dati personali di Anna Gadotti" in read_pdf((tmp_path / "anna.pdf").read_bytes()).text


def test_erasure_asks_then_pseudonymises(qtbot, people: Workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = _answer(monkeypatch, yes=False)
    anna = _referent(people, "Gadotti")
    dialog = PersonalDataDialog(people, anna)
    qtbot.addWidget(dialog)
    assert dialog.buttons["erase"].isEnabled()

    dialog.buttons["erase"].click()  # answered No
    assert "restano" in asked[0] and _referent(people, "Gadotti").email != ""
    backups = (  # what keeps the data for a while: the server's copies, or desdesk's backups
        "i backup del server fatti prima della cancellazione"
        if people.on_server
        else "I backup fatti prima della cancellazione contengono ancora questi dati"
    )
    assert backups in asked[0]
    assert not dialog.facts.isRowVisible(dialog.homonyms_label)  # no homonym here

    _answer(monkeypatch, yes=True)
    dialog.buttons["erase"].click()
    assert dialog.erased is not None
    erased = next(r for r in people.referents.list_all(include_past=True) if r.id == anna.id)
    assert erased.full_name == f"Referente cessato n. {anna.id}" and erased.email == ""
    assert not dialog.buttons["erase"].isEnabled()
    assert "già cancellati" in dialog.buttons["erase"].toolTip()


def test_erasure_is_disabled_with_the_reason_for_a_current_referent(
    qtbot, people: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonalDataDialog(people, _referent(people, "Loss"))
    qtbot.addWidget(dialog)
    assert not dialog.buttons["erase"].isEnabled()
    assert "Bruno Loss è ancora referente titolare" in dialog.buttons["erase"].toolTip()
    assert dialog.notice_label.text() == "non registrata"


def test_the_section_opens_the_dialog_for_the_selected_referent(
    qtbot, people: Workspace, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    section = ReferentsSection(people)
    qtbot.addWidget(section)
    assert not section.personal_button.isEnabled()
    section.table.selectRow(0)
    assert section.personal_button.isEnabled()
    opened: list[str] = []
    monkeypatch.setattr(
        PersonalDataDialog, "exec", lambda self: opened.append(self.referent.full_name) or 0
    )
    section.personal_button.click()
    assert opened == [section.selected().full_name]  # type: ignore[union-attr]


def test_a_homonym_is_shown_and_left_alone(qtbot, people: Workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other_member = people.members.add(
        member_input("Bottega Equa Fiera", tax_code=VALID_ORG_CODES[1])
    )
    other = people.referents.add_referent(
        other_member, ReferentKind.SUBSTITUTE,
        referent_input("Anna", "Gadotti", email="anna@bottega.it"),
    )  # fmt: skip
    rows = people.referents.list_all(include_past=True)
    [anna] = [r for r in rows if r.last_name == "Gadotti" and r.id != other]
    dialog = PersonalDataDialog(people, anna)
    qtbot.addWidget(dialog)
    assert dialog.facts.isRowVisible(dialog.homonyms_label)
    assert "Bottega Equa Fiera" in dialog.homonyms_label.text()
    assert "anna@bottega.it" in dialog.homonyms_label.text()
    assert dialog.buttons["erase"].isEnabled()  # the other Anna's current role is not hers

    _answer(monkeypatch, yes=True)
    dialog.buttons["erase"].click()

    assert dialog.erased is not None and dialog.erased.referent_ids == (anna.id,)
    kept = next(r for r in people.referents.list_all(include_past=True) if r.id == other)
    assert (kept.full_name, kept.email, kept.erased_on) == ("Anna Gadotti", "anna@bottega.it", None)
