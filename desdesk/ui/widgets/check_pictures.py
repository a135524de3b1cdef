"""Verifica › Quadro d'insieme: five pictures of the district, each a small titled panel
with one line of explanation, in a scrollable grid.

1. who the members are (bar charts by nature and by legal form, Qt Charts);
2. who covers which stage of the supply chain (a table, empty stages in amber);
3. attendance at the last 12 months' assemblies (a heatmap table with its legend);
4. the public share of the year's income (a gauge with the warning threshold);
5. the terms of office around today (a timeline).

The section imports this module when the tab is first shown, so Qt Charts is loaded
then, not at start-up. Every picture carries its numbers in words too (tooltip and
accessible description).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _, ngettext
from desdesk.services.check_pictures import (
    CheckPicturesService,
    Count,
    Coverage,
    Heterogeneity,
    Participation,
)
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.check_pictures import (
    STATUS_COLOURS,
    CoverageModel,
    ParticipationModel,
    status_label,
)
from desdesk.ui.widgets.check_gauge import PublicShareGauge
from desdesk.ui.widgets.check_timeline import STATE_COLOURS, STATE_LABELS, OfficesTimelineView

_BAR_COLOUR = QColor("#1f5f8b")
MAX_BARS = 7  # a chart of more bars is unreadable in a panel: the rest become one bar


class Panel(QGroupBox):
    """A titled picture with its one-line explanation above it."""

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        # Never squeezed below the height of its wrapped lines.
        self.explanation.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.explanation)

    def describe(self, text: str) -> None:
        """The picture in words, for screen readers and as the tooltip."""
        self.setToolTip(text)
        self.setAccessibleDescription(text)


class BarChart(QWidget):
    """Counts as bars with the number on each bar; horizontal for long labels."""

    def __init__(self, title: str, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setTitle(title)
        self.chart.setLocale(QLocale())
        self.chart.legend().hide()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.horizontal = horizontal
        self.bars = QBarSet(title)
        self.bars.setColor(_BAR_COLOUR)
        self.series = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.series.append(self.bars)
        self.series.setLabelsVisible(True)
        self.series.setLabelsFormat("@value")
        self.chart.addSeries(self.series)
        self.categories = QBarCategoryAxis()
        self.categories.setTruncateLabels(False)
        self.values = QValueAxis()
        self.values.setLabelFormat("%d")
        self.values.setTruncateLabels(False)
        category_side, value_side = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
        if horizontal:
            category_side, value_side = value_side, category_side
        self.chart.addAxis(self.categories, category_side)
        self.chart.addAxis(self.values, value_side)
        self.series.attachAxis(self.categories)
        self.series.attachAxis(self.values)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_counts(self, counts: tuple[Count, ...]) -> None:
        """Show `counts` in their order; beyond `MAX_BARS` the rest is one last bar."""
        if len(counts) > MAX_BARS:
            rest = sum(c.count for c in counts[MAX_BARS - 1 :])
            counts = (*counts[: MAX_BARS - 1], Count(_("Altre forme"), rest))
        self.bars.remove(0, self.bars.count())
        self.categories.clear()
        ordered = list(reversed(counts)) if self.horizontal else list(counts)  # top to bottom
        self.categories.append([c.label for c in ordered])
        for count in ordered:
            self.bars.append(count.count)
        top = max((c.count for c in counts), default=0)
        if top <= 5:  # one tick per member: never a fraction of one
            self.values.setRange(0, top + 1)
            self.values.setTickCount(top + 2)
        else:
            self.values.setRange(0, top * 1.15)
            self.values.setTickCount(5)
            self.values.applyNiceNumbers()

    def counts(self) -> dict[str, int]:
        """Label → the number on its bar (what the chart shows, for tests)."""
        labels = self.categories.categories()
        return {label: int(self.bars.at(i)) for i, label in enumerate(labels)}


def _table(model: CoverageModel | ParticipationModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.setMinimumHeight(200)
    return view


def _legend(items: list[tuple[QColor, str]]) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for colour, text in items:
        swatch = QFrame()
        swatch.setFixedSize(14, 14)
        swatch.setStyleSheet(f"background: {colour.name()}; border: 1px solid #808080;")
        row.addWidget(swatch)
        row.addWidget(QLabel(text))
        row.addSpacing(8)
    row.addStretch(1)
    return box


class CheckPictures(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = CheckPicturesService(workspace)
        self.today: date | None = None  # None: the real today (tests fix a day)
        grid = QGridLayout()
        self.mix_panel = self._mix_panel()
        self.coverage_panel = self._coverage_panel()
        self.participation_panel = self._participation_panel()
        self.money_panel = self._money_panel()
        self.offices_panel = self._offices_panel()
        grid.addWidget(self.mix_panel, 0, 0)
        grid.addWidget(self.coverage_panel, 0, 1)
        grid.addWidget(self.participation_panel, 1, 0, 1, 2)
        grid.addWidget(self.money_panel, 2, 0)
        grid.addWidget(self.offices_panel, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        content = QWidget()
        content.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- building the panels --------------------------------------------------------------------
    def _mix_panel(self) -> Panel:
        panel = Panel(
            _("Eterogeneità degli aderenti"),
            _(
                "Gli aderenti attivi per natura e per forma giuridica: un distretto vive della varietà dei suoi soggetti."
            ),
        )
        self.nature_chart = BarChart(_("Per natura"))
        self.form_chart = BarChart(_("Per forma giuridica"), horizontal=True)
        panel.body.addWidget(self.nature_chart)
        panel.body.addWidget(self.form_chart)
        return panel

    def _coverage_panel(self) -> Panel:
        panel = Panel(
            _("Copertura della filiera"),
            _(
                "Quali aderenti attivi coprono le fasi della filiera; in giallo le fasi che nessuno copre."
            ),
        )
        self.coverage_model = CoverageModel(self)
        self.coverage_view = _table(self.coverage_model)
        header = self.coverage_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for stage in range(1, 5):  # the stages need only a tick: the names get the room
            header.setSectionResizeMode(stage, QHeaderView.ResizeMode.ResizeToContents)
        panel.body.addWidget(self.coverage_view)
        return panel

    def _participation_panel(self) -> Panel:
        panel = Panel(
            _("Partecipazione alle assemblee"),
            _(
                "La presenza di ogni aderente alle assemblee degli ultimi 12 mesi; ⚠ segna chi ha raggiunto la soglia di esclusione."
            ),
        )
        self.participation_model = ParticipationModel(self)
        self.participation_view = _table(self.participation_model)
        self.participation_view.horizontalHeader().setDefaultSectionSize(48)
        self.participation_view.setMinimumHeight(260)
        panel.body.addWidget(self.participation_view)
        panel.body.addWidget(
            _legend([(colour, status_label(status)) for status, colour in STATUS_COLOURS.items()])
        )
        return panel

    def _money_panel(self) -> Panel:
        panel = Panel(
            _("Quota pubblica delle entrate"),
            _(
                "Quanta parte delle entrate dell'anno viene da enti pubblici; la tacca è la soglia di attenzione del distretto."
            ),
        )
        self.gauge = PublicShareGauge()
        panel.body.addWidget(self.gauge)
        return panel

    def _offices_panel(self) -> Panel:
        panel = Panel(
            _("Cariche nel tempo"),
            _("I mandati delle cariche negli ultimi e nei prossimi anni; la linea rossa è oggi."),
        )
        self.timeline = OfficesTimelineView()
        panel.body.addWidget(self.timeline)
        panel.body.addWidget(
            _legend([(STATE_COLOURS[s], _(label)) for s, label in STATE_LABELS.items()])
        )
        panel.body.addStretch(1)
        return panel

    # -- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the five pictures again (after any change elsewhere)."""
        day = self.today or date.today()
        try:
            mix = self._service.heterogeneity(day)
            coverage = self._service.coverage(day)
            participation = self._service.participation(day)
            share = self._service.public_share(day)
            timeline = self._service.offices(day)
        except DesdeskError as exc:
            show_error(self, exc)
            return
        self._show_mix(mix)
        self._show_coverage(coverage)
        self._show_participation(participation)
        self.gauge.set_share(share)
        self.money_panel.describe(self.gauge.accessibleDescription())
        self.timeline.set_timeline(timeline)
        self.offices_panel.describe(self.timeline.description())

    def _show_mix(self, mix: Heterogeneity) -> None:
        self.nature_chart.set_counts(mix.by_nature)
        self.form_chart.set_counts(mix.by_legal_form)
        parts = ", ".join(f"{c.label}: {c.count}" for c in mix.by_nature + mix.by_legal_form)
        text = ngettext("{n} aderente attivo", "{n} aderenti attivi", mix.members).format(
            n=mix.members
        )
        self.mix_panel.describe(f"{text}. {parts}." if parts else f"{text}.")

    def _show_coverage(self, coverage: Coverage) -> None:
        self.coverage_model.set_coverage(coverage)
        empty = coverage.empty_stages
        if empty:
            text = _("Fasi scoperte: {stages}.").format(stages=", ".join(s.label() for s in empty))
        else:
            text = _("Tutte le fasi della filiera sono coperte.")
        self.coverage_panel.describe(text)

    def _show_participation(self, grid: Participation) -> None:
        self.participation_model.set_participation(grid)
        self.participation_view.setColumnWidth(0, 220)
        flagged = [m.name for m in grid.members if m.flagged]
        held = len(grid.assemblies)
        if held == 0:
            text = _("Nessuna assemblea svolta negli ultimi 12 mesi.")
        else:
            text = ngettext(
                "{n} assemblea svolta negli ultimi 12 mesi",
                "{n} assemblee svolte negli ultimi 12 mesi",
                held,
            ).format(n=held)
            text += ", " + ngettext(
                "{n} aderente convocato.", "{n} aderenti convocati.", len(grid.members)
            ).format(n=len(grid.members))
        if flagged:
            names = ", ".join(flagged[:3])
            if len(flagged) > 3:
                names += " " + _("e altri {n}").format(n=len(flagged) - 3)
            text += " " + _("Oltre la soglia di esclusione: {names}.").format(names=names)
        self.participation_panel.describe(text)
