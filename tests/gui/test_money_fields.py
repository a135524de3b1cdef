"""The shared money fields: an amount or a date left empty, typed wrong, or typed right,
as the budget dialogs read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QLineEdit

from desdesk.domain.errors import FieldProblem
from desdesk.domain.money_enums import Account
from desdesk.money_schemas import FinancialYearInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.investment import InvestmentDialog
from desdesk.ui.dialogs.transfer import TransferDialog
from desdesk.ui.widgets.forms import DateField, Form
from desdesk.ui.widgets.money_fields import account_combo, read_amount


def _form(qtbot, amount: str = "", day: str = "") -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.add("amount", "Importo", QLineEdit()).setText(amount)
    form.add("date", "Data", DateField()).setText(day)
    return form


def test_an_empty_amount_is_none_a_missing_message_or_the_parsers(qtbot) -> None:
    form = _form(qtbot)
    problems: list[FieldProblem] = []
    assert read_amount(form, "amount", problems) is None
    assert problems == []
    assert read_amount(form, "amount", problems, missing="Scrivi l'importo.") is None
    assert problems == [FieldProblem("amount", "Scrivi l'importo.")]
    problems.clear()
    assert read_amount(form, "amount", problems, required=True) is None
    assert [p.field for p in problems] == ["amount"]
    assert "non è un importo valido" in problems[0].message


def test_a_typed_amount_is_decimal_and_a_wrong_one_says_why(qtbot) -> None:
    problems: list[FieldProblem] = []
    assert read_amount(_form(qtbot, " 1.234,56 "), "amount", problems) == Decimal("1234.56")
    assert read_amount(_form(qtbot, "-5"), "amount", problems, positive=False) == Decimal("-5")
    assert problems == []
    assert read_amount(_form(qtbot, "-5"), "amount", problems, missing="x") is None
    assert "maggiore di zero" in problems[0].message


def test_a_required_date_says_what_is_missing_once(qtbot) -> None:
    problems: list[FieldProblem] = []
    assert _form(qtbot).read_date("date", problems) is None
    assert problems == []
    assert _form(qtbot).read_date("date", problems, "Indica la data.") is None
    assert problems == [FieldProblem("date", "Indica la data.")]
    problems.clear()
    assert _form(qtbot, day="31/02/2026").read_date("date", problems, "Indica la data.") is None
    assert len(problems) == 1 and problems[0].message != "Indica la data."
    assert _form(qtbot, day="26/11/2026").read_date("date", [], "x") == date(2026, 11, 26)


def test_account_combo_offers_cassa_and_banca(qtbot) -> None:
    combo = account_combo()
    qtbot.addWidget(combo)
    assert [combo.itemData(i) for i in range(combo.count())] == [a.value for a in Account]


def test_dialogs_name_the_empty_fields(qtbot, workspace: Workspace) -> None:
    workspace.budget.open_year(FinancialYearInput(2026, Decimal(0), Decimal(0)))
    transfer = TransferDialog(workspace, None, 2026, date(2026, 5, 20))
    qtbot.addWidget(transfer)
    transfer.date.setText("")
    transfer.save()
    assert transfer.form.error_text("date") == "Scrivi la data del giroconto."
    assert "non è un importo valido" in transfer.form.error_text("amount")
    investment = InvestmentDialog(workspace, None, 2026)
    qtbot.addWidget(investment)
    investment.save()
    assert investment.form.error_text("amount") == "Scrivi l'importo dell'investimento."
    assert workspace.budget.transfers() == [] and workspace.budget.investments() == []
