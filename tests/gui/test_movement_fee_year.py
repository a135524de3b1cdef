"""The movement dialog and the fee link: "Quota anno" for a member's payment in the
membership-fees category, the overpayment question, and the note when the date puts
the movement in another year than the one being looked at."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox

from desdesk.money_schemas import FinancialYearInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.movement import MovementDialog
from tests.gui.test_budget_movements import category_id, fill

YEAR = 2026
TODAY = date(2026, 5, 20)
MEMBER = "Comune di Mori"


@pytest.fixture
def years(populated: Workspace) -> Workspace:
    """2025 and 2026 open, with fees of 25 € and 30 €."""
    populated.budget.open_year(FinancialYearInput(year=YEAR - 1, default_fee=Decimal(25)))
    populated.budget.open_year(FinancialYearInput(year=YEAR, default_fee=Decimal(30)))
    return populated


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox.StandardButton]:
    """The answers to give, in order, to the questions asked (each is removed)."""
    queue: list[QMessageBox.StandardButton] = []

    def question(*_args: object) -> QMessageBox.StandardButton:
        return queue.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return queue


def _dialog(qtbot, workspace: Workspace, movement=None) -> MovementDialog:  # type: ignore[no-untyped-def]
    dialog = MovementDialog(workspace, movement, YEAR, today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def _fee_year_shown(dialog: MovementDialog) -> bool:
    holder = dialog.fee_year.parentWidget()
    return holder is not None and not holder.isHidden()


def _paid(workspace: Workspace, year: int) -> Decimal:
    return next(r.paid for r in workspace.fees.fees(year) if r.member_name == MEMBER)


def test_quota_anno_only_for_a_members_fee_and_following_the_date(  # type: ignore[no-untyped-def]
    qtbot, years: Workspace
) -> None:
    dialog = _dialog(qtbot, years)
    fill(qtbot, dialog, "15/03/2026", "30", "EA8", counterparty=MEMBER)
    assert not _fee_year_shown(dialog)  # a public contribution is nobody's fee
    fill(qtbot, dialog, "15/03/2026", "30", "EA1")
    assert not _fee_year_shown(dialog)  # the fees category, but no member: a lump sum
    dialog.counterparty.setEditText(MEMBER)
    assert _fee_year_shown(dialog) and dialog.fee_year.currentData() == YEAR
    fill(qtbot, dialog, "20/12/2025", "30", "EA1", counterparty=MEMBER)
    assert dialog.fee_year.currentData() == YEAR - 1  # follows the date until picked
    dialog.fee_year.setCurrentIndex(dialog.fee_year.findData(YEAR))
    dialog.fee_year.activated.emit(dialog.fee_year.currentIndex())
    fill(qtbot, dialog, "10/01/2026", "30", "EA1", counterparty=MEMBER)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.saved_id is not None
    assert years.budget.movement(dialog.saved_id).fee_year == YEAR
    assert _paid(years, YEAR) == Decimal(30)


def test_a_previous_years_fee_is_said_in_quota_anno(qtbot, years: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, years)
    fill(qtbot, dialog, "02/02/2026", "25", "EA1", counterparty=MEMBER)
    dialog.fee_year.setCurrentIndex(dialog.fee_year.findData(YEAR - 1))
    dialog.fee_year.activated.emit(dialog.fee_year.currentIndex())
    dialog.save()
    assert dialog.saved_id is not None
    assert (_paid(years, YEAR - 1), _paid(years, YEAR)) == (Decimal(25), Decimal(0))
    # Edited out of the fees: no longer a payment, and the field goes away.
    saved = years.budget.movement(dialog.saved_id)
    again = _dialog(qtbot, years, saved)
    assert _fee_year_shown(again) and again.fee_year.currentData() == YEAR - 1
    again.category.setCurrentIndex(again.category.findData(category_id(years, "EA2")))
    assert not _fee_year_shown(again)
    again.save()
    assert years.budget.movement(saved.id).fee_year is None
    assert _paid(years, YEAR - 1) == 0


def test_paying_more_than_the_fee_is_asked_first(  # type: ignore[no-untyped-def]
    qtbot, years: Workspace, answers: list[QMessageBox.StandardButton]
) -> None:
    dialog = _dialog(qtbot, years)
    fill(qtbot, dialog, "15/03/2026", "45", "EA1", counterparty=MEMBER)
    answers.append(QMessageBox.StandardButton.No)
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted and not answers
    assert years.budget.movements(YEAR) == []
    answers.append(QMessageBox.StandardButton.Yes)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and not answers
    assert _paid(years, YEAR) == Decimal(45)
    # Raising it again in an edit asks again.
    saved = years.budget.movement(dialog.saved_id or 0)
    edit = _dialog(qtbot, years, saved)
    edit.amount.clear()
    qtbot.keyClicks(edit.amount, "60")
    answers.append(QMessageBox.StandardButton.No)
    edit.save()
    assert edit.result() != edit.DialogCode.Accepted and not answers
    assert _paid(years, YEAR) == Decimal(45)


def test_a_date_in_another_open_year_is_pointed_out_not_refused(  # type: ignore[no-untyped-def]
    qtbot, years: Workspace
) -> None:
    dialog = _dialog(qtbot, years)
    assert not dialog.form.error_text("date")
    fill(qtbot, dialog, "28/12/2025", "80", "UE2", counterparty="Tipografia Rossi")
    note = dialog.form.error_text("date")
    assert note == (
        "Il movimento andrà nell'esercizio 2025, non in quello che stai guardando (2026)."
    )
    dialog.date.editingFinished.emit()  # the form's own date check keeps the note
    assert dialog.form.error_text("date") == note
    fill(qtbot, dialog, "28/12/2026", "80", "UE2", counterparty="Tipografia Rossi")
    assert not dialog.form.error_text("date")
    fill(qtbot, dialog, "28/12/2025", "80", "UE2", counterparty="Tipografia Rossi")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [m.data.date for m in years.budget.movements(YEAR - 1)] == [date(2025, 12, 28)]
    # A year that is not open gets no note: the save says what is wrong.
    other = _dialog(qtbot, years)
    fill(qtbot, other, "28/12/2024", "80", "UE2")
    assert not other.form.error_text("date")
