"""The Movimenti tab and the movement dialog, on a real district file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desdesk.domain.money_enums import Account, Flow, FundingSource
from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.movement import MovementDialog
from desdesk.ui.models.budget_movements import MovementsModel, MovementsProxy
from desdesk.ui.widgets.budget_movements import MovementsView

YEAR = 2026
TODAY = date(2026, 5, 20)


def category_id(ws: Workspace, code: str) -> int:
    return next(c.id for c in ws.budget.categories() if c.code == code)


@pytest.fixture
def year(populated: Workspace) -> Workspace:
    populated.budget.open_year(FinancialYearInput(year=YEAR))
    return populated


def fill(  # type: ignore[no-untyped-def]
    qtbot, dialog: MovementDialog, day: str, amount: str, code: str, *, counterparty: str = ""
) -> None:
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, day)
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, amount)
    dialog.category.setCurrentIndex(dialog.category.findData(category_id(dialog.workspace, code)))
    dialog.counterparty.setEditText(counterparty)


def add(ws: Workspace, day: date, amount: str, code: str, description: str = "") -> int:
    return ws.budget.add_movement(
        MovementInput(
            date=day,
            amount=Decimal(amount),
            category_id=category_id(ws, code),
            description=description,
        )
    )


def test_income_through_the_dialog_with_a_member_and_the_category_source(
    qtbot, year: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = MovementDialog(year, None, YEAR, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.date.text() == "20/05/2026"
    fill(qtbot, dialog, "15/03/2026", "1.250,50", "EA8", counterparty="comune di mori")
    # An income asks for its source, starting from the category's default.
    assert dialog.source.currentData() == FundingSource.PUBLIC.value
    holder = dialog.source.parentWidget()
    assert holder is not None and not holder.isHidden()
    qtbot.keyClicks(dialog.description, "Contributo progetto orti")
    qtbot.keyClicks(dialog.document, "Det. 12/2026")
    dialog.account.setCurrentIndex(dialog.account.findData(Account.CASH.value))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    saved = year.budget.movement(dialog.saved_id)
    assert saved.data.amount == Decimal("1250.50")
    assert saved.data.date == date(2026, 3, 15)
    assert saved.data.source == FundingSource.PUBLIC.value
    assert saved.member_name == "Comune di Mori"
    assert saved.data.counterparty == ""
    assert saved.data.account == Account.CASH.value
    assert saved.data.document_ref == "Det. 12/2026"


def test_expense_has_no_source_and_a_free_counterparty(qtbot, year: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MovementDialog(year, None, YEAR, today=TODAY)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, "02/04/2026", "80", "UE2", counterparty="Tipografia Rossi")
    holder = dialog.source.parentWidget()
    assert holder is not None and holder.isHidden()
    dialog.save()
    assert dialog.saved_id is not None
    saved = year.budget.movement(dialog.saved_id)
    assert saved.flow is Flow.EXPENSE
    assert saved.data.source is None
    assert saved.data.member_id is None
    assert saved.counterparty_label == "Tipografia Rossi"

    again = MovementDialog(year, saved, YEAR)
    qtbot.addWidget(again)
    assert again.amount.text() == "80,00"
    assert again.counterparty.currentText() == "Tipografia Rossi"
    again.amount.clear()
    qtbot.keyClicks(again.amount, "85,40")
    again.save()
    assert year.budget.movement(saved.id).data.amount == Decimal("85.40")


def test_bad_input_stays_in_the_dialog_with_messages_and_nothing_written(
    qtbot, year: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = MovementDialog(year, None, YEAR, today=TODAY)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, "31/02/2026", "12,3x", "EA8")
    dialog.category.setCurrentIndex(0)  # no category
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "non è un importo valido" in dialog.form.error_text("amount")
    assert dialog.form.error_text("date")
    assert "categoria" in dialog.form.error_text("category_id")
    assert year.budget.movements(YEAR) == []
    # A date outside the open years is refused by the service, under the date.
    fill(qtbot, dialog, "10/01/2025", "10", "EA8")
    dialog.save()
    assert "2025" in dialog.form.error_text("date")
    assert not dialog.form.error_text("amount")
    assert year.budget.movements() == []


def test_section_headers_cannot_be_picked(qtbot, year: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MovementDialog(year, None, YEAR)
    qtbot.addWidget(dialog)
    model = dialog.category.model()
    labels = [dialog.category.itemText(i) for i in range(dialog.category.count())]
    header = labels.index("A) Entrate da attività di interesse generale")
    assert not model.flags(model.index(header, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert model.flags(model.index(header + 8, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert "EA8 Contributi da enti pubblici" in labels[header + 8]


def test_filters_and_totals_of_what_is_shown(qtbot, year: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    add(year, date(2026, 1, 10), "1000", "EA8", "Contributo comunale")
    add(year, date(2026, 2, 1), "50", "EA1", "Quota Terre Alte")
    add(year, date(2026, 2, 3), "120.30", "UE2", "Commercialista")
    add(year, date(2026, 3, 3), "30", "UA1", "Sementi")
    view = MovementsView(year, today=TODAY)
    qtbot.addWidget(view)
    view.set_year(YEAR)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    assert view.proxy.rowCount() == 4
    assert view.model.row_at(0).data.description == "Sementi"  # newest first
    assert "4 movimenti" in view.totals.text()
    assert "entrate 1.050,00\xa0€" in view.totals.text()
    assert "uscite 150,30\xa0€" in view.totals.text()
    view.flow.setCurrentIndex(view.flow.findData(Flow.EXPENSE))
    assert view.proxy.rowCount() == 2
    assert "entrate 0,00\xa0€, uscite 150,30\xa0€" in view.totals.text()
    view.flow.setCurrentIndex(0)
    root = next(c for c in year.budget.categories() if c.code == "EA")
    view.category.setCurrentIndex(view.category.findData(root.id))  # a section: its leaves
    assert {m.data.description for m in view.proxy.shown()} == {
        "Contributo comunale",
        "Quota Terre Alte",
    }
    qtbot.keyClicks(view.search, "comunale")
    assert [m.data.description for m in view.proxy.shown()] == ["Contributo comunale"]
    assert "1 movimento —" in view.totals.text()


def test_delete_asks_first(qtbot, year: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    keep = add(year, date(2026, 1, 10), "1000", "EA8", "Contributo comunale")
    view = MovementsView(year, today=TODAY)
    qtbot.addWidget(view)
    view.set_year(YEAR)
    changes: list[bool] = []
    view.changed.connect(lambda: changes.append(True))
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    view.select(keep)
    assert view.buttons["delete"].isEnabled()
    view.delete_selected()
    assert "10/01/2026" in asked[0] and "1.000,00" in asked[0]
    assert [m.id for m in year.budget.movements(YEAR)] == [keep]
    assert not changes
    answer = QMessageBox.StandardButton.Yes
    view.select(keep)
    view.delete_selected()
    assert year.budget.movements(YEAR) == []
    assert view.proxy.rowCount() == 0
    assert changes == [True]


def test_a_closed_year_is_read_only(qtbot, year: Workspace) -> None:  # type: ignore[no-untyped-def]
    add(year, date(2026, 1, 10), "1000", "EA8")
    year.budget.close_year(YEAR)
    view = MovementsView(year, today=TODAY)
    qtbot.addWidget(view)
    view.set_year(YEAR, closed=True)
    view.table.selectRow(0)
    assert not view.buttons["new"].isEnabled()
    assert not view.buttons["edit"].isEnabled()
    assert not view.buttons["delete"].isEnabled()
    assert view.buttons["export"].isEnabled()
    assert "chiuso" in view.buttons["new"].toolTip()


def test_movement_model_alone(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MovementsModel()
    proxy = MovementsProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert proxy.shown() == []


def test_import_and_export_go_through_the_import_dialogs(
    qtbot, year: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from desdesk.ui.dialogs import movement_import

    view = MovementsView(year, today=TODAY)
    qtbot.addWidget(view)
    view.set_year(YEAR)
    calls: list[object] = []

    def run(parent: object, workspace: Workspace) -> bool:
        calls.append(parent)
        add(workspace, date(2026, 4, 1), "75", "EA4", "Importato")
        return True

    def export(parent: object, workspace: Workspace, chosen: int | None) -> None:
        calls.append(chosen)

    monkeypatch.setattr(movement_import, "run_movement_import", run)
    monkeypatch.setattr(movement_import, "export_movements", export)
    with qtbot.waitSignal(view.changed):
        view.buttons["import"].click()
    assert calls == [view]
    assert [m.data.description for m in view.proxy.shown()] == ["Importato"]
    view.buttons["export"].click()
    assert calls == [view, YEAR]
