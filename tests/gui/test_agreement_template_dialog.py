"""Editing the agreement's text: a bad placeholder is refused, a good change is previewed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desdesk.domain.agreement_template import default_template
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.agreement_template import AgreementTemplateDialog


def preview_text(dialog: AgreementTemplateDialog) -> str:
    view = dialog.preview
    return " ".join(" ".join(view.page_text(p).split()) for p in range(view.page_count()))


def type_at_end(qtbot, dialog: AgreementTemplateDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` at the end of the editor, key by key (Return for a new line)."""
    dialog.editor.moveCursor(QTextCursor.MoveOperation.End)
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(dialog.editor, line)


@pytest.fixture
def dialog(qtbot, populated: Workspace) -> AgreementTemplateDialog:  # type: ignore[no-untyped-def]
    dialog = AgreementTemplateDialog(populated)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.building, timeout=5000)  # the first preview
    return dialog


def test_opens_on_the_default_text_with_its_preview(dialog: AgreementTemplateDialog) -> None:
    assert dialog.editor.toPlainText() == default_template()
    assert dialog.problems_label.text() == ""
    shown = preview_text(dialog)
    assert "Accordo volontario di costituzione" in shown
    assert "Cooperativa Sociale La Rete" in shown
    assert not dialog.buttons["save"].isEnabled()  # nothing to save yet


def test_a_bad_placeholder_is_named_and_saving_is_refused(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: AgreementTemplateDialog,
    populated: Workspace,
) -> None:
    before = dialog.preview.pdf()
    type_at_end(qtbot, dialog, "\nFirmato a {{luogo_firma}}.")
    qtbot.waitUntil(lambda: "{{luogo_firma}}" in dialog.problems_label.text(), timeout=3000)
    assert "Segnaposto sconosciuto {{luogo_firma}} alla riga" in dialog.problems_label.text()
    assert dialog.preview.pdf() == before  # the last good preview stays
    assert dialog.preview.page_count() > 0
    qtbot.mouseClick(dialog.buttons["save"], Qt.MouseButton.LeftButton)
    assert "{{luogo_firma}}" in dialog.problems_label.text()
    assert populated.agreement.is_default()
    assert populated.agreement.template() == default_template()


def test_a_good_change_reaches_the_preview_after_the_pause_and_is_saved(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: AgreementTemplateDialog,
    populated: Workspace,
) -> None:
    type_at_end(qtbot, dialog, "\n\nClausola aggiunta per {{nome_distretto}}.")
    assert "Clausola aggiunta" not in preview_text(dialog)  # not at every key stroke
    qtbot.waitUntil(
        lambda: "Clausola aggiunta per DES Vallagarina." in preview_text(dialog), timeout=3000
    )
    assert dialog.problems_label.text() == ""
    assert dialog.buttons["save"].isEnabled()
    qtbot.mouseClick(dialog.buttons["save"], Qt.MouseButton.LeftButton)
    stored = populated.agreement.template()
    assert stored.endswith("Clausola aggiunta per {{nome_distretto}}.")
    assert not populated.agreement.is_default()
    assert not dialog.is_modified()


def test_fixing_the_mistake_clears_the_problem_and_updates_the_preview(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: AgreementTemplateDialog,
) -> None:
    type_at_end(qtbot, dialog, "\nAnno {{anno")
    dialog.refresh_now()
    assert "senza «}}»" in dialog.problems_label.text()
    type_at_end(qtbot, dialog, "}} di prova.")
    qtbot.waitUntil(lambda: dialog.problems_label.text() == "", timeout=3000)
    qtbot.waitUntil(lambda: "di prova." in preview_text(dialog), timeout=3000)


def test_double_clicking_a_placeholder_inserts_it_at_the_cursor(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: AgreementTemplateDialog,
) -> None:
    dialog.editor.setPlainText("Il coordinatore è ")
    dialog.editor.moveCursor(QTextCursor.MoveOperation.End)
    placeholders = dialog.placeholder_list
    item = next(
        placeholders.item(row)
        for row in range(placeholders.count())
        if placeholders.item(row).text().startswith("{{coordinatore}}")
    )
    assert "da nominare" in item.text()
    placeholders.itemDoubleClicked.emit(item)
    assert dialog.editor.toPlainText() == "Il coordinatore è {{coordinatore}}"
    dialog.refresh_now()
    assert "Il coordinatore è da nominare" in preview_text(dialog)


def test_reset_asks_and_restores_the_default_text(
    dialog: AgreementTemplateDialog,
    populated: Workspace,
    answer_yes: list[str],
) -> None:
    populated.agreement.save_template("# Art. 1 — Unico\n\nTesto breve.")
    dialog.editor.setPlainText("# Art. 1 — Unico\n\nTesto breve.")
    dialog.reset()
    assert answer_yes and "testo predefinito" in answer_yes[0]
    assert dialog.editor.toPlainText() == default_template()
    assert populated.agreement.is_default()
    assert "Art. 13" in preview_text(dialog)


def test_reset_answered_no_keeps_the_text(
    dialog: AgreementTemplateDialog,
    populated: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("desdesk.ui.dialogs.agreement_template.ask", lambda *_a: False)
    populated.agreement.save_template("Testo del distretto.")
    dialog.reset()
    assert populated.agreement.template() == "Testo del distretto."
