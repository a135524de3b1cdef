"""Distretto › «Governance e piano» and the founding documents' «Valido fino al»."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS
from desdesk.schemas import FoundingDocumentInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.district_dialogs import FoundingDocumentDialog
from desdesk.ui.sections.district import DistrictSection
from desdesk.ui.widgets.forms import select_data


def _section(qtbot: QtBot, workspace: Workspace) -> DistrictSection:
    section = DistrictSection(workspace)
    qtbot.addWidget(section)
    return section


def test_typing_governance_and_business_plan_saves_them_together(
    qtbot: QtBot, workspace: Workspace
) -> None:
    section = _section(qtbot, workspace)
    page = section.plan_page
    assert section.tabs.tabText(section.tabs.indexOf(page)) == "Governance e piano"
    editors = list(page.sections.values())
    captions = [c.text() for c in page.form.findChildren(QLabel) if c.buddy() in editors]
    assert captions == [label for _c, label in BUSINESS_PLAN_SECTIONS]
    assert "mercati locali" in page.sections["channels"].placeholderText()

    qtbot.keyClicks(
        page.governance, "L'assemblea approva bilancio e piano; il coordinamento esegue."
    )
    qtbot.keyClicks(page.sections["model"], "Spesa collettiva")
    qtbot.keyClicks(page.sections["target"], "Famiglie della Vallagarina")
    page.save_button.click()

    profile = workspace.district.profile()
    assert profile.governance == "L'assemblea approva bilancio e piano; il coordinamento esegue."
    assert profile.business_plan == {
        "model": "Spesa collettiva",
        "target": "Famiglie della Vallagarina",
    }
    message = section.findChild(type(page.message), "governance_message")
    assert message is not None and message.text().startswith("Salvato.")
    assert "Alleanze e partner" in message.text() and "Modello di business" not in message.text()

    # The profile tab's own save keeps what was saved here.
    section.save_profile()
    assert workspace.district.profile().business_plan["model"] == "Spesa collettiva"

    for code, _label in BUSINESS_PLAN_SECTIONS:
        page.sections[code].setPlainText(f"Testo per {code}")
    page.save_button.click()
    assert page.message.text() == "Salvato: governance e business plan completi."
    assert len(workspace.district.profile().business_plan) == 6

    # A new section shows what was saved.
    again = _section(qtbot, workspace)
    assert again.plan_page.governance.toPlainText() == profile.governance
    assert again.plan_page.sections["sustainability"].toPlainText() == "Testo per sustainability"


def test_valid_until_before_the_document_date_is_refused(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = FoundingDocumentDialog(workspace)
    qtbot.addWidget(dialog)
    select_data(dialog.kind, "accordo")
    dialog.title.setText("Accordo di distretto")
    dialog.date.setText("01/03/2024")
    dialog.valid_until.setText("28/02/2024")
    dialog.save()
    assert dialog.result() == 0
    assert "prima della data del documento" in dialog.form.error_text("valid_until")
    assert workspace.district.documents() == []

    dialog.valid_until.setText("01/03/2027")
    dialog.save()
    assert dialog.result() == 1
    (document,) = workspace.district.documents()
    assert document.valid_until == date(2027, 3, 1)


def test_the_documents_list_shows_the_end_date_and_the_duration(
    qtbot: QtBot, workspace: Workspace
) -> None:
    workspace.district.add_document(
        FoundingDocumentInput("accordo", "Accordo", date(2024, 3, 1), True, date(2027, 3, 1))
    )
    workspace.district.add_document(
        FoundingDocumentInput(
            "accordo", "Accordo breve", date(2025, 1, 15), True, date(2026, 7, 15)
        )
    )
    workspace.district.add_document(FoundingDocumentInput("statuto", "Statuto", date(2023, 5, 2)))
    section = _section(qtbot, workspace)
    model = section.documents
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    until, duration = headers.index("Valido fino al"), headers.index("Durata")
    rows = {model.index(r, 1).data(): r for r in range(model.rowCount())}
    assert model.index(rows["Accordo"], until).data() == "01/03/2027"
    assert model.index(rows["Accordo"], duration).data() == "3 anni"
    assert model.index(rows["Accordo breve"], duration).data() == "18 mesi"
    assert model.index(rows["Statuto"], duration).data() == ""

    edit = FoundingDocumentDialog(workspace, model.row_at(rows["Accordo"]))
    qtbot.addWidget(edit)
    assert edit.valid_until.text() == "01/03/2027"


def test_the_check_opens_the_tab_with_what_is_missing(qtbot: QtBot, workspace: Workspace) -> None:
    section = _section(qtbot, workspace)
    profile = workspace.district.profile()
    workspace.district.update_profile(replace(profile, mission=""))
    assert section.focus_record("profile", None)
    assert section.tabs.currentWidget() is section.profile_page  # C6: the mission first
    workspace.district.update_profile(replace(profile, mission="Filiera corta"))
    assert section.focus_record("profile", None)
    assert section.tabs.currentWidget() is section.plan_page  # C8/C10: governance, plan
    plan = {code: "testo" for code, _label in BUSINESS_PLAN_SECTIONS}
    workspace.district.update_profile(
        replace(profile, mission="Filiera corta", governance="Assemblea", business_plan=plan)
    )
    assert section.focus_record("profile", None)
    assert section.tabs.currentWidget() is section.profile_page
