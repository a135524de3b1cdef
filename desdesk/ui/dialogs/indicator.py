"""Dialogs of the Indicatori section: an indicator, and its target for a year."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.money_enums import Frequency, IndicatorUnit, Metric
from desdesk.i18n import _
from desdesk.money_schemas import IndicatorInput, IndicatorRead
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.measurement import (
    parse_indicator_value,
    placeholder,
    show_indicator_value,
)
from desdesk.ui.widgets.forms import (
    Form,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)

_TYPED = ""  # the metric combo's data for "typed by hand"


class IndicatorDialog(QDialog):
    """Nuovo indicatore / Modifica indicatore. Choosing what desdesk computes fixes the
    unit (a percentage, euros, a count)."""

    def __init__(
        self,
        workspace: Workspace,
        indicator: IndicatorRead | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.indicator = indicator
        self.setWindowTitle(
            _("Nuovo indicatore") if indicator is None else _("Modifica indicatore")
        )
        form = self.form = Form()
        self.area = form.add("area", _("Area *"), QLineEdit())
        self.area.setPlaceholderText(_("es. Raccolta fondi"))
        self.name = form.add("name", _("Indicatore *"), QLineEdit())
        self.frequency = form.add(
            "frequency", _("Frequenza"), combo_with([(f.label(), f.value) for f in Frequency])
        )
        self.responsible = form.add("responsible", _("Responsabile"), QLineEdit())
        self.data_source = form.add("data_source", _("Fonte dei dati"), QLineEdit())
        self.metric_choice = form.add(
            "metric",
            _("Valore"),
            combo_with(
                [(_("inserito a mano"), _TYPED)]
                + [(_("calcolato: {what}").format(what=m.label()), m.value) for m in Metric]
            ),
        )
        self.unit = form.add(
            "unit", _("Unità"), combo_with([(u.label(), u.value) for u in IndicatorUnit])
        )
        self.description = form.add("description", _("Descrizione"), QPlainTextEdit())
        self.description.setMaximumHeight(70)
        self.metric_choice.currentIndexChanged.connect(lambda _i: self._metric_chosen())
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(560, 420)
        if indicator is not None:
            self._load(indicator.data)

    def _load(self, data: IndicatorInput) -> None:
        self.area.setText(data.area)
        self.name.setText(data.name)
        select_data(self.frequency, data.frequency)
        self.responsible.setText(data.responsible)
        self.data_source.setText(data.data_source)
        select_data(self.metric_choice, data.metric or _TYPED)
        select_data(self.unit, data.unit)
        self.description.setPlainText(data.description)
        self._metric_chosen()

    def _metric_chosen(self) -> None:
        code = self.metric_choice.currentData()
        if code:
            select_data(self.unit, Metric(code).unit.value)
        self.unit.setEnabled(not code)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        data = IndicatorInput(
            area=self.area.text().strip(),
            name=self.name.text().strip(),
            frequency=self.frequency.currentData(),
            responsible=self.responsible.text().strip(),
            data_source=self.data_source.text().strip(),
            unit=self.unit.currentData(),
            metric=self.metric_choice.currentData() or None,
            description=self.description.toPlainText().strip(),
        )
        if self.indicator is None:
            self.workspace.indicators.add(data)
        else:
            self.workspace.indicators.update(self.indicator.id, data)


class TargetDialog(QDialog):
    """Obiettivo {year}: the value an indicator should reach in a year (empty: none)."""

    def __init__(
        self,
        workspace: Workspace,
        indicator: IndicatorRead,
        year: int,
        current: Decimal | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.indicator = indicator
        self.year = year
        self.setWindowTitle(_("Obiettivo {year}").format(year=year))
        form = self.form = Form()
        form.add("indicator", _("Indicatore"), QLabel(indicator.data.name))
        self.value = form.add("value", _("Obiettivo {year}").format(year=year), QLineEdit())
        self.value.setPlaceholderText(placeholder(indicator.unit))
        self.value.setText(show_indicator_value(current, indicator.unit))
        hint = QLabel(_("Lascia vuoto per togliere l'obiettivo di quest'anno."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(hint)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(420, 180)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        value = None
        if self.value.text().strip():
            try:
                value = parse_indicator_value(self.value.text(), self.indicator.unit)
            except InvalidValue as exc:
                raise_if([FieldProblem("value", exc.message)])
        self.workspace.indicators.set_target(self.indicator.id, self.year, value)
