"""DecimalText: money is stored as exact text and never passes through float."""

from decimal import Decimal

import pytest

from desdesk.db.types import DecimalText
from desdesk.services.workspace import Workspace


def test_decimal_text_stores_decimals_ints_and_text_exactly() -> None:
    column = DecimalText()
    assert column.process_bind_param(Decimal("12.34"), None) == "12.34"
    assert column.process_bind_param(5, None) == "5"
    assert column.process_bind_param("0.10", None) == "0.10"
    assert column.process_bind_param(None, None) is None
    assert column.process_result_value("0.10", None) == Decimal("0.10")


def test_decimal_text_refuses_a_float() -> None:
    with pytest.raises(TypeError, match="float"):
        DecimalText().process_bind_param(0.1 + 0.2, None)


def test_a_float_amount_is_refused_by_the_database(workspace: Workspace) -> None:
    from sqlalchemy.exc import StatementError

    from desdesk.db.money_models import FinancialYear

    with workspace.budget._sessions() as session, pytest.raises(StatementError) as raised:
        session.add(FinancialYear(year=2031, opening_cash=0.5))  # type: ignore[arg-type]
        session.flush()
    assert isinstance(raised.value.orig, TypeError)
