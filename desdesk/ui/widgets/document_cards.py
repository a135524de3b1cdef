"""The cards of Documenti › Crea: a title, what the document holds, its choices (a year,
a period) and its buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from desdesk.domain.money_checks import FIRST_YEAR, LAST_YEAR
from desdesk.i18n import _


def card(title: str, text: str, widgets: Sequence[QWidget]) -> QGroupBox:
    """A group box: the description on the left, taking the room, then `widgets`."""
    box = QGroupBox(title)
    description = QLabel(text)
    description.setWordWrap(True)
    row = QHBoxLayout(box)
    row.addWidget(description, 1)
    for widget in widgets:
        row.addWidget(widget)
    return box


def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button named `name` that calls `slot()` (never with Qt's checked flag)."""
    push = QPushButton(text)
    push.setObjectName(name)
    push.clicked.connect(lambda _checked=False: slot())
    return push


def year_spin(name: str, year: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(FIRST_YEAR, LAST_YEAR)
    spin.setValue(year)
    spin.setAccessibleName(_("Anno"))
    return spin


def labelled(text: str, editor: QWidget) -> list[QWidget]:
    """A caption and its editor, for a card's row."""
    caption = QLabel(text)
    caption.setBuddy(editor)
    return [caption, editor]


def this_year() -> int:
    return date.today().year
