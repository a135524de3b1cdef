"""A form saved after someone else saved the same record: refused, explained, reloadable.

The other officer's save goes through the service (another window, or another desdesk on
the same server under `make test-postgres`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from desdesk.schemas import OfficeInput
from desdesk.services.base import concurrent_edit
from desdesk.services.workspace import Workspace
from desdesk.ui import conflicts
from desdesk.ui.dialogs import member_dialog, office_dialog
from desdesk.ui.dialogs.member_dialog import MemberDialog
from desdesk.ui.dialogs.office_dialog import OfficeDialog


def _phone(dialog: MemberDialog) -> QLineEdit:
    editor = dialog.form.editors["phone"]
    assert isinstance(editor, QLineEdit)
    return editor


def test_a_stale_member_form_is_refused_then_reloaded_and_saved(
    qtbot,  # type: ignore[no-untyped-def]
    populated: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    member = populated.members.list_rows()[0]
    dialog = MemberDialog(populated, member.id)
    qtbot.addWidget(dialog)
    populated.history.set_actor("Bruno Zeni")
    theirs = populated.members.get(member.id)
    populated.members.update(member.id, replace(theirs.data, notes="nota di Bruno"))
    populated.history.set_actor("Anna Rossi")

    told: list[str] = []

    def reload(_parent: QWidget, exc: Exception, _title: str) -> bool:
        told.append(str(getattr(exc, "message", exc)))
        return True

    monkeypatch.setattr(member_dialog, "ask_to_reload", reload)
    qtbot.keyClicks(_phone(dialog), "0464 123456")
    dialog.save()
    assert dialog.result() == 0  # still open
    assert "Bruno Zeni" in told[0] and "non sono state salvate" in told[0]
    saved = populated.members.get(member.id)
    assert saved.data.notes == "nota di Bruno" and "123456" not in saved.data.phone
    assert dialog.notes.toPlainText() == "nota di Bruno"  # the form shows the saved record

    qtbot.keyClicks(_phone(dialog), "0464 123456")
    dialog.save()
    assert dialog.result() == 1
    final = populated.members.get(member.id)
    assert final.data.notes == "nota di Bruno" and final.data.phone == "+39 0464 123456"


def test_the_question_offers_reload_or_keep_editing(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    answers: list[bool] = []
    for choice in ("Ricarica i dati aggiornati", "Continua a modificare"):

        def press(label: str = choice) -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            assert "Maria" in box.text()
            for button in box.buttons():
                if button.text() == label:
                    button.click()

        QTimer.singleShot(0, press)
        error = concurrent_edit("questo aderente", "Maria")
        answers.append(conflicts.ask_to_reload(parent, error, "Aderente non salvato"))
    assert answers == [True, False]


def test_a_stale_office_form_is_refused_with_the_reason(
    qtbot,  # type: ignore[no-untyped-def]
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    term = OfficeInput(kind="tesoriere", person_name="Luca Dallapè", start_date=date(2025, 1, 1))
    office_id = workspace.offices.assign(term)
    (read,) = workspace.offices.terms()
    dialog = OfficeDialog(workspace, read)
    qtbot.addWidget(dialog)
    workspace.offices.update(office_id, replace(term, notes="rieletto"))
    shown: list[str] = []

    def keep_editing(_parent: QWidget, exc: Exception, _title: str) -> bool:
        shown.append(str(getattr(exc, "message", exc)))
        return False  # «Continua a modificare»: the form keeps what was typed

    monkeypatch.setattr(office_dialog, "ask_to_reload", keep_editing)
    dialog.notes.setText("mia nota")
    dialog.save()
    assert dialog.result() == 0
    assert "Nel frattempo" in shown[0] and "carica" in shown[0]
    assert workspace.offices.terms()[0].notes == "rieletto"
    assert dialog.notes.text() == "mia nota"
