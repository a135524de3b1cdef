"""Indicatori: the monitoring indicators of the district (toolkit 3.2), their targets,
values per period and trend, and the district's objectives linked to them.

Left, the list of indicators for the chosen year; right, the selected one in detail
(its chart drawn with Qt Charts, loaded only when this section is first built).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _
from desdesk.money_schemas import IndicatorRead, PeriodValue
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.indicators import IndicatorRow, IndicatorsModel, ObjectivesProgressModel
from desdesk.ui.sections.base import Section
from desdesk.ui.widgets.forms import add_buttons, ask
from desdesk.ui.widgets.tables import make_table, selected_source_row

YEARS_IN_CHART = 3  # the chosen year and the two before it
_YEARS_BACK = 5


class IndicatorsSection(Section):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(workspace, parent)
        # Qt Charts is imported here, when the section is built, not at start-up.
        from desdesk.ui.widgets.indicator_detail import IndicatorDetail

        self.today = today or date.today()
        self._loading = False  # selection changes while reloading are handled once, after
        self.model = IndicatorsModel(self)
        self.table = make_table(self.model, self)
        self.table.setObjectName("indicatorTable")
        for column, width in enumerate((150, 260, 95, 150, 150, 100, 130)):
            self.table.setColumnWidth(column, width)
        self.year = QComboBox()
        self.year.setObjectName("yearChoice")
        for year in range(self.today.year + 1, self.today.year - _YEARS_BACK - 1, -1):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(self.year.findData(self.today.year))
        self.show_retired = QCheckBox(_("Mostra ritirati"))
        self.buttons: dict[str, QPushButton] = {}
        self.detail = IndicatorDetail(self)
        self.progress = ObjectivesProgressModel(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._indicators_tab(), _("Indicatori"))
        self.tabs.addTab(self._objectives_tab(), _("Obiettivi del distretto"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.edit_indicator())
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_retired.toggled.connect(lambda _on: self.reload())
        self.detail.target_button.clicked.connect(self.set_target)
        self.detail.record_button.clicked.connect(self.record_measurement)
        self.detail.delete_value_button.clicked.connect(self.delete_measurement)
        self.detail.value_table.doubleClicked.connect(lambda _i: self.edit_measurement())
        self.refresh()

    def _indicators_tab(self) -> QWidget:
        left = QWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Anno:")))
        top.addWidget(self.year)
        top.addWidget(self.show_retired)
        top.addStretch(1)
        actions = QHBoxLayout()
        self.buttons.update(
            add_buttons(
                actions,
                (
                    ("add", _("Nuovo indicatore…"), self.add_indicator),
                    ("edit", _("Modifica…"), self.edit_indicator),
                    ("retire", _("Ritira…"), self.retire_or_reactivate),
                    ("delete", _("Elimina…"), self.delete_indicator),
                ),
            )
        )
        actions.addStretch(1)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # Who is responsible and where the data comes from are in the detail: the list
        # keeps room for the year's target and latest value.
        for hidden in (3, 4):
            self.table.setColumnHidden(hidden, True)
        return splitter

    def _objectives_tab(self) -> QWidget:
        page = QWidget()
        self.progress_table = make_table(self.progress, page)
        self.progress_table.setObjectName("progressTable")
        self.progress_table.setColumnWidth(0, 300)
        self.progress_table.setColumnWidth(1, 260)
        self.progress_table.doubleClicked.connect(lambda _i: self.show_linked_indicator())
        hint = QLabel(
            _(
                "Gli obiettivi del distretto collegati a un indicatore, con il valore "
                "raggiunto. Per collegarli: Distretto → Obiettivi → Modifica… → "
                "Indicatore collegato."
            )
        )
        hint.setWordWrap(True)
        column = QVBoxLayout(page)
        column.addWidget(hint)
        column.addWidget(self.progress_table, 1)
        return page

    def show_linked_indicator(self) -> None:
        """From an objective to its indicator, in the Indicatori tab."""
        row = selected_source_row(self.progress_table)
        if row is None:
            return
        indicator_id = self.progress.row_at(row).indicator_id
        if self.model.row_of(indicator_id) is None and not self.show_retired.isChecked():
            self.show_retired.setChecked(True)  # a retired indicator: show the retired ones
        self.tabs.setCurrentIndex(0)
        self.select_indicator(indicator_id)

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """An indicator in the list (the retired ones shown if it is one of them)."""
        if record != "indicator" or record_id is None:
            return False
        self.tabs.setCurrentIndex(0)
        if self.model.row_of(record_id) is None and not self.show_retired.isChecked():
            self.show_retired.setChecked(True)
        return self.select_indicator(record_id)

    # -- loading ---------------------------------------------------------------------------
    def selected_year(self) -> int:
        year = self.year.currentData()
        return int(year) if year is not None else self.today.year

    def refresh(self) -> None:
        """Reload the list for the chosen year, keeping the selected indicator."""
        keep = self.selected_indicator()
        service = self.workspace.indicators
        year = self.selected_year()
        overview = {row[0].id: row for row in service.overview(year, self.today)}
        listed = service.indicators(include_retired=self.show_retired.isChecked())
        rows = [IndicatorRow(*overview.get(i.id, (i, None, None))) for i in listed]
        self._loading = True
        try:
            self.model.set_year_rows(year, rows)
            if keep is not None:
                self.select_indicator(keep.id)
            elif rows:  # open on the first indicator, not on an empty detail
                self.table.selectRow(0)
        finally:
            self._loading = False
        self._selection_changed()
        self.progress.set_progress(
            service.indicators(include_retired=True), service.objectives_progress(self.today)
        )

    def select_indicator(self, indicator_id: int) -> bool:
        row = self.model.row_of(indicator_id)
        proxy = self.table.model()
        if row is None:
            self.table.clearSelection()
            return False
        index = proxy.mapFromSource(self.model.index(row, 0))  # type: ignore[attr-defined]
        self.table.selectRow(index.row())
        return True

    def selected_indicator(self) -> IndicatorRead | None:
        row = selected_source_row(self.table)
        return None if row is None else self.model.row_at(row).indicator

    def _selection_changed(self) -> None:
        if self._loading:
            return
        indicator = self.selected_indicator()
        for key in ("edit", "retire", "delete"):
            self.buttons[key].setEnabled(indicator is not None)
        retired = indicator is not None and indicator.retired_on is not None
        self.buttons["retire"].setText(_("Riattiva") if retired else _("Ritira…"))
        year = self.selected_year()
        try:
            series = (
                None
                if indicator is None
                else self.workspace.indicators.series(
                    indicator.id, year - YEARS_IN_CHART + 1, year, self.today
                )
            )
        except Exception as exc:
            show_error(self, exc)
            series = None
        self.detail.show_indicator(series, year)

    # -- indicator actions ---------------------------------------------------------------------
    def add_indicator(self) -> None:
        from desdesk.ui.dialogs.indicator import IndicatorDialog

        before = {r.id for r in self.model.rows()}
        if self.run_dialog(IndicatorDialog(self.workspace, None, self)):
            added = [r.id for r in self.model.rows() if r.id not in before]
            if added:
                self.select_indicator(added[0])

    def edit_indicator(self) -> None:
        from desdesk.ui.dialogs.indicator import IndicatorDialog

        indicator = self.selected_indicator()
        if indicator is not None:
            self.run_dialog(IndicatorDialog(self.workspace, indicator, self))

    def retire_or_reactivate(self) -> None:
        indicator = self.selected_indicator()
        if indicator is None:
            return
        service = self.workspace.indicators
        if indicator.retired_on is not None:
            self.apply(lambda: service.reactivate(indicator.id))
        elif self._confirm(
            _(
                "Ritirare l'indicatore “{name}”? Valori e obiettivi restano registrati; "
                "potrai riattivarlo mostrando i ritirati."
            ).format(name=indicator.data.name)
        ):
            self.apply(lambda: service.retire(indicator.id, self.today))

    def delete_indicator(self) -> None:
        indicator = self.selected_indicator()
        if indicator is not None and self._confirm(
            _("Eliminare l'indicatore “{name}”?").format(name=indicator.data.name)
        ):
            self.apply(lambda: self.workspace.indicators.delete(indicator.id))

    # -- targets and measurements -------------------------------------------------------------
    def set_target(self) -> None:
        from desdesk.ui.dialogs.indicator import TargetDialog

        indicator = self.selected_indicator()
        if indicator is None:
            return
        year = self.selected_year()
        current = next((r.value for r in self.detail.targets.rows() if r.year == year), None)
        self.run_dialog(TargetDialog(self.workspace, indicator, year, current, self))

    def record_measurement(self) -> None:
        """Registra misurazione…: a new value (the dialog offers the latest period)."""
        self._open_measurement(None)

    def edit_measurement(self) -> None:
        """The selected period's value, to correct it."""
        self._open_measurement(self.detail.selected_value())

    def _open_measurement(self, existing: PeriodValue | None) -> None:
        from desdesk.ui.dialogs.measurement import MeasurementDialog

        indicator = self.selected_indicator()
        if indicator is None:
            return
        if indicator.computed:
            QMessageBox.information(
                self,
                _("Indicatore calcolato"),
                _("“{name}” è calcolato da desdesk ({what}): non si registrano valori a mano.")
                .format(name=indicator.data.name, what=indicator.metric.label() if indicator.metric else ""),
            )  # fmt: skip
            return
        dialog = MeasurementDialog(
            self.workspace,
            indicator,
            self.selected_year(),
            self.today,
            existing=existing,
            parent=self,
        )
        self.run_dialog(dialog)

    def delete_measurement(self) -> None:
        indicator = self.selected_indicator()
        value = self.detail.selected_value()
        if indicator is None or value is None or value.value is None or value.computed:
            return
        if self._confirm(
            _("Eliminare il valore di {period} di “{name}”?").format(
                period=value.label, name=indicator.data.name
            )
        ):
            self.apply(
                lambda: self.workspace.indicators.delete_measurement(
                    indicator.id, value.year, value.period
                )
            )

    def _confirm(self, text: str) -> bool:
        return ask(self, _("Conferma"), text)
