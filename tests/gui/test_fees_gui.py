"""The Quote tab: the fees table and its filter, recording a payment (and refusing an
unconfirmed overpayment), a member's own fee, the reminder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desdesk.domain.money_enums import Flow
from desdesk.money_schemas import FeeRow, FinancialYearInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.fee_override import DefaultFeeDialog, FeeOverrideDialog
from desdesk.ui.dialogs.fee_payment import FeePaymentDialog
from desdesk.ui.dialogs.reminder import ReminderDialog
from desdesk.ui.models.fees import FeesModel, FeesProxy, fee_totals
from desdesk.ui.widgets.fees_tab import FeesTab

YEAR = date.today().year
TODAY = date.today()
FEE = Decimal("30.00")
PAID, AMOUNT, DUE_ON, OUTSTANDING, STATUS = 3, 1, 2, 5, 6


def _row(name: str, due: str, paid: str, due_on: date | None, **kw: object) -> FeeRow:
    return FeeRow(
        member_id=len(name),
        member_name=name,
        year=YEAR,
        due=Decimal(due),
        due_on=due_on,
        paid=Decimal(paid),
        last_paid_on=TODAY if Decimal(paid) else None,
        overridden=bool(kw.get("overridden", False)),
        reason=str(kw.get("reason", "")),
        fee_set=bool(kw.get("fee_set", True)),
    )


ROWS = [
    _row("Associazione Terre Alte", "30.00", "30.00", TODAY + timedelta(days=30)),
    _row("Comune di Mori", "30.00", "10.00", TODAY + timedelta(days=30)),
    _row("Cooperativa La Rete", "30.00", "0.00", TODAY - timedelta(days=1)),
    _row("Maso Pilati", "0.00", "0.00", None, overridden=True, reason="Socio fondatore"),
    _row("GAS Rovereto", "0.00", "0.00", None, fee_set=False),
]


def _column(view_model: object, column: int) -> list[str]:
    model = view_model  # a QAbstractItemModel (proxy or source)
    return [model.index(r, column).data() for r in range(model.rowCount())]  # type: ignore[attr-defined]


def test_model_texts_status_colour_and_filter(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FeesModel(today=TODAY)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    assert _column(model, STATUS) == [
        *("Pagata", "Parziale", "Scaduta", "Esente", "Quota non stabilita")
    ]
    assert _column(model, OUTSTANDING)[:3] == ["0,00\xa0€", "20,00\xa0€", "30,00\xa0€"]
    assert _column(model, AMOUNT)[3] == "0,00\xa0€ *"
    assert model.index(3, AMOUNT).data(Qt.ItemDataRole.ToolTipRole) == (
        "Quota personalizzata: Socio fondatore"
    )
    red = model.index(2, STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color().name() == "#b00020"
    assert model.index(1, STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    proxy = FeesProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_only_outstanding(True)
    assert _column(proxy, 0) == ["Comune di Mori", "Cooperativa La Rete"]
    proxy.set_text("rete")
    assert _column(proxy, 0) == ["Cooperativa La Rete"]
    model.sort(OUTSTANDING, Qt.SortOrder.DescendingOrder)
    assert _column(model, 0)[0] == "Cooperativa La Rete"
    totals = fee_totals(ROWS)
    assert (totals.due, totals.paid, totals.outstanding) == (Decimal(90), Decimal(40), Decimal(50))


# -- with the district's services --------------------------------------------------------


@pytest.fixture
def fees_year(populated: Workspace) -> Workspace:
    """The current year open with a 30 € fee due at the end of the year."""
    populated.budget.open_year(
        FinancialYearInput(year=YEAR, default_fee=FEE, fee_due_on=date(YEAR, 12, 31))
    )
    return populated


@pytest.fixture
def answer_no(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer "No" to every question box; returns the texts asked."""
    asked: list[str] = []

    def question(
        _parent: object, _title: str, text: str, *_a: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _tab(qtbot, workspace: Workspace) -> FeesTab:  # type: ignore[no-untyped-def]
    tab = FeesTab(workspace)
    qtbot.addWidget(tab)
    tab.set_year(YEAR)
    return tab


def _select(tab: FeesTab, name: str) -> FeeRow:
    proxy = tab.table.model()
    row = _column(proxy, 0).index(name)
    tab.table.selectRow(row)
    fee = tab.selected()
    assert fee is not None and fee.member_name == name
    return fee


def _in_dialog(kind: type, act: Callable[[object], None]) -> None:
    """Run `act` on the modal dialog of type `kind` as soon as it opens."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, kind)
        act(dialog)

    QTimer.singleShot(0, run)


def test_payment_through_the_dialog_pays_the_fee(qtbot, fees_year: Workspace) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, fees_year)
    assert "Quota " + str(YEAR) in tab.fee_label.text() and "31/12/" in tab.fee_label.text()
    assert _column(tab.table.model(), STATUS) == ["Da pagare"] * 4
    _select(tab, "Comune di Mori")
    assert tab.pay_button.isEnabled()

    def pay(dialog: FeePaymentDialog) -> None:
        assert dialog.amount.text() == "30,00"
        assert dialog.paid_on.date_value() == TODAY
        dialog.document_ref.setText("Bonifico 12")
        dialog.save()

    _in_dialog(FeePaymentDialog, pay)  # type: ignore[arg-type]
    with qtbot.waitSignal(tab.changed, timeout=3000):
        tab.pay_button.click()
    names = _column(tab.table.model(), 0)
    row = names.index("Comune di Mori")
    assert tab.table.model().index(row, STATUS).data() == "Pagata"
    assert tab.table.model().index(row, OUTSTANDING).data() == "0,00\xa0€"
    assert tab.table.model().index(row, PAID).data() == "30,00\xa0€"
    assert "da pagare 90,00" in tab.totals_label.text()
    (movement,) = fees_year.budget.movements(YEAR)
    assert movement.data.amount == FEE and movement.flow is Flow.INCOME
    assert movement.member_name == "Comune di Mori" and movement.fee_year == YEAR
    assert movement.data.document_ref == "Bonifico 12"
    tab.only_outstanding.setChecked(True)
    assert "Comune di Mori" not in _column(tab.table.model(), 0)
    assert len(_column(tab.table.model(), 0)) == 3


def test_overpayment_is_asked_and_no_writes_nothing(qtbot, fees_year: Workspace, answer_no) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, fees_year)
    fee = _select(tab, "Associazione Terre Alte")
    dialog = FeePaymentDialog(fees_year, fee, tab)
    qtbot.addWidget(dialog)
    dialog.amount.setText("50,00")
    dialog.save()
    assert len(answer_no) == 1 and answer_no[0]  # the service's own words
    assert dialog.result() == 0 and dialog.movement_id is None
    assert fees_year.budget.movements(YEAR) == []
    dialog.amount.setText("abc")
    dialog.save()
    assert "non è un importo valido" in dialog.form.error_text("amount")


def test_overpayment_confirmed_is_recorded(qtbot, fees_year: Workspace, answer_yes) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, fees_year)
    dialog = FeePaymentDialog(fees_year, _select(tab, "Associazione Terre Alte"), tab)
    qtbot.addWidget(dialog)
    dialog.amount.setText("50,00")
    dialog.save()
    assert len(answer_yes) == 1 and dialog.result() == 1
    (movement,) = fees_year.budget.movements(YEAR)
    assert movement.data.amount == Decimal("50.00")


def test_own_fee_changes_the_due_and_goes_back(qtbot, fees_year: Workspace, answer_yes) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, fees_year)
    fee = _select(tab, "Comune di Mori")
    dialog = FeeOverrideDialog(fees_year, fee, tab)
    qtbot.addWidget(dialog)
    assert dialog.amount.text() == "30,00" and not dialog.restore_button.isEnabled()
    dialog.amount.setText("12,50")
    dialog.due_on.set_date(date(YEAR, 6, 30))
    dialog.reason.setText("Ente con bilancio ridotto")
    dialog.save()
    assert dialog.result() == 1
    tab.refresh()
    own = _select(tab, "Comune di Mori")
    assert own.due == Decimal("12.50") and own.overridden and own.due_on == date(YEAR, 6, 30)
    row = _column(tab.table.model(), 0).index("Comune di Mori")
    assert tab.table.model().index(row, AMOUNT).data() == "12,50\xa0€ *"

    back = FeeOverrideDialog(fees_year, own, tab)
    qtbot.addWidget(back)
    assert back.restore_button.isEnabled()
    back.restore_button.click()
    assert back.result() == 1 and "Comune di Mori" in answer_yes[0]
    tab.refresh()
    assert _select(tab, "Comune di Mori").due == FEE


def test_default_fee_dialog_sets_the_year_fee(qtbot, fees_year: Workspace) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, fees_year)

    def edit(dialog: DefaultFeeDialog) -> None:
        assert dialog.amount.text() == "30,00"
        dialog.amount.setText("45")
        dialog.save()

    _in_dialog(DefaultFeeDialog, edit)  # type: ignore[arg-type]
    with qtbot.waitSignal(tab.changed, timeout=3000):
        tab.edit_fee_button.click()
    assert fees_year.budget.year(YEAR).data.default_fee == Decimal("45.00")
    assert "45,00" in tab.fee_label.text()
    assert _column(tab.table.model(), AMOUNT) == ["45,00\xa0€"] * 4


def test_reminder_shows_the_text_and_copies_it(qtbot, fees_year: Workspace) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, fees_year)
    fee = _select(tab, "Comune di Mori")
    expected = fees_year.fees.reminder_text(fee.member_id, YEAR)
    shown: list[str] = []

    def look(dialog: ReminderDialog) -> None:
        shown.append(dialog.text.toPlainText())
        assert dialog.text.isReadOnly()
        dialog.copy_button.click()
        dialog.reject()

    _in_dialog(ReminderDialog, look)  # type: ignore[arg-type]
    tab.reminder_button.click()
    # The text box shows the non-breaking space of "30,00 €" as a space.
    assert shown == [expected.replace("\xa0", " ")] and "Comune di Mori" in expected
    assert QGuiApplication.clipboard().text() == expected


def test_a_year_not_open_or_closed_offers_no_changes(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, populated)
    assert "non è ancora aperto" in tab.fee_label.text()
    assert not tab.edit_fee_button.isEnabled()
    assert _column(tab.table.model(), STATUS) == ["Quota non stabilita"] * 4
    _select(tab, "Comune di Mori")
    assert not tab.pay_button.isEnabled() and not tab.override_button.isEnabled()

    populated.budget.open_year(FinancialYearInput(year=YEAR, default_fee=FEE))
    populated.budget.close_year(YEAR)
    tab.refresh()
    assert "chiuso" in tab.fee_label.text() and not tab.edit_fee_button.isEnabled()
    _select(tab, "Comune di Mori")
    # No open year to write a late payment into.
    assert not tab.pay_button.isEnabled() and tab.reminder_button.isEnabled()
    assert not tab.override_button.isEnabled()


def test_a_closed_years_fee_is_paid_late_into_the_open_year(  # type: ignore[no-untyped-def]
    qtbot, fees_year: Workspace
) -> None:
    last = YEAR - 1
    fees_year.budget.open_year(FinancialYearInput(year=last, default_fee=Decimal(25)))
    fees_year.budget.close_year(last)
    tab = _tab(qtbot, fees_year)
    tab.set_year(last)
    assert "chiuso" in tab.fee_label.text() and "ritardo" in tab.fee_label.text()
    _select(tab, "Comune di Mori")
    assert tab.pay_button.isEnabled()
    assert not tab.override_button.isEnabled() and not tab.edit_fee_button.isEnabled()
    seen: list[str] = []

    def pay(dialog: FeePaymentDialog) -> None:
        seen.append(dialog.windowTitle())
        seen.append(dialog.findChild(QLabel).text())  # type: ignore[union-attr]
        assert dialog.paid_on.date_value() == TODAY  # today's year is the open one
        assert dialog.amount.text() == "25,00"
        dialog.save()

    _in_dialog(FeePaymentDialog, pay)  # type: ignore[arg-type]
    with qtbot.waitSignal(tab.changed, timeout=3000):
        tab.pay_button.click()
    assert str(last) in seen[0]
    assert f"quota {last}" in seen[1] and "chiuso" in seen[1]
    row = _column(tab.table.model(), 0).index("Comune di Mori")
    assert tab.table.model().index(row, STATUS).data() == "Pagata"
    (movement,) = fees_year.budget.movements(YEAR)
    assert movement.fee_year == last and movement.data.date == TODAY


def test_a_late_payment_defaults_to_a_day_of_an_open_year() -> None:
    from desdesk.ui.dialogs.fee_payment import payment_day

    assert payment_day([2026], date(2026, 5, 4)) == date(2026, 5, 4)
    assert payment_day([2025], date(2026, 5, 4)) == date(2025, 12, 31)
    assert payment_day([2027, 2024], date(2026, 5, 4)) == date(2027, 1, 1)
    assert payment_day([], date(2026, 5, 4)) == date(2026, 5, 4)


def test_bilancio_hosts_the_tab_and_a_payment_reaches_the_multi_year_view(
    qtbot, fees_year: Workspace
) -> None:  # type: ignore[no-untyped-def]
    from desdesk.ui.sections.budget import BudgetSection
    from desdesk.ui.widgets.multi_year_tab import MultiYearTab

    section = BudgetSection(fees_year)
    qtbot.addWidget(section)
    tab, multi = section.other_tabs["FeesTab"], section.other_tabs["MultiYearTab"]
    assert isinstance(tab, FeesTab) and isinstance(multi, MultiYearTab)
    assert tab.year == YEAR and len(_column(tab.table.model(), 0)) == 4
    _select(tab, "Comune di Mori")
    _in_dialog(FeePaymentDialog, lambda dialog: dialog.save())  # type: ignore[attr-defined]
    with qtbot.waitSignal(section.changed, timeout=3000):
        tab.pay_button.click()
    current = [c.kind for c in multi.model.columns()].index("corrente")
    assert multi.model.value(1, current) == FEE  # Entrate, A) Attività di interesse generale
