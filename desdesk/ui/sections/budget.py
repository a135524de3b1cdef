"""Bilancio: the financial years, plan vs actual (Rendiconto), the movements, the
membership fees (Quote) and the multi-year view (Pluriennale).

The Quote and Pluriennale tabs live in their own modules and are loaded when the section
is built; each tab has `set_year`, `refresh` and `changed`. A save in one tab refreshes
only the tabs that depend on what it saved (a fee payment is a movement, a movement
changes the statement, a planned amount only the statement and the multi-year view).
While the section is on screen only the tab being looked at is refreshed at once: the
others are marked stale and refreshed when they are next shown, so typing a Preventivo
does not reload 10,000 movements.
"""

from __future__ import annotations

import importlib
import logging
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import N_, _
from desdesk.money_schemas import FinancialYearRead
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.budget_categories import CategoriesDialog
from desdesk.ui.dialogs.budget_year import YearDialog
from desdesk.ui.errors import show_error
from desdesk.ui.sections.base import Section
from desdesk.ui.widgets.budget_movements import MovementsView
from desdesk.ui.widgets.budget_statement import StatementView
from desdesk.ui.widgets.forms import add_buttons, ask

log = logging.getLogger("desdesk")

# Tab → the tabs showing data it writes (by role, see `BudgetSection._role`).
_DEPENDENTS: dict[str, tuple[str, ...]] = {
    "statement": ("MultiYearTab",),  # the plan: forecasts and the current column
    "movements": ("statement", "FeesTab", "MultiYearTab"),
    "FeesTab": ("statement", "movements", "MultiYearTab"),  # a payment is a movement
    "MultiYearTab": ("statement",),  # investments
}

# (module, class, tab title msgid) of the tabs written as separate widgets.
_OTHER_TABS = (
    ("desdesk.ui.widgets.fees_tab", "FeesTab", N_("Quote")),
    ("desdesk.ui.widgets.multi_year_tab", "MultiYearTab", N_("Pluriennale")),
)


def _other_tab(workspace: Workspace, module: str, name: str, parent: QWidget) -> QWidget | None:
    """Build a tab from its module, or None when this build has no such module."""
    try:
        cls: Any = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log.warning("Budget tab %s.%s not available", module, name)
        return None
    widget = cls(workspace, parent)
    assert isinstance(widget, QWidget)
    return widget


