"""Every form that saves an existing record: refused when someone else saved it first,
reloaded on request (the saved values, with the new edit count), then saved.

The other officer's save goes through the service as "Bruno Zeni"; the dialog module's
`ask_to_reload` is replaced by one that records the message and chooses to reload.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from desdesk.domain.enums import ReferentKind
from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.schemas import AgendaItemInput, AssemblyInput, OfficeInput, TaskInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs import (
    assembly_dialog,
    minutes_dialog,
    movement,
    office_dialog,
    referent_dialog,
    task_dialogs,
    withdraw_dialog,
)
from desdesk.ui.dialogs.assembly_dialog import AssemblyDialog
from desdesk.ui.dialogs.minutes_dialog import MinutesDialog
from desdesk.ui.dialogs.movement import MovementDialog
from desdesk.ui.dialogs.office_dialog import OfficeDialog
from desdesk.ui.dialogs.referent_dialog import ReferentDialog, ReferentMode
from desdesk.ui.dialogs.task_dialogs import TaskDialog
from desdesk.ui.dialogs.withdraw_dialog import WithdrawDialog
from desdesk.ui.sections import district
from desdesk.ui.sections.district import DistrictSection
from tests.assembly_rows import add_assembly, add_members
from tests.factories import member_input, referent_input


def _reload_chosen(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list[str]:
    """The messages the form showed; the user always chooses «Ricarica»."""
    told: list[str] = []

    def reload(_parent: object, exc: Exception, _title: str) -> bool:
        told.append(str(getattr(exc, "message", exc)))
        return True

    monkeypatch.setattr(module, "ask_to_reload", reload)
    return told


def _as_bruno(workspace: Workspace) -> None:
    workspace.history.set_actor("Bruno Zeni")


def _as_anna(workspace: Workspace) -> None:
    workspace.history.set_actor("Anna Rossi")


def _refused(told: list[str], what: str) -> None:
    assert len(told) == 1
    assert "Bruno Zeni" in told[0] and what in told[0] and "non sono state salvate" in told[0]


def test_withdraw_form_opened_before_an_edit(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    dialog = WithdrawDialog(workspace, member_id, "Bottega Equa")
    qtbot.addWidget(dialog)
    _as_bruno(workspace)
    theirs = workspace.members.get(member_id)
    workspace.members.update(member_id, replace(theirs.data, notes="nota di Bruno"))
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, withdraw_dialog)

    qtbot.keyClicks(dialog.reason, "recesso volontario")
    dialog.save()
    assert dialog.result() == 0
    _refused(told, "questo aderente")
    assert workspace.members.get(member_id).left_on is None

    dialog.save()  # the reloaded edit count: the withdrawal goes through
    assert dialog.result() == 1
    saved = workspace.members.get(member_id)
    assert saved.left_on is not None and saved.leave_reason == "recesso volontario"
    assert saved.data.notes == "nota di Bruno"


def test_district_profile_and_plan_reload_then_save(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = DistrictSection(workspace)
    qtbot.addWidget(section)
    _as_bruno(workspace)
    theirs = workspace.district.profile()
    workspace.district.update_profile(replace(theirs, mission="Missione di Bruno"))
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, district)

    fields = section.profile_fields
    qtbot.keyClicks(fields.seat, "Via Roma 1")
    section.save_profile()
    _refused(told, "il profilo del distretto")
    assert fields.mission.toPlainText() == "Missione di Bruno"  # the saved profile
    assert fields.seat.text() == ""
    assert workspace.district.profile().seat == ""

    qtbot.keyClicks(fields.seat, "Via Roma 1")
    section.save_profile()
    qtbot.keyClicks(section.plan_page.governance, "Decide l'assemblea.")
    section.save_plan()  # her own saves do not refuse each other
    assert len(told) == 1
    saved = workspace.district.profile()
    assert saved.seat == "Via Roma 1" and saved.mission == "Missione di Bruno"
    assert saved.governance == "Decide l'assemblea."


def test_assembly_form_reload_then_save(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = date.today() + timedelta(days=30)
    assembly_id = workspace.assemblies.plan(
        AssemblyInput(first_call_date=day), [AgendaItemInput("Bilancio")]
    )
    dialog = AssemblyDialog(workspace, workspace.assemblies.get(assembly_id))
    qtbot.addWidget(dialog)
    _as_bruno(workspace)
    theirs = workspace.assemblies.get(assembly_id)
    agenda = [*theirs.agenda, AgendaItemInput("Varie")]
    workspace.assemblies.update(assembly_id, replace(theirs.data, place="Sala civica"), agenda)
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, assembly_dialog)

    qtbot.keyClicks(dialog.title, "Assemblea di primavera")
    dialog.save()
    assert dialog.result() == 0
    _refused(told, "questa assemblea")
    assert dialog.place.text() == "Sala civica" and dialog.title.text() == ""
    assert [item.title for item in dialog.agenda.items()] == ["Bilancio", "Varie"]

    qtbot.keyClicks(dialog.title, "Assemblea di primavera")
    dialog.save()
    assert dialog.result() == 1
    saved = workspace.assemblies.get(assembly_id)
    assert saved.data.title == "Assemblea di primavera" and saved.data.place == "Sala civica"
    assert len(saved.agenda) == 2


def test_minutes_form_reload_then_save(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assembly_id = add_assembly(workspace, present=add_members(workspace, 3))
    dialog = MinutesDialog(workspace, assembly_id)
    qtbot.addWidget(dialog)
    _as_bruno(workspace)
    theirs = workspace.minutes.current(assembly_id)
    assert theirs is not None
    workspace.minutes.save(theirs.id, replace(theirs.data, president="Giulia Bertolini"))
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, minutes_dialog)

    qtbot.keyClicks(dialog.header.secretary, "Anna Rossi")
    assert not dialog.save()
    _refused(told, "questo verbale")
    assert dialog.header.president.text() == "Giulia Bertolini"
    assert dialog.header.secretary.text() == ""

    qtbot.keyClicks(dialog.header.secretary, "Anna Rossi")
    assert dialog.save()
    saved = workspace.minutes.get(theirs.id)
    assert saved.data.president == "Giulia Bertolini" and saved.data.secretary == "Anna Rossi"


def test_task_form_reload_then_save(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    (member_id,) = add_members(workspace, 1)
    task_id = workspace.tasks.add(TaskInput(member_id, "Prenotare la sala"))
    dialog = TaskDialog(workspace, workspace.tasks.get(task_id))
    qtbot.addWidget(dialog)
    _as_bruno(workspace)
    theirs = workspace.tasks.get(task_id)
    workspace.tasks.update(task_id, replace(theirs.data, due_date=date(2027, 3, 1)))
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, task_dialogs)

    qtbot.keyClicks(dialog.description, " grande")
    dialog.save()
    assert dialog.result() == 0
    _refused(told, "questo compito")
    assert dialog.due.text() == "01/03/2027"
    assert dialog.description.text() == "Prenotare la sala"

    qtbot.keyClicks(dialog.description, " grande")
    dialog.save()
    assert dialog.result() == 1
    saved = workspace.tasks.get(task_id)
    assert saved.data.description == "Prenotare la sala grande"
    assert saved.data.due_date == date(2027, 3, 1)


def test_movement_form_reload_then_save(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2026))
    category = next(c.id for c in budget.categories() if c.code == "UA1")
    movement_id = budget.add_movement(MovementInput(date(2026, 4, 2), Decimal("120"), category))
    dialog = MovementDialog(workspace, budget.movement(movement_id), 2026)
    qtbot.addWidget(dialog)
    _as_bruno(workspace)
    theirs = budget.movement(movement_id)
    budget.update_movement(movement_id, replace(theirs.data, document_ref="Fattura 7"))
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, movement)

    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "150")
    dialog.save()
    assert dialog.result() == 0
    _refused(told, "questo movimento")
    assert dialog.document.text() == "Fattura 7" and dialog.amount.text() == "120,00"

    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "150")
    dialog.save()
    assert dialog.result() == 1
    saved = budget.movement(movement_id)
    assert saved.data.amount == Decimal("150") and saved.data.document_ref == "Fattura 7"


def test_referent_correction_reload_then_save(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"), referent_input())
    current = workspace.referents.current(member_id)[ReferentKind.PRIMARY]
    dialog = ReferentDialog(workspace, ReferentMode.CORRECT, current)
    qtbot.addWidget(dialog)
    _as_bruno(workspace)
    workspace.referents.correct(current.id, referent_input(email="giulia@bottega.example"))
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, referent_dialog)

    dialog.role.setText("Tesoriera")
    dialog.save()
    assert dialog.result() == 0
    _refused(told, "questo referente")
    assert dialog.email.text() == "giulia@bottega.example"
    assert dialog.role.text() != "Tesoriera"

    dialog.role.setText("Tesoriera")
    dialog.save()
    assert dialog.result() == 1
    (saved,) = workspace.referents.history(member_id)
    assert saved.role == "Tesoriera" and saved.email == "giulia@bottega.example"


def test_office_term_reload_then_save(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    term = OfficeInput(kind="tesoriere", person_name="Luca Dallapè", start_date=date(2025, 1, 1))
    office_id = workspace.offices.assign(term)
    (read,) = workspace.offices.terms()
    dialog = OfficeDialog(workspace, read)
    qtbot.addWidget(dialog)
    _as_bruno(workspace)
    workspace.offices.update(office_id, replace(term, end_date=date(2027, 12, 31)))
    _as_anna(workspace)
    told = _reload_chosen(monkeypatch, office_dialog)

    dialog.notes.setText("rieletto")
    dialog.save()
    assert dialog.result() == 0
    _refused(told, "questa carica")
    assert dialog.end.text() == "31/12/2027" and dialog.notes.text() == ""

    dialog.notes.setText("rieletto")
    dialog.save()
    assert dialog.result() == 1
    (saved,) = workspace.offices.terms()
    assert saved.notes == "rieletto" and saved.end_date == date(2027, 12, 31)
