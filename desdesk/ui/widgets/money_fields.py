"""The money fields the budget dialogs share: the account a movement goes through and
the amount typed in a form (read with `parse_money`, never float)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.money import parse_money, parse_positive_money
from desdesk.domain.money_enums import Account
from desdesk.ui.widgets.forms import Form, combo_with


def account_combo(parent: QWidget | None = None) -> QComboBox:
    """Cassa or banca, the Account value as each item's data."""
    return combo_with([(account.label(), account.value) for account in Account], parent)


def read_amount(
    form: Form,
    field: str,
    problems: list[FieldProblem],
    *,
    positive: bool = True,
    required: bool = False,
    missing: str | None = None,
) -> Decimal | None:
    """The amount typed in `field`; None, with a problem under the field, if invalid.

    An empty field is None with no problem, unless `missing` (that message) or
    `required` (the parser says why).
    """
    editor = form.editors[field]
    assert isinstance(editor, QLineEdit)
    text = editor.text()
    if not text.strip() and missing is not None:
        problems.append(FieldProblem(field, missing))
        return None
    if not text.strip() and not required:
        return None
    try:
        return parse_positive_money(text) if positive else parse_money(text)
    except InvalidValue as exc:
        problems.append(FieldProblem(field, exc.message))
        return None
