"""Verifica: the checklist model, the findings view, the verdict, the thresholds dialog."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from desdesk.check_schemas import CheckReport
from desdesk.domain.check_types import CheckSettings, Finding, Level, Phase, Target
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.check_settings import CheckSettingsDialog
from desdesk.ui.models.check import FINDING_ROLE, LEVEL, LEVEL_COLOURS, MESSAGE, FindingsModel
from desdesk.ui.sections.check import CheckSection, counts_text, verdict_text
from desdesk.ui.widgets.findings_view import FindingsView

_ROLE = Qt.ItemDataRole
TODAY = date(2026, 11, 26)

FINDINGS = (
    Finding("C1", Level.OK, "4 aderenti attivi: ne servono almeno 3", "Delibera 1949/2020"),
    Finding(
        "C4",
        Level.ERROR,
        "Manca il referente titolare di Cooperativa Alfa",
        "toolkit 2.1",
        "Senza titolare nessuno parla per l'aderente in assemblea.",
        Target("members", "member", 7),
    ),
    Finding("C5", Level.ERROR, "Manca il coordinatore", "toolkit 2.2", "", Target("offices")),
    Finding("C6", Level.WARNING, "Nessun obiettivo misurabile", "toolkit 2.1"),
)


def _report(findings: tuple[Finding, ...]) -> CheckReport:
    return CheckReport(TODAY, "DES Prova", findings, CheckSettings())


def test_the_model_passes_the_model_tester(qtmodeltester) -> None:
    model = FindingsModel()
    model.set_findings(FINDINGS)
    qtmodeltester.check(model)
    model.set_findings([])
    qtmodeltester.check(model)


def test_the_level_is_a_symbol_a_colour_and_a_word() -> None:
    model = FindingsModel()
    model.set_findings(FINDINGS)
    texts = [model.index(row, LEVEL).data() for row in range(model.rowCount())]
    assert texts == ["✓ In regola", "✗ Errore", "✗ Errore", "⚠ Avviso"]
    brush = model.index(1, LEVEL).data(_ROLE.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color().name() == LEVEL_COLOURS[Level.ERROR]
    assert model.index(1, LEVEL).data(_ROLE.AccessibleTextRole) == "Errore"
    assert model.index(1, MESSAGE).data(_ROLE.AccessibleTextRole).startswith("Errore: Manca")
    assert model.index(1, MESSAGE).data(_ROLE.ToolTipRole).startswith("Senza titolare")
    assert model.index(3, 0).data(FINDING_ROLE) is FINDINGS[3]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Esito", "Regola", "Cosa risulta", "Fonte"]


def test_the_view_explains_the_first_problem_and_opens_its_target(qtbot) -> None:
    view = FindingsView()
    qtbot.addWidget(view)
    view.set_findings(FINDINGS)
    assert view.selected() is FINDINGS[1]  # the first error, not the first row
    assert "Manca il referente titolare" in view.detail_title.text()
    assert "Senza titolare" in view.detail_reason.text()
    assert view.detail_source.text() == "Fonte: toolkit 2.1"
    assert view.fix_button.isEnabled() and view.fix_button.text() == "Correggi…"
    assert "Aderenti" in view.fix_button.toolTip()
    with qtbot.waitSignal(view.open_target) as opened:
        view.fix_button.click()
    assert opened.args == [Target("members", "member", 7)]
    view.table.selectRow(3)  # no target: nothing to open
    assert not view.fix_button.isEnabled()
    assert view.open_selected() is None
    view.table.selectRow(0)
    assert view.fix_button.text() == "Apri…"


def test_a_double_click_opens_the_target(qtbot) -> None:
    view = FindingsView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    view.set_findings(FINDINGS)
    qtbot.waitExposed(view)
    rect = view.table.visualRect(view.table.model().index(2, MESSAGE))
    viewport = view.table.viewport()
    with qtbot.waitSignal(view.open_target) as opened:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [Target("offices")]


def test_new_findings_keep_the_selected_finding(qtbot) -> None:
    view = FindingsView()
    qtbot.addWidget(view)
    view.set_findings(FINDINGS)
    view.select_rule("C6")
    view.set_findings(FINDINGS[::-1])
    assert view.selected() is not None and view.selected().rule == "C6"  # type: ignore[union-attr]


def test_the_verdict_names_what_is_missing() -> None:
    assert verdict_text(_report(FINDINGS)) == (
        "✗ Non ancora pronto: mancano C4 (un referente titolare per ogni aderente), "
        "C5 (coordinatore e referente esterno)."
    )
    ready = (FINDINGS[0], FINDINGS[3], Finding("H2", Level.ERROR, "Troppe assenze", "x"))
    assert verdict_text(_report(ready)) == "✓ Pronto per la costituzione"  # H rules don't count


@pytest.fixture
def section(qtbot, populated: Workspace) -> CheckSection:
    widget = CheckSection(populated)
    qtbot.addWidget(widget)
    return widget


def test_the_section_shows_both_phases_with_the_verdict(
    section: CheckSection, populated: Workspace
) -> None:
    tabs = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert tabs[:2] == ["Costituzione", "Salute del distretto"]
    report = populated.check.report()
    rules = [f.rule for f in section.constitution.model.findings()]
    assert rules == [f.rule for f in report.of_phase(Phase.CONSTITUTION)]
    assert {f"C{n}" for n in range(1, 13)} <= set(rules)
    health = {f.rule for f in section.health.model.findings()}
    assert {f"H{n}" for n in range(1, 11)} <= health
    # The populated district has no coordinator: not ready, and C5 is named.
    assert not report.ready_to_constitute
    assert "Non ancora pronto" in section.verdict.text() and "C5" in section.verdict.text()
    assert "#b00020" in section.verdict.styleSheet()
    assert section.verdict.accessibleName().startswith("✗ Non ancora pronto")
    assert section.health_summary.text().endswith(counts_text(report.of_phase(Phase.CONSOLIDATION)))


def test_the_pictures_tab_is_built_when_first_shown(section: CheckSection) -> None:
    titles = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert titles[2] == "Quadro d'insieme"
    assert section.pictures is None
    section.tabs.setCurrentIndex(2)
    assert section.pictures is not None
    # Shown with the district's data at once (the populated district has members).
    assert section.pictures.coverage_model.rowCount() > 1  # type: ignore[attr-defined]
    assert section.pictures.nature_chart.bars.count() > 0  # type: ignore[attr-defined]
    section.refresh()  # refreshed while in view, without being built again
    assert section.pictures is not None and not section._pictures_stale


def test_show_rule_switches_to_its_tab(section: CheckSection) -> None:
    assert section.show_rule("H1")
    assert section.tabs.currentIndex() == 1
    assert section.health.selected() is not None and section.health.selected().rule == "H1"  # type: ignore[union-attr]
    assert section.show_rule("C3")
    assert section.tabs.currentIndex() == 0


def test_the_thresholds_dialog_saves_the_settings(qtbot, populated: Workspace) -> None:
    dialog = CheckSettingsDialog(populated)
    qtbot.addWidget(dialog)
    spins = dialog.spins
    assert spins["structure_cost_target_percent"].text() == "nessun obiettivo"
    spins["public_share_warning_percent"].setValue(60)
    spins["structure_cost_target_percent"].setValue(25)
    spins["office_notice_days"].setValue(120)
    spins["exclusion_threshold"].setValue(4)
    spins["report_deadline_day"].setValue(31)
    dialog.month.setCurrentIndex(dialog.month.findData(5))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = populated.check.settings()
    assert saved.public_share_warning_percent == 60
    assert saved.structure_cost_target_percent == 25
    assert saved.office_notice_days == 120
    assert (saved.report_deadline_month, saved.report_deadline_day) == (5, 31)
    assert saved.exclusion_threshold == 4
    assert populated.assemblies.rules().exclusion_threshold == 4  # one threshold, shared
    again = CheckSettingsDialog(populated)
    qtbot.addWidget(again)
    again.spins["structure_cost_target_percent"].setValue(0)
    again.save()
    assert populated.check.settings().structure_cost_target_percent is None


def test_the_thresholds_dialog_refuses_a_day_the_month_lacks(
    qtbot, populated: Workspace, shown_messages: list[str]
) -> None:
    dialog = CheckSettingsDialog(populated)
    qtbot.addWidget(dialog)
    dialog.spins["report_deadline_day"].setValue(31)
    dialog.month.setCurrentIndex(dialog.month.findData(2))
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    shown = " ".join(dialog.form.error_text(f) for f in dialog.form.errors) + " ".join(
        shown_messages
    )
    assert shown.strip()  # the reason is shown, under a field or in a box
    assert populated.check.settings().report_deadline_day == CheckSettings().report_deadline_day
