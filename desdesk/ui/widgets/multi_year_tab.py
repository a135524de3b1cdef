"""The Pluriennale tab of Bilancio: past years' actuals, this year, the forecast of the
next years (the financial plan, C11), the initial investments and the planned sources."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.money import ZERO
from desdesk.i18n import _, format_money
from desdesk.money_schemas import InvestmentRead, MultiYearView
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.investment import InvestmentDialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.multi_year import InvestmentsModel, MultiYearModel, PlannedSourcesModel
from desdesk.ui.widgets.forms import ask
from desdesk.ui.widgets.tables import make_table, selected_source_row


def _heading(text: str) -> QLabel:
    return QLabel(f"<b>{text}</b>")


def _amounts_table(model: MultiYearModel | PlannedSourcesModel) -> QTableView:
    """Rows with their labels in the vertical header, year columns sharing the width."""
    table = make_table(model, sortable=False)
    table.verticalHeader().show()
    table.setSelectionMode(QTableView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setAlternatingRowColors(False)
    table.horizontalHeader().setStretchLastSection(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


class MultiYearTab(QWidget):
    """The multi-year view around the chosen year; `changed` after an investment is saved."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year = date.today().year
        self.view: MultiYearView | None = None
        self.model = MultiYearModel(self)
        self.table = _amounts_table(self.model)
        self.sources_model = PlannedSourcesModel(self)
        self.sources_table = _amounts_table(self.sources_model)
        self.investments_model = InvestmentsModel(self)
        self.investments_table = make_table(self.investments_model)
        self.investments_table.doubleClicked.connect(lambda _index: self.edit_investment())
        self.hint = QLabel(
            _(
                "Le colonne «previsione» sono il preventivo dei prossimi anni: per scriverlo "
                "scegli quell'esercizio (o crealo con «Nuovo esercizio…») e compila il "
                "Preventivo nella scheda Rendiconto. L'anno corrente mostra il consuntivo; "
                "passa sopra una cifra per vedere il previsto."
            )
        )
        self.hint.setWordWrap(True)
        self.investments_total = QLabel()
        self.add_button = QPushButton(_("Aggiungi…"))
        self.edit_button = QPushButton(_("Modifica…"))
        self.delete_button = QPushButton(_("Elimina…"))
        self._lay_out()
        self.add_button.clicked.connect(self.add_investment)
        self.edit_button.clicked.connect(self.edit_investment)
        self.delete_button.clicked.connect(self.delete_investment)
        self.investments_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()  # empty until `set_year` (or `refresh`) reads the view

    def _lay_out(self) -> None:
        upper = QWidget()
        top = QVBoxLayout(upper)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.hint)
        top.addWidget(self.table, 1)
        investments = QWidget()
        left = QVBoxLayout(investments)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(_heading(_("Investimenti iniziali")))
        left.addWidget(self.investments_table, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.investments_total)
        left.addLayout(buttons)
        sources = QWidget()
        right = QVBoxLayout(sources)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(_heading(_("Fonti di finanziamento previste")))
        right.addWidget(self.sources_table, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(investments)
        lower.addWidget(sources)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- reading ---------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        """Read the multi-year view again (a failure is shown, never raised)."""
        try:
            view = self.workspace.budget.multi_year(self.year)
        except Exception as exc:
            show_error(self, exc)
            return
        self.view = view
        self.model.set_view(view)
        self.sources_model.set_view(view)
        self.investments_model.set_rows(view.investments)
        self.investments_table.resizeColumnsToContents()
        total = sum((i.data.amount for i in view.investments), ZERO)
        self.investments_total.setText(_("Totale: {amount}").format(amount=format_money(total)))
        self._update_buttons()

    def selected(self) -> InvestmentRead | None:
        row = selected_source_row(self.investments_table)
        return None if row is None else self.investments_model.row_at(row)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- investments -----------------------------------------------------------------------
    def _after(self, saved: bool) -> None:
        if saved:
            self.refresh()
            self.changed.emit()

    def add_investment(self) -> None:
        dialog = InvestmentDialog(self.workspace, None, self.year, self)
        self._after(dialog.exec() == QDialog.DialogCode.Accepted)

    def edit_investment(self) -> None:
        investment = self.selected()
        if investment is not None:
            dialog = InvestmentDialog(self.workspace, investment, investment.data.year, self)
            self._after(dialog.exec() == QDialog.DialogCode.Accepted)

    def delete_investment(self) -> None:
        investment = self.selected()
        if investment is None:
            return
        question = _("Eliminare l'investimento «{what}» di {amount}?").format(
            what=investment.data.description, amount=format_money(investment.data.amount)
        )
        if not ask(self, _("Conferma"), question):
            return
        try:
            self.workspace.budget.delete_investment(investment.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._after(True)
