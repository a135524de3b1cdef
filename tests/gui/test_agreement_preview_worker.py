"""The agreement editor builds its preview on a pool thread: typing never waits for the
PDF, and a preview that arrives after the text changed again is dropped."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from desdesk.services.agreement import AgreementService
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.agreement_template import AgreementTemplateDialog

WAIT_S = 10.0
FIRST = "# Art. 1 — Unico\n\nPrima versione del testo."
SECOND = "# Art. 1 — Unico\n\nSeconda versione del testo."


def preview_text(dialog: AgreementTemplateDialog) -> str:
    view = dialog.preview
    return " ".join(" ".join(view.page_text(p).split()) for p in range(view.page_count()))


def test_a_stale_preview_is_dropped_and_typing_goes_on_meanwhile(
    qtbot: QtBot, populated: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = AgreementTemplateDialog(populated)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.building, timeout=5000)
    release, first_done = threading.Event(), threading.Event()
    real_pdf = AgreementService.pdf

    def pdf(
        self: AgreementService, template: str | None = None, today: date | None = None
    ) -> bytes:
        if template == FIRST:  # the first text's build is slow
            assert release.wait(WAIT_S)
            try:
                return real_pdf(self, template, today)
            finally:
                first_done.set()
        return real_pdf(self, template, today)

    monkeypatch.setattr(AgreementService, "pdf", pdf)
    dialog.editor.setPlainText(FIRST)
    dialog.refresh_in_background()
    assert dialog.building
    dialog.editor.setPlainText(SECOND)  # the editor answers while the first is built
    assert dialog.editor.toPlainText() == SECOND
    dialog.refresh_in_background()
    qtbot.waitUntil(lambda: "Seconda versione" in preview_text(dialog), timeout=5000)
    release.set()
    assert first_done.wait(WAIT_S)
    qtbot.waitUntil(lambda: not dialog.building, timeout=5000)
    shown = preview_text(dialog)
    assert "Seconda versione" in shown and "Prima versione" not in shown


def test_a_text_with_a_problem_is_told_at_once_and_not_built(
    qtbot: QtBot, populated: Workspace
) -> None:
    dialog = AgreementTemplateDialog(populated)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.building, timeout=5000)
    before = dialog.preview.pdf()
    dialog.editor.setPlainText("")
    dialog.refresh_in_background()
    assert not dialog.building
    assert dialog.problems_label.text() == "Il testo dell'accordo è vuoto."
    assert dialog.preview.pdf() == before  # the last good preview stays
