"""Registra misurazione: an indicator's value for one period, typed the Italian way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.indicator_periods import period_label, periods_until
from desdesk.domain.money import parse_money
from desdesk.domain.money_enums import IndicatorUnit
from desdesk.i18n import _, format_money, format_number, parse_decimal
from desdesk.money_schemas import IndicatorRead, PeriodValue
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.forms import (
    WARNING_STYLE,
    Form,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)


def parse_indicator_value(text: str, unit: IndicatorUnit) -> Decimal:
    """A value typed in the indicator's unit: euros as amounts (`1.234,56`), anything
    else as a number (`12,5`, a trailing `%` allowed); raises InvalidValue saying why."""
    raw = text.strip()
    if not raw:
        raise InvalidValue(_("Scrivi il valore."))
    if unit is IndicatorUnit.EURO:
        return parse_money(raw)
    try:
        return parse_decimal(raw.removesuffix("%").strip())
    except ValueError:
        raise InvalidValue(
            _("“{value}” non è un numero valido: scrivi ad esempio 12,5.").format(value=raw)
        ) from None


def show_indicator_value(value: Decimal | None, unit: IndicatorUnit) -> str:
    """A value as it can be typed back (no currency sign, no percent sign)."""
    if value is None:
        return ""
    if unit is IndicatorUnit.EURO:
        return format_money(value).replace("€", "").strip()
    return format_number(value)


def placeholder(unit: IndicatorUnit) -> str:
    return {
        IndicatorUnit.EURO: _("es. 1.234,56"),
        IndicatorUnit.PERCENT: _("es. 12,5 (percentuale)"),
        IndicatorUnit.SCORE: _("es. 4,2"),
        IndicatorUnit.NUMBER: _("es. 15"),
    }[unit]


class MeasurementDialog(QDialog):
    """The periods offered are those of `year` and the year before, up to `today`'s."""

    def __init__(
        self,
        workspace: Workspace,
        indicator: IndicatorRead,
        year: int,
        today: date | None = None,
        *,
        existing: PeriodValue | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.indicator = indicator
        self.today = today or date.today()
        self.setWindowTitle(_("Registra misurazione"))
        frequency = indicator.frequency
        last_day = min(self.today, date(year, 12, 31))
        periods = periods_until(frequency, year - 1, last_day)
        if existing is not None and (existing.year, existing.period) not in periods:
            periods.append((existing.year, existing.period))
        # Newest first; the combo's data is the position in this list.
        self.periods = list(reversed(periods))
        form = self.form = Form()
        form.add("indicator", _("Indicatore"), QLabel(indicator.data.name))
        self.period = form.add(
            "period",
            _("Periodo"),
            combo_with(
                [(period_label(frequency, y, p), i) for i, (y, p) in enumerate(self.periods)]
            ),
        )
        self.value = form.add("value", _("Valore *"), QLineEdit())
        self.value.setPlaceholderText(placeholder(indicator.unit))
        self.note = form.add("note", _("Nota"), QLineEdit())
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        if indicator.computed:
            warning = QLabel(
                _(
                    "Questo indicatore è calcolato da desdesk ({what}): "
                    "non si inseriscono valori a mano."
                ).format(what=indicator.metric.label() if indicator.metric else "")
            )
            warning.setWordWrap(True)
            warning.setStyleSheet(WARNING_STYLE)
            layout.addWidget(warning)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(440, 220)
        if existing is not None:
            select_data(self.period, self.periods.index((existing.year, existing.period)))
            self.value.setText(show_indicator_value(existing.value, indicator.unit))
            self.note.setText(existing.note)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        position = self.period.currentData()
        chosen = self.periods[position] if isinstance(position, int) else None
        if chosen is None:
            problems.append(
                FieldProblem("period", _("Nessun periodo disponibile: il periodo non è iniziato."))
            )
        value = None
        try:
            value = parse_indicator_value(self.value.text(), self.indicator.unit)
        except InvalidValue as exc:
            problems.append(FieldProblem("value", exc.message))
        raise_if(problems)
        assert value is not None and chosen is not None
        year, period = chosen
        self.workspace.indicators.record(
            self.indicator.id, year, period, value, self.note.text().strip(), today=self.today
        )
