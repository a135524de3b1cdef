"""The Bilancio section: years (open, edit, close, reopen), its tabs kept in step, and
the categories dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.budget_categories import CategoriesDialog, CategoryDialog
from desdesk.ui.dialogs.budget_year import YearDialog
from desdesk.ui.dialogs.movement import MovementDialog
from desdesk.ui.models.budget_statement import ACTUAL, PLANNED
from desdesk.ui.sections.budget import BudgetSection

TODAY = date(2026, 5, 20)


def category_id(ws: Workspace, code: str) -> int:
    return next(c.id for c in ws.budget.categories() if c.code == code)


def section(qtbot, ws: Workspace) -> BudgetSection:  # type: ignore[no-untyped-def]
    view = BudgetSection(ws, today=TODAY)
    qtbot.addWidget(view)
    return view


def answering(
    monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill: Callable[[QDialog], None]
) -> list[QDialog]:
    """Make `cls.exec` fill the dialog and press Salva instead of waiting for a user."""
    shown: list[QDialog] = []

    def exec_(self: QDialog) -> int:
        shown.append(self)
        fill(self)
        self.save()  # type: ignore[attr-defined]
        return int(self.result())

    monkeypatch.setattr(cls, "exec", exec_)
    return shown


def test_first_year_from_the_empty_state(
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    view = section(qtbot, workspace)
    assert view.stack.currentIndex() == 0
    assert not view.buttons["edit_year"].isEnabled()
    assert not view.buttons["close_year"].isEnabled()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, YearDialog)
        assert dialog.year.value() == 2026
        dialog.opening_cash.setText("150,00")
        dialog.default_fee.setText("30")
        dialog.fee_due_on.setText("31/03/2026")

    answering(monkeypatch, YearDialog, fill)
    with qtbot.waitSignal(view.changed):
        view.new_year()
    assert view.stack.currentIndex() == 1
    assert view.selected_year() is not None
    assert view.year_combo.currentText() == "2026"
    saved = workspace.budget.year(2026).data
    assert saved.opening_cash == Decimal("150.00")
    assert saved.default_fee == Decimal("30.00")
    assert saved.fee_due_on == date(2026, 3, 31)
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "Rendiconto",
        "Movimenti",
        "Quote",
        "Pluriennale",
    ]


def test_a_new_year_starts_from_last_years_closing_balances(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.budget.open_year(
        FinancialYearInput(
            year=2025,
            opening_bank=Decimal("500.00"),
            default_fee=Decimal("25.00"),
            fee_due_on=date(2025, 3, 31),
        )
    )
    workspace.budget.add_movement(
        MovementInput(
            date=date(2025, 6, 1),
            amount=Decimal("100.00"),
            category_id=category_id(workspace, "EA8"),
        )
    )
    dialog = YearDialog(workspace, None, 2026)
    qtbot.addWidget(dialog)
    assert dialog.carry.isEnabled() and dialog.carry.isChecked()
    assert dialog.opening_bank.text() == "600,00"
    assert dialog.opening_bank.isReadOnly()
    assert dialog.default_fee.text() == "25,00"
    assert dialog.fee_due_on.text() == "31/03/2026"
    assert "2025" in dialog.prefill_note.text()
    dialog.year.setValue(2030)  # no 2029 on file: nothing to carry over
    assert not dialog.carry.isEnabled() and not dialog.carry.isChecked()
    assert dialog.opening_bank.text() == "0,00"
    assert not dialog.opening_bank.isReadOnly()
    dialog.year.setValue(2026)
    assert dialog.carry.isChecked()
    dialog.carry.setChecked(False)  # typed openings
    dialog.opening_cash.setText("dieci euro")
    dialog.save()
    assert "non è un importo valido" in dialog.form.error_text("opening_cash")
    assert [y.year for y in workspace.budget.years()] == [2025]
    dialog.carry.setChecked(True)
    assert dialog.opening_cash.text() == "0,00" and dialog.opening_bank.text() == "600,00"
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = workspace.budget.year(2026).data
    assert saved.opening_bank == Decimal("600.00") and saved.carry_openings


def test_carried_openings_follow_a_late_movement_and_can_be_typed(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    budget = workspace.budget
    budget.open_year(FinancialYearInput(year=2025, opening_bank=Decimal("500.00")))
    budget.open_year(FinancialYearInput(year=2026))
    budget.close_year(2025)
    budget.reopen_year(2025)
    budget.add_movement(
        MovementInput(date(2025, 12, 1), Decimal("40.00"), category_id(workspace, "EA8"))
    )
    budget.close_year(2025)
    dialog = YearDialog(workspace, budget.year(2026))
    qtbot.addWidget(dialog)
    assert dialog.carry.isChecked() and dialog.opening_bank.isReadOnly()
    assert dialog.opening_bank.text() == "540,00"
    # A district that starts mid-history types its own
    dialog.carry.setChecked(False)
    assert not dialog.opening_bank.isReadOnly()
    dialog.opening_bank.setText("1.000,00")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = budget.year(2026).data
    assert (saved.opening_bank, saved.carry_openings) == (Decimal("1000.00"), False)
    again = YearDialog(workspace, budget.year(2026))
    qtbot.addWidget(again)
    assert not again.carry.isChecked() and again.carry.isEnabled()
    assert again.opening_bank.text() == "1.000,00"


def test_close_and_reopen_after_confirming(
    qtbot, workspace: Workspace, answer_yes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    workspace.budget.open_year(FinancialYearInput(year=2026))
    view = section(qtbot, workspace)
    view.toggle_closed()
    assert "Chiudere l'esercizio 2026" in answer_yes[0]
    assert workspace.budget.year(2026).closed
    assert view.year_combo.currentText() == "2026 (chiuso)"
    assert view.buttons["close_year"].text() == "Riapri esercizio"
    assert view.statement_view.model.read_only
    assert not view.movements_view.buttons["new"].isEnabled()
    view.toggle_closed()
    assert "Riaprire" in answer_yes[1]
    assert not workspace.budget.year(2026).closed
    assert not view.statement_view.model.read_only


def test_a_movement_saved_updates_the_rendiconto(
    qtbot, populated: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    populated.budget.open_year(FinancialYearInput(year=2026))
    ea8 = category_id(populated, "EA8")
    populated.budget.set_plan(2026, {ea8: Decimal("2000.00")})
    view = section(qtbot, populated)
    model = view.statement_view.model
    row = model.row_of(ea8)
    assert model.index(row, PLANNED).data() == "2.000,00\xa0€"
    assert model.index(row, ACTUAL).data() == ""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MovementDialog)
        dialog.date.setText("02/03/2026")
        dialog.amount.setText("1.500,00")
        dialog.category.setCurrentIndex(dialog.category.findData(ea8))

    answering(monkeypatch, MovementDialog, fill)
    with qtbot.waitSignal(view.changed):
        view.movements_view.new_movement()
    assert model.index(row, ACTUAL).data() == "1.500,00\xa0€"
    assert model.index(row, 3).data() == "-500,00\xa0€"
    assert view.movements_view.proxy.rowCount() == 1
    assert view.movements_view.selected() is not None


def test_categories_add_edit_and_refusals(
    qtbot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[str],
    answer_yes: list[str],
) -> None:  # type: ignore[no-untyped-def]
    workspace.budget.open_year(FinancialYearInput(year=2026))
    ea8 = category_id(workspace, "EA8")
    workspace.budget.add_movement(
        MovementInput(date=date(2026, 3, 2), amount=Decimal("10.00"), category_id=ea8)
    )
    dialog = CategoriesDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 13  # the Modello D section headers

    def fill(sub: QDialog) -> None:
        assert isinstance(sub, CategoryDialog)
        sub.name.setText("Contributo Comunità di Valle")

    subs = answering(monkeypatch, CategoryDialog, fill)
    dialog.select(category_id(workspace, "EA9"))
    dialog.add_child()
    added = next(c for c in workspace.budget.categories() if c.code == "EA9.1")
    assert added.name == "Contributo Comunità di Valle"
    chosen = dialog.selected()
    assert chosen is not None and chosen.id == added.id
    assert dialog.changed_any

    dialog.select(ea8)  # has a movement: cannot hold subcategories, nor be deleted
    dialog.add_child()
    refused = subs[-1]
    assert isinstance(refused, CategoryDialog)
    assert "ha già importi registrati" in refused.form.error_text("parent_id")
    dialog.delete_selected()
    assert "1 movimento" in shown_messages[-1]
    dialog.select(category_id(workspace, "EA"))  # a section header
    dialog.delete_selected()
    assert len(shown_messages) == 2
    assert category_id(workspace, "EA")

    dialog.select(added.id)
    dialog.delete_selected()
    assert all(c.code != "EA9.1" for c in workspace.budget.categories())


def test_the_category_dialog_says_why_a_closed_year_keeps_its_category(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    budget = workspace.budget
    budget.open_year(FinancialYearInput(year=2025))
    ua1 = category_id(workspace, "UA1")
    budget.add_movement(MovementInput(date(2025, 4, 1), Decimal("12.00"), ua1))
    budget.close_year(2025)
    categories = budget.categories()
    dialog = CategoryDialog(workspace, categories, next(c for c in categories if c.id == ua1))
    qtbot.addWidget(dialog)
    dialog.structure_cost.setChecked(True)
    dialog.save()
    assert "esercizio chiuso 2025" in dialog.form.error_text("structure_cost")
    assert not next(c for c in budget.categories() if c.id == ua1).structure_cost
    dialog.structure_cost.setChecked(False)
    dialog.name.setText("Materiali")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert next(c for c in budget.categories() if c.id == ua1).name == "Materiali"
