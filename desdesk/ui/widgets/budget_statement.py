"""The Rendiconto tab: plan vs actual of a year (Preventivo typed in place), the mix of
funding sources with the public share (H5), the structure-cost share (H6), cash and bank."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import DesdeskError
from desdesk.domain.money import ZERO, percent
from desdesk.domain.money_enums import FundingSource
from desdesk.i18n import N_, _, format_money, format_number
from desdesk.money_schemas import YearStatement
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.budget_amounts import AmountRowsModel
from desdesk.ui.models.budget_statement import (
    StatementModel,
    format_percent,
    refusal,
)
from desdesk.ui.models.rows import TextColumn
from desdesk.ui.widgets.budget_cash import CashBox
from desdesk.ui.widgets.forms import ERROR_STYLE, ErrorLabel
from desdesk.ui.widgets.tables import make_table


@dataclass(frozen=True, slots=True)
class SourceShare:
    source: FundingSource
    amount: Decimal
    share: Decimal | None


SOURCE_COLUMNS: tuple[TextColumn[SourceShare], ...] = (
    TextColumn(N_("Fonte"), lambda s: s.source.label()),
    TextColumn(N_("Importo"), lambda s: format_money(s.amount)),
    TextColumn(N_("%"), lambda s: format_percent(s.share)),
)


def source_shares(view: YearStatement) -> list[SourceShare]:
    """Every source with income this year, largest first, with its share of the total."""
    total = sum(view.income_by_source.values(), ZERO)
    shares = [
        SourceShare(source, amount, percent(amount, total))
        for source, amount in view.income_by_source.items()
        if amount
    ]
    return sorted(shares, key=lambda s: (-s.amount, s.source.label()))


class StatementView(QWidget):
    """Shows `ws.budget.statement(year)`; `changed` after a planned amount is saved."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year: int | None = None
        self.statement: YearStatement | None = None
        self.model = StatementModel(self)
        self.model.plan_edited.connect(self._save_plan)
        self.model.refused.connect(self._show_refusal)
        self.table = make_table(self.model, self, sortable=False)
        self.table.setObjectName("statementTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(False)
        # Fits a 1024-pixel window; the last column takes what is left.
        for column, width in enumerate((380, 110, 110, 110, 70)):
            self.table.setColumnWidth(column, width)
        self.message = ErrorLabel()
        self.message.setObjectName("statementMessage")
        self.hint = QLabel()
        self.hint.setObjectName("statementHint")
        self.hint.setWordWrap(True)
        self.sources_model: AmountRowsModel[SourceShare] = AmountRowsModel(
            SOURCE_COLUMNS, (1, 2), self
        )
        self.cash_box = CashBox(workspace, self)
        self.cash_box.changed.connect(self._transfer_saved)
        self.cash_model = self.cash_box.cash_model
        self.public_share = QLabel()
        self.public_share.setObjectName("publicShare")
        self.public_share.setWordWrap(True)
        self.structure_share = QLabel()
        self.structure_share.setObjectName("structureShare")
        self.structure_share.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.hint)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.message)
        splitter.addWidget(top)
        splitter.addWidget(self._boxes())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _boxes(self) -> QWidget:
        sources = QGroupBox(_("Fonti di finanziamento (entrate della gestione)"))
        sources_table = make_table(self.sources_model, sources, sortable=False)
        sources_table.setObjectName("sourcesTable")
        sources_table.setColumnWidth(0, 170)
        sources_table.setColumnWidth(1, 110)
        box = QVBoxLayout(sources)
        box.addWidget(sources_table, 1)
        box.addWidget(self.public_share)
        box.addWidget(self.structure_share)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(sources, 2)
        row.addWidget(self.cash_box, 3)
        return holder

    # -- content --------------------------------------------------------------------------
    def set_year(self, year: int | None) -> None:
        self.year = year
        self.message.show_message(None)
        self.refresh()

    def refresh(self) -> None:
        self.statement = (
            self.workspace.budget.statement(self.year) if self.year is not None else None
        )
        self._show()

    def _show(self) -> None:
        view = self.statement
        self.model.set_statement(view)
        self.sources_model.set_rows(source_shares(view) if view else [])
        self.cash_box.show_statement(view)
        if view is not None and view.closed:
            self.hint.setText(_("Esercizio chiuso: il preventivo non si può più modificare."))
        else:
            self.hint.setText(
                _("Scrivi il preventivo di una categoria con un doppio clic nella colonna "
                  "Preventivo (ad esempio 1.234,56); cancellalo per toglierlo.")
            )  # fmt: skip
        self._show_shares(view)

    def _show_shares(self, view: YearStatement | None) -> None:
        public = view.public_share if view else None
        if view is None or public is None:
            self.public_share.setText(_("Quota di finanziamento pubblico (H5): nessuna entrata."))
            self.public_share.setStyleSheet("")
        else:
            text = _("Quota di finanziamento pubblico (H5): {share}").format(
                share=format_percent(public)
            )
            warn = public > view.public_share_limit
            if warn:
                text += " — " + _(
                    "oltre il {limit}: il distretto dipende dal denaro pubblico."
                ).format(limit=f"{format_number(view.public_share_limit)} %")
            self.public_share.setText(text)
            self.public_share.setStyleSheet(ERROR_STYLE if warn else "")
        structure = view.structure_share if view else None
        self.structure_share.setText(
            _("Costi di struttura sul totale delle uscite della gestione (H6): {share}").format(
                share=format_percent(structure) if structure is not None else _("nessuna uscita")
            )
        )

    def _transfer_saved(self) -> None:
        self._reload()
        self.changed.emit()

    # -- editing --------------------------------------------------------------------------
    def _save_plan(self, category_id: int, amount: Decimal | None) -> None:
        """One planned amount, one transaction; the statement is reloaded either way
        (a refused amount goes back to what is saved)."""
        if self.year is None:
            return
        try:
            self.workspace.budget.set_plan(self.year, {category_id: amount})
        except DesdeskError as exc:
            self._show_refusal(refusal(self.model.label_of(category_id), exc.message))
            self._reload()
            return
        except Exception as exc:
            show_error(self, exc)
            self._reload()
            return
        self.message.show_message(None)
        self._reload()
        self.changed.emit()

    def _reload(self) -> None:
        try:
            self.refresh()
        except Exception as exc:
            show_error(self, exc)

    def _show_refusal(self, message: str) -> None:
        self.message.show_message(message)
