"""The Assemblee section and its dialogs, driven with qtbot on a real district file."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlmodel import Session

from desdesk.db.models import Minutes, Task
from desdesk.domain.assembly_rules import AssemblyRules
from desdesk.schemas import AgendaItemInput, AssemblyInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.assembly_dialog import AssemblyDialog
from desdesk.ui.dialogs.convene_dialog import AssemblyRulesDialog, ConveneDialog
from desdesk.ui.sections.assemblies import AssembliesSection

TODAY = date(2026, 3, 1)


def type_into(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()
    qtbot.keyClicks(widget, text)


def add_item(qtbot, dialog: AssemblyDialog, title: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.agenda.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.agenda.title, title)


def section(qtbot, workspace: Workspace) -> AssembliesSection:  # type: ignore[no-untyped-def]
    view = AssembliesSection(workspace, today=TODAY)
    qtbot.addWidget(view)
    return view


def test_plan_with_three_items_and_reorder(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = AssemblyDialog(populated, None, today=TODAY)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.title, "Assemblea di primavera")
    type_into(qtbot, dialog.first_date, "10/04/2026")
    type_into(qtbot, dialog.first_time, "20:30")
    type_into(qtbot, dialog.second_date, "11/04/2026")
    type_into(qtbot, dialog.place, "Sala civica")
    for title in ("Bilancio", "Nuovi aderenti", "Varie"):
        add_item(qtbot, dialog, title)
    qtbot.keyClicks(dialog.agenda.proposer, "Tesoriere")  # on "Varie", the current item
    dialog.agenda.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.agenda.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.agenda.up_button, Qt.MouseButton.LeftButton)
    assert not dialog.agenda.up_button.isEnabled()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    saved = populated.assemblies.get(dialog.saved_id)
    assert [i.title for i in saved.agenda] == ["Varie", "Bilancio", "Nuovi aderenti"]
    assert saved.agenda[0].proposer == "Tesoriere"
    assert saved.data.first_call_time == time(20, 30)

    again = AssemblyDialog(populated, saved, today=TODAY)
    qtbot.addWidget(again)
    again.agenda.list.setCurrentRow(0)
    qtbot.mouseClick(again.agenda.down_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.agenda.remove_button, Qt.MouseButton.LeftButton)  # "Varie", now 2nd
    again.save()
    assert [i.title for i in populated.assemblies.get(saved.id).agenda] == [
        "Bilancio",
        "Nuovi aderenti",
    ]


def test_second_call_on_the_same_day_is_refused_next_to_the_field(
    qtbot, populated: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = AssemblyDialog(populated, None, today=TODAY)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.first_date, "10/04/2026")
    type_into(qtbot, dialog.first_time, "18:00")
    type_into(qtbot, dialog.second_date, "10/04/2026")
    type_into(qtbot, dialog.second_time, "19:00")
    add_item(qtbot, dialog, "Bilancio")
    add_item(qtbot, dialog, "")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "giorno diverso" in dialog.form.error_text("second_call_date")
    assert "punto 2" in dialog.form.error_text("agenda")
    type_into(qtbot, dialog.first_time, "ore otto")
    dialog.save()
    assert "HH:MM" in dialog.form.error_text("first_call_time")
    assert populated.assemblies.list() == []


def test_the_dialog_warns_about_a_short_notice_and_still_saves(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = AssemblyDialog(populated, None, today=TODAY)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.first_date, "05/03/2026")
    dialog.update_warnings()
    assert "preavviso" in dialog.warnings.text()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_convene_with_a_short_notice_shows_the_warning(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    service = populated.assemblies
    assembly_id = service.plan(AssemblyInput(date(2026, 3, 8), first_call_time=time(20, 0)), [])
    dialog = ConveneDialog(populated, service.get(assembly_id), today=TODAY)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.sent_on, "01/03/2026")
    assert "Preavviso troppo breve" in dialog.warnings.text()
    type_into(qtbot, dialog.sent_on, "20/02/2026")
    assert dialog.warnings.text() == ""
    type_into(qtbot, dialog.sent_on, "02/03/2026")
    dialog.via.setCurrentIndex(dialog.via.findData("pec"))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    convened = service.get(assembly_id)
    assert (convened.status, convened.convened_on, convened.convened_via) == (
        "convocata",
        date(2026, 3, 2),
        "pec",
    )


def test_the_section_lists_by_year_and_shows_the_gaps(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    service = populated.assemblies
    service.plan(AssemblyInput(date(2025, 1, 12), title="Inverno"), [])
    service.plan(AssemblyInput(date(2025, 9, 30), title="Autunno", place="Ala"), [])
    approved = service.plan(AssemblyInput(date(2026, 2, 20), title="Bilancio"), [])
    with Session(populated.file.engine) as s:
        s.add(Minutes(assembly_id=approved, approved_on=date(2026, 2, 25)))
        s.commit()
    view = section(qtbot, populated)
    assert view.tabs.tabText(0) == "Calendario"
    assert view.year.currentData() == 2026
    assert [a.data.title for a in view.model.rows()] == ["Bilancio"]
    assert view.model.index(0, 5).data() == "Verbale approvato"
    view.year.setCurrentIndex(view.year.findData(None))
    assert view.model.rowCount() == 3
    assert view.banner.isVisibleTo(view)
    assert view.banner.text() == (
        "Nessuna assemblea tra il 12/01/2025 e il 30/09/2025: più di 6 mesi."
    )


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    populated.assemblies.plan(AssemblyInput(date(2026, 4, 1), title="Primavera"), [])
    view = section(qtbot, populated)
    qtmodeltester.check(view.model)


def test_delete_is_refused_when_minutes_exist(  # type: ignore[no-untyped-def]
    qtbot, populated: Workspace, answer_yes: list[str], shown_messages: list[str]
) -> None:
    service = populated.assemblies
    kept = service.plan(AssemblyInput(date(2026, 2, 20), title="Con verbale"), [])
    with Session(populated.file.engine) as s:
        s.add(Minutes(assembly_id=kept))
        s.commit()
    gone = service.plan(AssemblyInput(date(2026, 4, 20), title="Da togliere"), [])
    view = section(qtbot, populated)
    view.select(kept)
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)
    assert "resta agli atti" in shown_messages[-1]
    assert [a.id for a in service.list()] == [kept, gone]
    view.select(gone)
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)
    assert [a.id for a in service.list()] == [kept]
    view.select(kept)
    qtbot.mouseClick(view.buttons["cancel"], Qt.MouseButton.LeftButton)
    assert service.get(kept).status == "annullata"
    assert view.model.index(0, 5).data() == "Annullata"


def test_open_tasks_are_offered_as_an_agenda_item(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = AssemblyDialog(populated, None, today=TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.agenda.tasks_button.isVisibleTo(dialog)
    member_id = populated.members.list_rows()[0].id
    with Session(populated.file.engine) as s:
        s.add(Task(member_id=member_id, description="Preparare il bilancio"))
        s.commit()
    dialog = AssemblyDialog(populated, None, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.agenda.tasks_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.agenda.tasks_button, Qt.MouseButton.LeftButton)
    [item] = dialog.agenda.items()
    assert item.title == "Verifica dei compiti assegnati"
    assert "Preparare il bilancio" in item.description


def test_settings_dialog_saves_the_rules(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = AssemblyRulesDialog(populated)
    qtbot.addWidget(dialog)
    dialog.spins["notice_days"].setValue(15)
    dialog.spins["proxies_per_member"].setValue(1)
    dialog.save()
    assert populated.assemblies.rules() == AssemblyRules(notice_days=15, proxies_per_member=1)


def test_export_from_the_section(  # type: ignore[no-untyped-def]
    qtbot, populated: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[str],
) -> None:  # fmt: skip
    populated.assemblies.plan(
        AssemblyInput(date(2026, 4, 10), title="Primavera"), [AgendaItemInput("Bilancio")]
    )
    target = tmp_path / "assemblee"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    view = section(qtbot, populated)
    qtbot.mouseClick(view.buttons["export"], Qt.MouseButton.LeftButton)
    assert (tmp_path / "assemblee.ics").read_bytes().count(b"BEGIN:VEVENT") == 1
    assert "1 assemblea" in shown_messages[-1]


def test_a_held_assembly_is_edited_without_convocation_warnings(
    qtbot, populated: Workspace
) -> None:  # type: ignore[no-untyped-def]
    service = populated.assemblies
    past = service.plan(AssemblyInput(date(2025, 10, 1), title="Passata"), [])
    dialog = AssemblyDialog(populated, service.get(past), today=TODAY)
    qtbot.addWidget(dialog)
    assert "già passata" in dialog.warnings.text()
    service.cancel(past)
    dialog = AssemblyDialog(populated, service.get(past), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.warnings.text() == ""


def test_a_new_assembly_in_another_year_is_shown_and_selected(  # type: ignore[no-untyped-def]
    qtbot, populated: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = section(qtbot, populated)
    assert view.year.currentData() == 2026

    def planned(dialog: AssemblyDialog) -> int:
        dialog.first_date.setText("15/01/2027")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(AssemblyDialog, "exec", planned)
    qtbot.mouseClick(view.buttons["new"], Qt.MouseButton.LeftButton)
    assert view.year.currentData() == 2027
    selected = view.selected()
    assert selected is not None and selected.data.first_call_date == date(2027, 1, 15)


def test_tasks_and_attendance_tabs(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    from desdesk.ui.widgets.attendance_record import AttendanceRecordView
    from desdesk.ui.widgets.tasks_view import TasksView

    section = AssembliesSection(populated)
    qtbot.addWidget(section)
    titles = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert titles == ["Calendario", "Compiti", "Presenze"]
    assert isinstance(section.tabs.widget(1), TasksView)
    assert section.attendance_view is None  # built only when opened
    section.tabs.setCurrentIndex(2)
    assert isinstance(section.attendance_view, AttendanceRecordView)
