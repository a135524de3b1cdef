"""Verifica: the district checked against the constitution requirements (C1–C12) and the
health signals (H1–H10), each finding explained and one click away from the record to
fix; a third tab pictures the district (K5's widget, loaded when first shown).

The report comes from `ws.check.report()`; the section reloads it when created and
when shown again after a save elsewhere (the main window's `stale` mechanism).
"""

from __future__ import annotations

import html
import importlib.util
import logging
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk.check_schemas import CheckReport
from desdesk.domain.check_types import Finding, Level, Phase
from desdesk.i18n import N_, _, format_date, ngettext
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.sections.base import Section
from desdesk.ui.widgets.findings_view import FindingsView
from desdesk.ui.widgets.forms import add_buttons

log = logging.getLogger(__name__)

PICTURES_MODULE = "desdesk.ui.widgets.check_pictures"

# What each constitution rule asks for, to name what is missing in the verdict.
RULE_TITLES: dict[str, str] = {
    "C1": N_("almeno 3 aderenti"),
    "C2": N_("un aderente iscritto ai disciplinari"),
    "C3": N_("forme giuridiche diverse"),
    "C4": N_("un referente titolare per ogni aderente"),
    "C5": N_("coordinatore e referente esterno"),
    "C6": N_("missione e obiettivi misurabili"),
    "C7": N_("un documento fondativo"),
    "C8": N_("governance e calendario delle assemblee"),
    "C9": N_("la filiera coperta"),
    "C10": N_("il business plan"),
    "C11": N_("il piano finanziario"),
    "C12": N_("un accordo di almeno 3 anni"),
}

_BANNER_STYLE = (
    "QLabel#verdictBanner {{ background: {background}; color: {colour}; "
    "border: 1px solid {colour}; border-radius: 4px; padding: 8px; }}"
)
_READY_STYLE = _BANNER_STYLE.format(background="#e8f5ec", colour="#1b6e34")
_NOT_READY_STYLE = _BANNER_STYLE.format(background="#fdecee", colour="#b00020")


def verdict_text(report: CheckReport) -> str:
    """The verdict: ready to constitute, or which rules at level errore are missing."""
    if report.ready_to_constitute:
        return _("✓ Pronto per la costituzione")
    rules: list[str] = []
    for finding in report.of_phase(Phase.CONSTITUTION):
        if finding.level is Level.ERROR and finding.rule not in rules:
            rules.append(finding.rule)
    missing = ", ".join(
        f"{rule} ({_(RULE_TITLES[rule])})" if rule in RULE_TITLES else rule for rule in rules
    )
    return _("✗ Non ancora pronto: mancano {missing}.").format(missing=missing)


