"""Form building blocks: fields with an error line under them, optional dates, pickers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem, InvalidValue, ValidationFailed
from desdesk.domain.values import parse_date
from desdesk.i18n import _, format_date
from desdesk.services.base import ConcurrentEdit

W = TypeVar("W", bound=QWidget)

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


class DateField(QLineEdit):
    """A date typed as GG/MM/AAAA (or G/M/AAAA, or ISO); empty means no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("GG/MM/AAAA"))
        self.setMaximumWidth(140)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value))

    def date_value(self) -> date | None:
        """The date typed, None if empty; raises InvalidValue with the reason."""
        text = self.text().strip()
        return parse_date(text) if text else None


class ErrorLabel(QLabel):
    """The line under a field that says what is wrong with it (hidden when all is well)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str | None, warning: bool = False) -> None:
        self.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.setText(message or "")
        self.setVisible(bool(message))


class Form(QWidget):
    """A QFormLayout whose rows each carry an ErrorLabel, addressed by field name."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}

    def add(self, field: str, label: str, editor: W) -> W:
        holder = QWidget()
        # Rows keep their natural height: spare space goes below the form, not between
        # a label and its (multi-line) editor.
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = ErrorLabel()
        error.setObjectName(f"error_{field}")
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(editor)
        self.layout_.addRow(caption, holder)
        editor.setObjectName(field)
        self.editors[field] = editor
        self.errors[field] = error
        if isinstance(editor, QPlainTextEdit):
            editor.setTabChangesFocus(True)  # Tab moves on, as in every other field
        if isinstance(editor, DateField):
            editor.editingFinished.connect(lambda f=field: self.check_date(f))
        return editor

    def check_date(self, field: str) -> None:
        """Say at once, under the field, if a typed date is not a date."""
        problems: list[FieldProblem] = []
        self.read_date(field, problems)
        self.show_problem(field, problems[0].message if problems else None)

    def show_problem(self, field: str, message: str | None, warning: bool = False) -> None:
        label = self.errors.get(field)
        if label is not None:
            label.show_message(message, warning)

    def show_problems(self, problems: list[FieldProblem]) -> list[FieldProblem]:
        """Put each message under its field; returns those with no field here."""
        for label in self.errors.values():
            label.show_message(None)
        orphans = []
        for problem in problems:
            if problem.field in self.errors:
                self.errors[problem.field].show_message(problem.message)
            else:
                orphans.append(problem)
        if problems and problems[0].field in self.editors:
            self.editors[problems[0].field].setFocus()
        return orphans

    def error_text(self, field: str) -> str:
        label = self.errors[field]
        return label.text() if label.isVisible() or label.text() else ""

    def read_date(
        self, field: str, problems: list[FieldProblem], missing: str | None = None
    ) -> date | None:
        """The date typed in `field`, None when empty or invalid (invalid: a problem
        under the field; empty: the `missing` message, when the date is required)."""
        editor = self.editors[field]
        assert isinstance(editor, DateField)
        try:
            value = editor.date_value()
        except InvalidValue as exc:
            problems.append(FieldProblem(field, exc.message))
            return None
        if value is None and missing is not None:
            problems.append(FieldProblem(field, missing))
        return value


def combo_with(items: Sequence[tuple[str, object]], parent: QWidget | None = None) -> QComboBox:
    """A combo box of (label, data) pairs."""
    combo = QComboBox(parent)
    for label, data in items:
        combo.addItem(label, data)
    return combo


def select_data(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def line_text(form: Form, field: str) -> str:
    editor = form.editors[field]
    assert isinstance(editor, QLineEdit)
    return editor.text()


def raise_if(problems: list[FieldProblem]) -> None:
    """Stop a save when reading the fields found problems (they go under their fields)."""
    if problems:
        raise ValidationFailed(problems)


def save_or_show(
    dialog: QDialog,
    form: Form,
    write: Callable[[], object],
    on_conflict: Callable[[ConcurrentEdit], object] | None = None,
) -> bool:
    """Run `write`; field problems appear under their fields, any other error in a
    message box (never a traceback); the dialog is accepted only on success.

    `on_conflict` handles a save refused because someone else saved the record first
    (the form offers to reload it: without a reload every retry would be refused)."""
    from desdesk.ui.errors import show_error

    try:
        write()
    except ConcurrentEdit as exc:
        if on_conflict is None:
            show_error(dialog, exc)
        else:
            on_conflict(exc)
        return False
    except ValidationFailed as exc:
        orphans = form.show_problems(exc.problems)
        if orphans:  # problems about something this form has no field for
            QMessageBox.warning(
                dialog, _("Dati non salvati"), "\n".join(p.message for p in orphans)
            )
        return False
    except Exception as exc:
        show_error(dialog, exc)
        return False
    dialog.accept()
    return True


def save_cancel_buttons(dialog: QDialog, save: Callable[[], object]) -> QDialogButtonBox:
    """The Salva / Annulla pair every editing dialog ends with."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def action_cancel_buttons(
    dialog: QDialog, text: str, act: Callable[[], object]
) -> tuple[QDialogButtonBox, QPushButton]:
    """An OK / Annulla pair whose OK button says what it does (e.g. Importa); the OK
    button is returned too, for enabling it only when the action can be done."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    button.setText(text)
    buttons.accepted.connect(act)
    buttons.rejected.connect(dialog.reject)
    return buttons, button


def problems_view() -> QPlainTextEdit:
    """The read-only list of an import's problems, one a line (object name importProblems)."""
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setObjectName("importProblems")
    return view


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question, "No" by default, as the rest of desdesk asks."""
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )  # fmt: skip
    return answer == QMessageBox.StandardButton.Yes


def add_buttons(
    layout: QBoxLayout,
    specs: Sequence[tuple[str, str, Callable[[], object]]],
    suffix: str = "Button",
) -> dict[str, QPushButton]:
    """A push button for each (key, label, slot), named `{key}{suffix}`, added to `layout`."""
    buttons: dict[str, QPushButton] = {}
    for key, label, slot in specs:
        button = QPushButton(label)
        button.setObjectName(f"{key}{suffix}")
        button.clicked.connect(lambda _checked=False, s=slot: s())
        layout.addWidget(button)
        buttons[key] = button
    return buttons
