"""GUI fixtures: a district with a few members, and a main window on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox

from desdesk import settings
from desdesk.schemas import MemberEntry
from desdesk.services.members import clean_member
from desdesk.services.workspace import Workspace
from desdesk.ui.main_window import MainWindow
from tests.factories import VALID_ORG_CODES, member_input, referent_input

MEMBERS = (
    ("Cooperativa Sociale La Rete", "cooperativa_sociale_a", "Rovereto", ("Giulia", "Bertolini")),
    ("Associazione Terre Alte", "aps", "Ala", ("Marco", "Dallapiccola")),
    ("Comune di Mori", "comune", "Mori", ("Anna", "Zeni")),
    ("Azienda Agricola Maso Pilati", "azienda_agricola", "Isera", ("Luca", "Pilati")),
)


@pytest.fixture
def populated(workspace: Workspace) -> Workspace:
    entries = [
        MemberEntry(
            member=clean_member(
                member_input(name=name, legal_form=form, comune=comune, tax_code=code)
            ),
            primary=referent_input(first=first, last=last),
        )
        for (name, form, comune, (first, last)), code in zip(MEMBERS, VALID_ORG_CODES, strict=False)
    ]
    workspace.members.add_many(entries)
    return workspace


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer "Yes" to every question box; returns the texts asked."""
    asked: list[str] = []

    def question(
        _parent: object, _title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collect warning/critical/information boxes instead of blocking on them."""
    shown: list[str] = []

    def record(
        _parent: object, _title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return shown


@pytest.fixture
def window(qtbot, populated: Workspace) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A main window on the populated district (the fixture's workspace is handed over)."""
    win = MainWindow(settings.Preferences())
    qtbot.addWidget(win)
    win.set_workspace(populated)
    yield win