def counts_text(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """The errors and warnings in words ("2 errori, 5 avvisi"), or that all is in order."""
    errors = sum(1 for f in findings if f.level is Level.ERROR)
    warnings = sum(1 for f in findings if f.level is Level.WARNING)
    if not errors and not warnings:
        return _("Nessun errore né avviso: tutto in regola.")
    return "{errors}, {warnings}".format(
        errors=ngettext("{n} errore", "{n} errori", errors).format(n=errors),
        warnings=ngettext("{n} avviso", "{n} avvisi", warnings).format(n=warnings),
    )


class CheckSection(Section):
    """`open_target(Target)`: show the record a finding points at (the main window does)."""

    open_target = Signal(object)

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.today = today
        self.report: CheckReport | None = None
        self.constitution = FindingsView(self)
        self.health = FindingsView(self)
        for view in (self.constitution, self.health):
            view.open_target.connect(self.open_target)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("checkTabs")
        self.tabs.addTab(self._constitution_tab(), Phase.CONSTITUTION.label())
        self.tabs.addTab(self._health_tab(), Phase.CONSOLIDATION.label())
        self.pictures: QWidget | None = None
        self._pictures_holder: QWidget | None = None
        self._pictures_stale = False
        if importlib.util.find_spec(PICTURES_MODULE) is not None:
            self._pictures_holder = QWidget()
            QVBoxLayout(self._pictures_holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(self._pictures_holder, _("Quadro d'insieme"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_bar())
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.as_of = QLabel()
        self.as_of.setObjectName("checkDate")
        bar.addWidget(self.as_of)
        bar.addStretch(1)
        self.buttons = add_buttons(
            bar,
            (
                ("recheck", _("Verifica di nuovo"), self.reload),
                ("settings", _("Soglie…"), self.edit_settings),
            ),
        )
        self.buttons["settings"].setToolTip(
            _("Le soglie della verifica: assenze, partecipazione, quota pubblica, cariche…")
        )
        return bar

    def _constitution_tab(self) -> QWidget:
        page = QWidget()
        self.verdict = QLabel()
        self.verdict.setObjectName("verdictBanner")
        self.verdict.setWordWrap(True)
        intro = QLabel(
            _(
                "I requisiti per costituire il distretto (Delibera 1949/2020 e toolkit, "
                "parte 2). Doppio clic su una riga, o «Correggi…», per aprire il dato da "
                "sistemare."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.verdict)
        layout.addWidget(intro)
        layout.addWidget(self.constitution, 1)
        return page

    def _health_tab(self) -> QWidget:
        page = QWidget()
        self.health_summary = QLabel()
        self.health_summary.setObjectName("healthSummary")
        self.health_summary.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.health_summary)
        layout.addWidget(self.health, 1)
        return page

    # -- content ----------------------------------------------------------------------------
    def refresh(self) -> None:
        report = self.workspace.check.report(today=self.today)
        self.report = report
        self.as_of.setText(_("Situazione al {date}").format(date=format_date(report.today)))
        self.constitution.set_findings(report.of_phase(Phase.CONSTITUTION))
        self.health.set_findings(report.of_phase(Phase.CONSOLIDATION))
        self._show_verdict(report)
        health = report.of_phase(Phase.CONSOLIDATION)
        self.health_summary.setText(
            _("Segnali da tenere d'occhio dopo la costituzione (toolkit, parte 3): {counts}")
            .format(counts=counts_text(health))
        )  # fmt: skip
        self._pictures_stale = True
        if self.tabs.currentWidget() is self._pictures_holder:
            self._tab_shown()

    def _show_verdict(self, report: CheckReport) -> None:
        text = verdict_text(report)
        warnings = report.count(Level.WARNING, Phase.CONSTITUTION)
        if report.ready_to_constitute and warnings:
            text += " " + ngettext(
                "({n} avviso da guardare)", "({n} avvisi da guardare)", warnings
            ).format(n=warnings)
        self.verdict.setText(f"<b>{html.escape(text)}</b>")
        self.verdict.setAccessibleName(text)
        self.verdict.setStyleSheet(_READY_STYLE if report.ready_to_constitute else _NOT_READY_STYLE)

    def _tab_shown(self) -> None:
        """The pictures are built when their tab is first shown, refreshed when stale."""
        if self._pictures_holder is None or self.tabs.currentWidget() is not self._pictures_holder:
            return
        try:
            if self.pictures is None:
                from desdesk.ui.widgets.check_pictures import CheckPictures

                self.pictures = CheckPictures(self.workspace, self._pictures_holder)
                layout = self._pictures_holder.layout()
                assert layout is not None
                layout.addWidget(self.pictures)
                self.pictures.refresh()  # the widget reads nothing until asked
            elif self._pictures_stale:
                self.pictures.refresh()  # type: ignore[attr-defined]
        except Exception as exc:
            show_error(self, exc)
            return
        self._pictures_stale = False

    # -- navigation and settings --------------------------------------------------------------
    def view_of(self, rule: str) -> FindingsView:
        """The tab's checklist where a rule ("C4", "H2") is."""
        return self.constitution if rule.startswith("C") else self.health

    def show_rule(self, rule: str) -> bool:
        """Show a rule's tab with the rule selected."""
        view = self.view_of(rule)
        self.tabs.setCurrentIndex(0 if view is self.constitution else 1)
        return view.select_rule(rule)

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        if record == "settings":  # after the navigation, not inside it
            QTimer.singleShot(0, self.edit_settings)
            return True
        return False

    def edit_settings(self) -> None:
        from desdesk.ui.dialogs.check_settings import CheckSettingsDialog

        try:
            dialog = CheckSettingsDialog(self.workspace, self)
        except Exception as exc:
            show_error(self, exc)
            return
        self.run_dialog(dialog)
