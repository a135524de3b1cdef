"""An initial investment of the financial plan (C11): what, which year, how much, and
where the money is expected to come from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import FieldProblem
from desdesk.domain.money_checks import FIRST_YEAR, LAST_YEAR
from desdesk.domain.money_enums import FundingSource
from desdesk.i18n import _
from desdesk.money_schemas import InvestmentInput, InvestmentRead
from desdesk.services.workspace import Workspace
from desdesk.ui.models.budget_amounts import plain_money
from desdesk.ui.widgets.forms import (
    Form,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)
from desdesk.ui.widgets.money_fields import read_amount


class InvestmentDialog(QDialog):
    """`investment=None` adds one (in `year`); otherwise it is edited."""

    def __init__(
        self,
        workspace: Workspace,
        investment: InvestmentRead | None,
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.investment = investment
        self.setWindowTitle(
            _("Nuovo investimento") if investment is None else _("Modifica l'investimento")
        )
        self.form = Form()
        self.description = self.form.add("description", _("Descrizione *"), QLineEdit())
        self.year = self.form.add("year", _("Anno *"), QSpinBox())
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(year)
        self.amount = self.form.add("amount", _("Importo (€) *"), QLineEdit())
        sources: list[tuple[str, object]] = [(_("— non indicata —"), None)]
        sources += [(s.label(), s.value) for s in FundingSource]
        self.source: QComboBox = self.form.add(
            "source", _("Fonte di finanziamento"), combo_with(sources)
        )
        self.notes = self.form.add("notes", _("Note"), QPlainTextEdit())
        self.notes.setMaximumHeight(80)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(500, 320)
        if investment is not None:
            data = investment.data
            self.description.setText(data.description)
            self.year.setValue(data.year)
            self.amount.setText(plain_money(data.amount))
            select_data(self.source, data.source)
            self.notes.setPlainText(data.notes)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        missing = _("Scrivi l'importo dell'investimento.")
        amount = read_amount(self.form, "amount", problems, missing=missing)
        if not self.description.text().strip():
            problems.append(
                FieldProblem("description", _("Scrivi che cosa si acquista o si realizza."))
            )
        raise_if(problems)
        assert amount is not None
        data = InvestmentInput(
            description=self.description.text().strip(),
            amount=amount,
            year=self.year.value(),
            source=self.source.currentData(),
            notes=self.notes.toPlainText().strip(),
        )
        if self.investment is None:
            self.workspace.budget.add_investment(data)
        else:
            self.workspace.budget.update_investment(self.investment.id, data)
