"""The gauge of the public share of the year's income (rule H5), painted by hand.

A half dial from 0 % (left) to 100 % (right): the part above the district's warning
threshold is tinted, the threshold is a tick, the needle is red above it. The figures
are also in the accessible description and the tooltip, so colour is never the only
carrier of the number.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desdesk.i18n import _, format_money, format_number
from desdesk.services.check_pictures import PublicShare

NEEDLE_OK = QColor("#1f5f8b")
NEEDLE_OVER = QColor("#c8102e")
_TRACK = QColor("#d9d9d9")
_ABOVE = QColor("#f5b7b1")
_TICK = QColor("#333333")


def describe(share: PublicShare | None) -> str:
    """The gauge in words: what the tooltip and the accessible description say."""
    if share is None or share.share is None:
        return _("Nessuna entrata registrata: la quota pubblica non si può calcolare.")
    text = _(
        "Entrate {year}: {public} da enti pubblici su {total}, il {share} %. "
        "Soglia di attenzione: {threshold} %."
    ).format(
        year=share.year,
        public=format_money(share.public_income),
        total=format_money(share.income_total),
        share=format_number(share.share),
        threshold=share.threshold,
    )
    if share.over_threshold:
        text += " " + _("La quota pubblica supera la soglia.")
    return text


class PublicShareGauge(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._share: PublicShare | None = None
        self.setMinimumSize(220, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.set_share(None)

    def sizeHint(self) -> QSize:
        return QSize(280, 170)

    def set_share(self, share: PublicShare | None) -> None:
        self._share = share
        text = describe(share)
        self.setToolTip(text)
        self.setAccessibleName(_("Quota pubblica delle entrate"))
        self.setAccessibleDescription(text)
        self.update()

    # -- what the dial shows (also read by the tests) -----------------------------------------
    @property
    def has_income(self) -> bool:
        return self._share is not None and self._share.share is not None

    @property
    def value(self) -> float | None:
        """The share in percent, as drawn (None: no income)."""
        if self._share is None or self._share.share is None:
            return None
        return float(self._share.share)  # the last step: a needle angle

    @property
    def threshold(self) -> int:
        return self._share.threshold if self._share is not None else 0

    @property
    def over_threshold(self) -> bool:
        return self._share is not None and self._share.over_threshold

    @property
    def needle_colour(self) -> QColor:
        return NEEDLE_OVER if self.over_threshold else NEEDLE_OK

    def caption(self) -> str:
        if self.value is None:
            return _("nessuna entrata")
        assert self._share is not None and self._share.share is not None
        return f"{format_number(self._share.share)} %"

    # -- painting -------------------------------------------------------------------------------
    def _dial(self) -> QRectF:
        side = min(self.width() - 20, 2 * (self.height() - 56))
        side = max(side, 40)
        left = (self.width() - side) / 2
        return QRectF(left, 12, side, side)

    @staticmethod
    def _angle(percent: float) -> float:
        """Degrees counter-clockwise from 3 o'clock: 0 % → 180°, 100 % → 0°."""
        return 180.0 - 1.8 * max(0.0, min(100.0, percent))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dial = self._dial()
        width = max(dial.width() / 12, 6)
        arc = dial.adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.setPen(QPen(_TRACK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawArc(arc, 0, 180 * 16)
        if self._share is not None:
            above = self._angle(self.threshold)
            painter.setPen(QPen(_ABOVE, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawArc(arc, 0, int(above * 16))
            self._tick(painter, dial, self.threshold)
        if self.value is not None:
            self._needle(painter, dial, self.value)
        painter.setPen(self.palette().windowText().color())
        text_box = QRectF(0, dial.center().y() + 4, self.width(), 40)
        caption = self.caption()
        if self._share is not None and self._share.year is not None:
            caption += "\n" + _("entrate {year}").format(year=self._share.year)
        painter.drawText(
            text_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, caption
        )
        painter.end()

    def _point(self, dial: QRectF, percent: float, radius: float) -> QPointF:
        angle = math.radians(self._angle(percent))
        centre = dial.center()
        return QPointF(centre.x() + radius * math.cos(angle), centre.y() - radius * math.sin(angle))

    def _tick(self, painter: QPainter, dial: QRectF, percent: float) -> None:
        radius = dial.width() / 2
        painter.setPen(QPen(_TICK, 2))
        painter.drawLine(
            self._point(dial, percent, radius * 0.78), self._point(dial, percent, radius)
        )

    def _needle(self, painter: QPainter, dial: QRectF, percent: float) -> None:
        radius = dial.width() / 2
        painter.setPen(QPen(self.needle_colour, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(dial.center(), self._point(dial, percent, radius * 0.85))
        painter.setBrush(self.needle_colour)
        painter.drawEllipse(dial.center(), 4, 4)
