"""The right half of the Indicatori section: one indicator's fields, its targets per
year, its values per period and the trend chart. The section owns the actions; this
widget shows and exposes the buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import N_, _, format_date
from desdesk.money_schemas import IndicatorRead, IndicatorSeries, PeriodValue
from desdesk.ui.models.indicators import PeriodValuesModel, TargetsModel
from desdesk.ui.widgets.forms import WARNING_STYLE
from desdesk.ui.widgets.indicator_chart import IndicatorChart
from desdesk.ui.widgets.tables import make_table, selected_source_row

_FIELDS = (
    ("area", N_("Area")),
    ("name", N_("Indicatore")),
    ("frequency", N_("Frequenza")),
    ("unit", N_("Unità")),
    ("responsible", N_("Responsabile")),
    ("data_source", N_("Fonte dei dati")),
    ("how", N_("Valore")),
    ("description", N_("Descrizione")),
    ("retired", N_("Ritirato il")),
)


def _field_texts(indicator: IndicatorRead) -> dict[str, str]:
    data = indicator.data
    metric = indicator.metric
    return {
        "area": data.area,
        "name": data.name,
        "frequency": indicator.frequency.label(),
        "unit": indicator.unit.label(),
        "responsible": data.responsible,
        "data_source": data.data_source,
        "how": (
            _("calcolato da desdesk: {what}").format(what=metric.label())
            if metric is not None
            else _("inserito a mano")
        ),
        "description": data.description,
        "retired": format_date(indicator.retired_on),
    }


class IndicatorDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator: IndicatorRead | None = None
        self.fields: dict[str, QLabel] = {}
        self.targets = TargetsModel(self)
        self.values = PeriodValuesModel(self)
        self.target_button = QPushButton()
        self.target_button.setObjectName("targetButton")
        self.record_button = QPushButton(_("Registra misurazione…"))
        self.record_button.setObjectName("recordButton")
        self.delete_value_button = QPushButton(_("Elimina misurazione…"))
        self.computed_note = QLabel()
        self.computed_note.setWordWrap(True)
        self.computed_note.setStyleSheet(WARNING_STYLE)
        self.computed_note.setObjectName("computedNote")
        self.chart = IndicatorChart(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._top())
        splitter.addWidget(self._values_box())
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.show_indicator(None, 0)

    def _top(self) -> QWidget:
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        details = QGroupBox(_("Indicatore"))
        form = self.details_form = QFormLayout(details)
        for key, caption in _FIELDS:
            label = QLabel()
            label.setWordWrap(True)
            label.setObjectName(f"field_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = label
            form.addRow(_(caption) + ":", label)
        row.addWidget(details, 3)
        targets = QGroupBox(_("Obiettivi per anno"))
        column = QVBoxLayout(targets)
        self.target_table = make_table(self.targets, targets, sortable=False)
        self.target_table.setObjectName("targetTable")
        column.addWidget(self.target_table)
        column.addWidget(self.target_button)
        row.addWidget(targets, 2)
        return top

    def _values_box(self) -> QWidget:
        box = QGroupBox(_("Misurazioni"))
        column = QVBoxLayout(box)
        self.value_table = make_table(self.values, box, sortable=False)
        self.value_table.setObjectName("valueTable")
        self.value_table.setColumnWidth(0, 90)
        self.value_table.setColumnWidth(1, 120)
        self.value_table.setColumnWidth(2, 150)
        column.addWidget(self.value_table)
        column.addWidget(self.computed_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.delete_value_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        return box

    def show_indicator(self, series: IndicatorSeries | None, year: int) -> None:
        """Show `series`' indicator, its targets, values and chart (None: nothing chosen)."""
        indicator = series.indicator if series is not None else None
        self.indicator = indicator
        self.target_button.setText(_("Obiettivo {year}…").format(year=year))
        texts = _field_texts(indicator) if indicator is not None else {}
        for key, label in self.fields.items():
            label.setText(texts.get(key, ""))
        self.details_form.setRowVisible(self.fields["retired"], bool(texts.get("retired")))
        if series is None or indicator is None:
            self.targets.set_targets(self.values.unit, {})
            self.values.set_values(self.values.unit, None, [])
        else:
            self.targets.set_targets(indicator.unit, series.targets)
            self.values.set_values(indicator.unit, indicator.metric, list(series.values))
        computed = indicator is not None and indicator.computed
        self.computed_note.setText(
            _("Valori calcolati da desdesk dai dati del distretto: non si inseriscono a mano.")
            if computed
            else ""
        )
        self.computed_note.setVisible(computed)
        self.target_button.setEnabled(indicator is not None)
        self.record_button.setEnabled(indicator is not None and not computed)
        self.delete_value_button.setEnabled(indicator is not None and not computed)
        self.record_button.setToolTip(
            _("I valori di questo indicatore sono calcolati da desdesk.") if computed else ""
        )
        self.chart.show_series(series)

    def selected_value(self) -> PeriodValue | None:
        row = selected_source_row(self.value_table)
        return None if row is None else self.values.row_at(row)
