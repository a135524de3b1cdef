"""Verifica in the main window: a finding opens the record to fix, fixing the data clears
the finding without restarting, and the Verifica entry counts errors and warnings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt

from desdesk.domain.check_types import Finding, Level, Target
from desdesk.domain.enums import AttendanceStatus, ReferentKind
from desdesk.money_schemas import FinancialYearInput
from desdesk.schemas import FoundingDocumentInput, ObjectiveInput, OfficeInput, TaskInput
from desdesk.services.workspace import Workspace
from desdesk.ui.main_window import CHECK_KEY, MainWindow
from desdesk.ui.sections.assemblies import AssembliesSection
from desdesk.ui.sections.base import Section
from desdesk.ui.sections.budget import BudgetSection
from desdesk.ui.sections.check import CheckSection
from desdesk.ui.sections.district import DistrictSection
from desdesk.ui.sections.indicators import IndicatorsSection
from desdesk.ui.sections.members import MembersSection
from desdesk.ui.sections.offices import OfficesSection
from desdesk.ui.sections.referents import ReferentsSection
from tests.factories import member_input, referent_input
from tests.roll_call_setup import insert_assembly, set_rules

LONELY = "Cooperativa Senza Titolare"


@pytest.fixture
def lonely_id(populated: Workspace) -> int:
    """An active member with no referent at all (C4 errore)."""
    return populated.members.add(member_input(LONELY, tax_code="", legal_form="aps"), None)


def _check(window: MainWindow) -> CheckSection:
    section = window.show_section("check")
    assert isinstance(section, CheckSection)
    return section


def _open(section: CheckSection, wanted: Finding) -> None:
    """Select a finding in its tab and press «Correggi…», as the user would."""
    view = section.view_of(wanted.rule)
    section.tabs.setCurrentIndex(0 if view is section.constitution else 1)
    view.table.selectRow(view.model.findings().index(wanted))
    assert view.fix_button.isEnabled()
    view.fix_button.click()


def _finding(section: CheckSection, rule: str, level: Level, text: str = "") -> Finding:
    found = [
        f
        for f in section.view_of(rule).model.findings()
        if f.rule == rule and f.level is level and text in f.message
    ]
    assert found, [f for f in section.view_of(rule).model.findings() if f.rule == rule]
    return found[0]


def _badge(window: MainWindow) -> str:
    items = [window.nav.item(i) for i in range(window.nav.count())]
    item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == CHECK_KEY)
    return str(item.text())


def test_c4_opens_the_member_without_referent(
    window: MainWindow, populated: Workspace, lonely_id: int
) -> None:
    section = _check(window)
    finding = _finding(section, "C4", Level.ERROR, LONELY)
    assert finding.target == Target("members", "member", lonely_id)
    members = window.section("members")
    assert isinstance(members, MembersSection)
    members.search.setText("Mori")  # a filter that hides the member: cleared to show it
    window.show_section("check")
    _open(section, finding)
    assert window.stack.currentWidget() is members
    assert members.selected_id() == lonely_id


def test_c5_opens_the_offices(window: MainWindow) -> None:
    section = _check(window)
    finding = _finding(section, "C5", Level.ERROR)
    _open(section, finding)
    assert window.stack.currentWidget() is window.section("offices")


def test_h2_opens_the_member_over_the_absence_threshold(
    window: MainWindow, populated: Workspace
) -> None:
    set_rules(populated, exclusion_threshold=2)
    members = {row.name: row.id for row in populated.members.list_rows()}
    absent = members["Comune di Mori"]
    today = date.today()
    for weeks in (12, 6):
        held = insert_assembly(populated, today - timedelta(weeks=weeks), status="svolta")
        for member_id in members.values():
            status = (
                AttendanceStatus.ABSENT if member_id == absent else AttendanceStatus.PRESENT_PRIMARY
            )
            populated.attendance.set_status(held, member_id, status)
    section = _check(window)
    section.reload()  # the roll calls were written behind the window's back
    finding = _finding(section, "H2", Level.ERROR, "Comune di Mori")
    _open(section, finding)
    shown = window.section("members")
    assert window.stack.currentWidget() is shown
    assert shown.selected_id() == absent  # type: ignore[union-attr]


def test_fixing_the_data_clears_the_finding_and_the_badge_follows(
    qtbot, window: MainWindow, populated: Workspace, lonely_id: int
) -> None:
    qtbot.waitUntil(lambda: window.check_counts is not None, timeout=10000)
    errors, warnings = populated.check.counts()
    assert window.check_counts == (errors, warnings)
    assert _badge(window) == f"Verifica ({errors} ✗, {warnings} ⚠)"
    section = _check(window)
    assert any(LONELY in f.message for f in section.constitution.model.findings()
               if f.level is Level.ERROR)  # fmt: skip
    referents = window.show_section("referents")
    assert referents is not None
    referents.apply(
        lambda: populated.referents.set_referent(
            lonely_id, ReferentKind.PRIMARY, referent_input("Irene", "Tomasi")
        )
    )
    assert section.stale
    qtbot.waitUntil(lambda: window.check_counts == (errors - 1, warnings), timeout=10000)
    assert _badge(window) == f"Verifica ({errors - 1} ✗, {warnings} ⚠)"
    window.show_section("check")
    assert not section.stale
    assert not any(
        LONELY in f.message for f in section.constitution.model.findings() if f.level is Level.ERROR
    )


def test_the_badge_is_in_words_for_screen_readers(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.check_counts is not None, timeout=10000)
    errors, _warnings = window.check_counts or (0, 0)
    item = next(
        window.nav.item(i)
        for i in range(window.nav.count())
        if window.nav.item(i).data(Qt.ItemDataRole.UserRole) == CHECK_KEY
    )
    spoken = item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Verifica: ") and ("errore" in spoken or "errori" in spoken)
    assert "avvis" in spoken and "✗" not in spoken
    assert item.toolTip().startswith("Verifica del distretto: ")
    window.apply_preferences("en", "")  # the navigation is rebuilt: the counts stay on it
    assert "✗" in _badge(window) or errors == 0
    window.apply_preferences("it", "")


S = TypeVar("S", bound=Section)


def _shown(window: MainWindow, target: Target, kind: type[S]) -> S:
    """Open a target; the section it shows, of the expected class."""
    assert window.open_target(target)
    section = window.stack.currentWidget()
    assert isinstance(section, kind)
    return section


def _id(row: Any) -> int | None:
    return None if row is None else int(row.id)


def test_each_section_brings_its_record_into_view(window: MainWindow, populated: Workspace) -> None:
    today = date.today()
    member_id = populated.members.list_rows()[0].id
    office = populated.offices.assign(OfficeInput("tesoriere", "Luca Pilati", date(2020, 1, 1),
                                                  end_date=date(2021, 12, 31)))  # fmt: skip
    objective = populated.district.add_objective(ObjectiveInput("Tre nuovi GAS"))
    document = populated.district.add_document(FoundingDocumentInput("statuto", "Statuto"))
    old_assembly = insert_assembly(populated, date(today.year - 2, 3, 10), status="svolta")
    task = populated.tasks.add(TaskInput(member_id, "Preparare il volantino"))
    populated.budget.open_year(FinancialYearInput(today.year - 1))
    populated.budget.open_year(FinancialYearInput(today.year))
    indicator = populated.indicators.indicators()[-1].id
    referent = populated.referents.list_all()[0]

    offices = _shown(window, Target("offices"), OfficesSection)
    offices.show_past.setChecked(False)  # the ended term is hidden: shown again to select it
    assert (
        _id(_shown(window, Target("offices", "office", office), OfficesSection).selected())
        == office
    )

    district = _shown(window, Target("district", "objective", objective), DistrictSection)
    assert _id(district._selected(district.objective_table, district.objectives)) == objective
    _shown(window, Target("district", "document", document), DistrictSection)
    assert _id(district._selected(district.document_table, district.documents)) == document
    district.tabs.setCurrentIndex(0)
    _shown(window, Target("district", "document", document), DistrictSection)  # C7, C12
    assert _id(district._selected(district.document_table, district.documents)) == document
    _shown(window, Target("district", "profile"), DistrictSection)
    assert district.tabs.currentWidget() in (district.profile_page, district.plan_page)

    assemblies = _shown(window, Target("assemblies", "assembly", old_assembly), AssembliesSection)
    assert _id(assemblies.selected()) == old_assembly  # in another year than the one shown
    _shown(window, Target("assemblies", "task", task), AssembliesSection)
    assert assemblies.tabs.currentWidget() is assemblies.tasks_view
    assert _id(assemblies.tasks_view.selected()) == task

    budget = _shown(window, Target("budget", "year", today.year - 1), BudgetSection)
    chosen = budget.selected_year()
    assert chosen is not None and chosen.year == today.year - 1

    indicators = _shown(window, Target("indicators", "indicator", indicator), IndicatorsSection)
    assert _id(indicators.selected_indicator()) == indicator

    referents = _shown(window, Target("referents", "referent", referent.id), ReferentsSection)
    assert _id(referents.selected()) == referent.id
    _shown(window, Target("referents", "member", referent.member_id), ReferentsSection)
    selected = referents.selected()
    assert selected is not None and selected.member_id == referent.member_id
    assert selected.kind == ReferentKind.PRIMARY.value


def test_a_record_that_is_gone_is_said_in_the_status_bar(window: MainWindow) -> None:
    assert not window.open_target(Target("members", "member", 99999))
    assert window.stack.currentWidget() is window.section("members")
    assert "non è in questa sezione" in window.statusBar().currentMessage()
    assert not window.open_target(Target("nowhere"))
