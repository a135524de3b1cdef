"""The terms of office around today, painted by hand: one lane per term, grouped by
office, years along the top, a line for today. Ended terms are grey, terms ending within
the district's notice days amber, running ones blue, future ones light blue.

Each bar's tooltip names the person, the office and the dates; the accessible
description lists every term in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desdesk.i18n import N_, _, format_date
from desdesk.services.check_pictures import OfficesTimeline, Term, TermState

STATE_COLOURS = {
    TermState.ENDED: QColor("#a6a6a6"),
    TermState.EXPIRING: QColor("#f0a500"),
    TermState.CURRENT: QColor("#1f5f8b"),
    TermState.FUTURE: QColor("#8fb8de"),
}
STATE_LABELS = {
    TermState.ENDED: N_("concluso"),
    TermState.EXPIRING: N_("in scadenza"),
    TermState.CURRENT: N_("in corso"),
    TermState.FUTURE: N_("futuro"),
}
_TODAY = QColor("#c8102e")
_LABELS_WIDTH = 190
_LANE = 22
_TOP = 24


@dataclass(frozen=True, slots=True)
class Bar:
    term: Term
    state: TermState
    rect: QRectF

    @property
    def colour(self) -> QColor:
        return STATE_COLOURS[self.state]


def describe_term(term: Term, state: TermState) -> str:
    until = format_date(term.end) if term.end else _("senza scadenza")
    return _("{office}: {person}, dal {start} al {end} ({state})").format(
        office=term.kind.label(),
        person=term.person,
        start=format_date(term.start),
        end=until,
        state=_(STATE_LABELS[state]),
    )


class OfficesTimelineView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: OfficesTimeline | None = None
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.set_timeline(None)

    def set_timeline(self, timeline: OfficesTimeline | None) -> None:
        self._timeline = timeline
        lanes = len(timeline.terms) if timeline else 0
        self.setFixedHeight(_TOP + max(lanes, 1) * _LANE + 8)
        self.setAccessibleName(_("Cariche nel tempo"))
        self.setAccessibleDescription(self.description())
        self._layout_bars()
        self.update()

    def description(self) -> str:
        if self._timeline is None or not self._timeline.terms:
            return _("Nessuna carica registrata in questi anni.")
        lines = [describe_term(t, self._timeline.state(t)) for t in self._timeline.terms]
        return "\n".join(lines)

    @property
    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(640, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_bars()

    # -- geometry -------------------------------------------------------------------------------
    def _x(self, day: date) -> float:
        assert self._timeline is not None
        start, end = self._timeline.start, self._timeline.end
        span = max((end - start).days, 1)
        usable = max(self.width() - _LABELS_WIDTH - 10, 50)
        offset = min(max((day - start).days, 0), span)
        return _LABELS_WIDTH + usable * offset / span

    def _layout_bars(self) -> None:
        self._bars = []
        if self._timeline is None:
            return
        for lane, term in enumerate(self._timeline.terms):
            left = self._x(term.start)
            right = self._x(term.end or self._timeline.end)
            top = _TOP + lane * _LANE + 4
            rect = QRectF(left, top, max(right - left, 3), _LANE - 8)
            self._bars.append(Bar(term, self._timeline.state(term), rect))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = next((b for b in self._bars if b.rect.contains(QPointF(event.pos()))), None)
            if bar is not None:
                QToolTip.showText(event.globalPos(), describe_term(bar.term, bar.state), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        if self._timeline is None or not self._timeline.terms:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.description())
            painter.end()
            return
        self._paint_years(painter, text)
        previous = None
        for bar in self._bars:
            if bar.term.kind is not previous:
                painter.setPen(text)
                label = QRectF(4, bar.rect.top() - 4, _LABELS_WIDTH - 8, _LANE)
                painter.drawText(label, Qt.AlignmentFlag.AlignVCenter, bar.term.kind.label())
                previous = bar.term.kind
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bar.colour)
            painter.drawRoundedRect(bar.rect, 3, 3)
            painter.setPen(QColor("#ffffff") if bar.state is not TermState.FUTURE else text)
            painter.drawText(
                bar.rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, bar.term.person
            )
        today = self._x(self._timeline.today)
        painter.setPen(QPen(_TODAY, 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(today, _TOP - 6), QPointF(today, self.height() - 2))
        painter.end()

    def _paint_years(self, painter: QPainter, text: QColor) -> None:
        assert self._timeline is not None
        grid = QPen(QColor("#e0e0e0"), 1)
        for year in range(self._timeline.start.year, self._timeline.end.year + 1):
            x = self._x(date(year, 1, 1))
            painter.setPen(grid)
            painter.drawLine(QPointF(x, _TOP - 4), QPointF(x, self.height()))
            painter.setPen(text)
            painter.drawText(QRectF(x + 2, 2, 60, _TOP - 6), Qt.AlignmentFlag.AlignLeft, str(year))