class BudgetSection(Section):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.today = today or date.today()
        self.years: list[FinancialYearRead] = []
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("budgetYear")
        self.year_combo.setMinimumContentsLength(12)
        self.year_state = QLabel()
        self.year_state.setObjectName("yearState")
        self.buttons: dict[str, QPushButton] = {}
        self.statement_view = StatementView(workspace, self)
        self.movements_view = MovementsView(workspace, self, today=self.today)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("budgetTabs")
        self.tabs.addTab(self.statement_view, _("Rendiconto"))
        self.tabs.addTab(self.movements_view, _("Movimenti"))
        self.other_tabs: dict[str, Any] = {}  # QWidgets with set_year/refresh/changed
        for module, name, title in _OTHER_TABS:
            tab = _other_tab(workspace, module, name, self)
            if tab is not None:
                self.other_tabs[name] = tab
                self.tabs.addTab(tab, _(title))
        # Tabs whose data changed while they were not shown: refreshed when shown.
        self.stale_tabs: dict[str, bool] = {role: False for role in self._views()}
        for role, view in self._views().items():
            changed = getattr(view, "changed", None)
            if changed is not None:
                changed.connect(lambda r=role: self._tab_saved(r))
        self.tabs.currentChanged.connect(lambda _i: self._catch_up())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._top_bar())
        layout.addWidget(self.stack, 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self._year_chosen())
        self.refresh()

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(9, 9, 9, 0)
        bar.addWidget(QLabel(_("Esercizio:")))
        bar.addWidget(self.year_combo)
        bar.addWidget(self.year_state)
        bar.addStretch(1)
        self.buttons.update(
            add_buttons(
                bar,
                (
                    ("new_year", _("Nuovo esercizio…"), self.new_year),
                    ("edit_year", _("Esercizio…"), self.edit_year),
                    ("close_year", _("Chiudi esercizio"), self.toggle_closed),
                    ("categories", _("Categorie…"), self.edit_categories),
                ),
            )
        )
        return bar

    def _empty_state(self) -> QWidget:
        page = QWidget()
        text = QLabel(
            _("Non c'è ancora nessun esercizio. Apri il primo esercizio per scrivere il "
              "preventivo e registrare entrate e uscite.")
        )  # fmt: skip
        text.setObjectName("emptyStateText")
        text.setWordWrap(True)
        text.setFixedWidth(480)
        # A centred item does not get height-for-width from the layout: ask the label.
        text.setMinimumHeight(text.heightForWidth(480))
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        button = QPushButton(_("Apri il primo esercizio"))
        button.setObjectName("firstYearButton")
        button.clicked.connect(lambda _checked=False: self.new_year())
        heading = QLabel(f"<h2>{_('Bilancio')}</h2>")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(heading, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    # -- content --------------------------------------------------------------------------
    def selected_year(self) -> FinancialYearRead | None:
        year = self.year_combo.currentData()
        return next((y for y in self.years if y.year == year), None)

    def refresh(self) -> None:
        """Reload the years (keeping the one shown) and every tab."""
        current = self.year_combo.currentData()
        self.years = self.workspace.budget.years()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in self.years:
            label = str(y.year) if not y.closed else _("{year} (chiuso)").format(year=y.year)
            self.year_combo.addItem(label, y.year)
        index = self.year_combo.findData(current if current is not None else self.today.year)
        self.year_combo.setCurrentIndex(index if index >= 0 else 0)
        self.year_combo.blockSignals(False)
        self._year_chosen()

    def select_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """A financial year (`record_id` is the year): chosen, on the Rendiconto tab; the
        plan and the investments ("plan") on the Pluriennale tab."""
        if record == "year" and record_id is not None:
            if self.year_combo.findData(record_id) < 0:
                return False
            self.select_year(record_id)
            self.tabs.setCurrentWidget(self.statement_view)
            return True
        if record == "plan" and "MultiYearTab" in self.other_tabs:
            self.tabs.setCurrentWidget(self.other_tabs["MultiYearTab"])
            return True
        return False

    def _year_chosen(self) -> None:
        chosen = self.selected_year()
        self.stack.setCurrentIndex(1 if chosen is not None else 0)
        self._update_bar(chosen)
        for role in self._views():
            if self._seen(role):
                self._load(role)
            else:
                self.stale_tabs[role] = True

    # -- tabs -----------------------------------------------------------------------------
    def _views(self) -> dict[str, Any]:
        """Every tab by role: "statement", "movements", then the other tabs' class names."""
        return {"statement": self.statement_view, "movements": self.movements_view} | (
            self.other_tabs
        )

    def _seen(self, role: str) -> bool:
        """Whether a tab is looked at now. A section not on screen (being built, or not
        the one shown) brings every tab up to date at once."""
        return not self.isVisible() or self.tabs.currentWidget() is self._views()[role]

    def _load(self, role: str) -> None:
        """Show the chosen year in one tab (loading it again)."""
        chosen = self.selected_year()
        year = chosen.year if chosen else None
        view = self._views()[role]
        self.stale_tabs[role] = False
        if role == "movements":
            view.set_year(year, bool(chosen and chosen.closed))
        elif role == "statement" or year is not None:
            view.set_year(year)

    def _catch_up(self) -> None:
        """The tab now shown is loaded again if its data changed while hidden."""
        for role, view in self._views().items():
            if self.stale_tabs[role] and self.tabs.currentWidget() is view:
                try:
                    self._load(role)
                except Exception as exc:
                    show_error(self, exc)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()

    def _update_bar(self, chosen: FinancialYearRead | None) -> None:
        self.year_combo.setEnabled(bool(self.years))
        for key in ("edit_year", "close_year"):
            self.buttons[key].setEnabled(chosen is not None)
        closed = bool(chosen and chosen.closed)
        self.buttons["close_year"].setText(
            _("Riapri esercizio") if closed else _("Chiudi esercizio")
        )
        self.buttons["edit_year"].setToolTip(
            _("Esercizio chiuso: riaprilo per modificarlo.") if closed else ""
        )
        self.year_state.setText(_("chiuso") if closed else "")

    def _tab_saved(self, source: str) -> None:
        """One tab saved: the tabs that show what it wrote are refreshed, now if seen,
        else when next shown."""
        try:
            for role in _DEPENDENTS.get(source, tuple(self._views())):
                if role == source or role not in self._views():
                    continue
                if self._seen(role):
                    self._views()[role].refresh()
                else:
                    self.stale_tabs[role] = True
        except Exception as exc:
            show_error(self, exc)
        self.changed.emit()

    # -- years ----------------------------------------------------------------------------
    def new_year(self) -> None:
        newest = self.years[0].year if self.years else None
        suggested = newest + 1 if newest is not None else self.today.year
        dialog = YearDialog(self.workspace, None, suggested, self)
        if self.run_dialog(dialog):
            self.select_year(dialog.year.value())

    def edit_year(self) -> None:
        chosen = self.selected_year()
        if chosen is not None:
            self.run_dialog(YearDialog(self.workspace, chosen, None, self))

    def toggle_closed(self) -> None:
        chosen = self.selected_year()
        if chosen is None:
            return
        if chosen.closed:
            question = _(
                "Riaprire l'esercizio {year}? Preventivo e movimenti torneranno modificabili."
            )
            action = self.workspace.budget.reopen_year
        else:
            question = _(
                "Chiudere l'esercizio {year}? Preventivo, movimenti e quote non si potranno più "
                "modificare finché non lo riapri."
            )
            action = self.workspace.budget.close_year
        title = _("Esercizio {year}").format(year=chosen.year)
        if ask(self, title, question.format(year=chosen.year)):
            self.apply(lambda: action(chosen.year))

    def edit_categories(self) -> None:
        dialog = CategoriesDialog(self.workspace, self)
        dialog.exec()
        if dialog.changed_any:
            self.reload()
            self.changed.emit()
