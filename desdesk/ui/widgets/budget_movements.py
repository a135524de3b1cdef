"""The Movimenti tab: the year's receipts and payments, searched and filtered, with the
totals of what is shown; new, edit, delete, import and export; a giroconto."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.money_enums import Flow
from desdesk.i18n import _, format_date, format_money, ngettext
from desdesk.money_schemas import CategoryRead, MovementRead
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.movement import MovementDialog
from desdesk.ui.dialogs.transfer import TransferDialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.budget_movements import MovementsModel, MovementsProxy, totals
from desdesk.ui.widgets.forms import ask
from desdesk.ui.widgets.tables import make_table

DESCRIPTION = 2  # the column that stretches

_INDENT = "    "


def descendants(categories: list[CategoryRead], root_id: int) -> set[int]:
    """`root_id` and every category below it."""
    children: dict[int | None, list[int]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.id)
    found, todo = set(), [root_id]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(children.get(current, []))
    return found


class MovementsView(QWidget):
    """Shows `ws.budget.movements(year)`; `changed` after anything is saved."""

    changed = Signal()

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today = today
        self.year: int | None = None
        self.closed = False
        self.categories: list[CategoryRead] = []
        # The filters the proxy has now (text, flow, category ids): see `_filter`.
        self._applied: tuple[str, Flow | None, frozenset[int] | None] = ("", None, None)
        self.model = MovementsModel(self)
        self.table = make_table(self.model, self, sortable=False)
        self.table.setObjectName("movementsTable")
        self.proxy = MovementsProxy(self.table)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        # Newest first as the service gives them: no sort until a header is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # Every column in view on a laptop: the description takes what the others leave.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((85, 180, 0, 160, 120, 95, 95, 60, 90)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.search = QLineEdit()
        self.search.setObjectName("movementSearch")
        self.search.setPlaceholderText(_("Cerca per descrizione, controparte, documento…"))
        self.search.setClearButtonEnabled(True)
        self.flow = QComboBox()
        self.flow.setObjectName("flowFilter")
        for label, flow in (
            (_("Tutte"), None),
            (_("Entrate"), Flow.INCOME),
            (_("Uscite"), Flow.EXPENSE),
        ):
            self.flow.addItem(label, flow.value if flow else None)
        self.category = QComboBox()
        self.category.setObjectName("categoryFilter")
        self.category.setMinimumContentsLength(28)
        self.totals = QLabel()
        self.totals.setObjectName("movementTotals")
        self.buttons: dict[str, QPushButton] = {}
        self._build_layout()
        self.search.textChanged.connect(self._filter)
        self.flow.currentIndexChanged.connect(lambda _i: self._filter())
        self.category.currentIndexChanged.connect(lambda _i: self._filter())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel(_("Movimenti:")))
        filters.addWidget(self.flow)
        filters.addWidget(QLabel(_("Categoria:")))
        filters.addWidget(self.category, 1)
        buttons = QHBoxLayout()
        for key, label, slot in (
            ("new", _("Nuovo movimento…"), self.new_movement),
            ("edit", _("Modifica…"), self.edit_selected),
            ("delete", _("Elimina…"), self.delete_selected),
        ):
            buttons.addWidget(self._button(key, label, slot))
        buttons.addWidget(self._button("transfer", _("Giroconto…"), self.new_transfer))
        buttons.addStretch(1)
        buttons.addWidget(self._button("import", _("Importa…"), self.import_movements))
        buttons.addWidget(self._button("export", _("Esporta…"), self.export_movements))
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)

    def _button(self, key: str, label: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"{key}MovementButton")
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons[key] = button
        return button

    # -- content --------------------------------------------------------------------------
    def set_year(self, year: int | None, closed: bool = False) -> None:
        self.year, self.closed = year, closed
        self.refresh()

    def refresh(self) -> None:
        self.categories = self.workspace.budget.categories()
        self._fill_categories()
        rows = self.workspace.budget.movements(self.year) if self.year is not None else []
        self.model.set_rows(rows)
        self._filter()

    def _fill_categories(self) -> None:
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(_("Tutte le categorie"), None)
        for c in self.categories:
            self.category.addItem(f"{_INDENT * c.depth}{c.label if c.depth else c.name}", c.id)
        index = self.category.findData(chosen) if chosen is not None else 0
        self.category.setCurrentIndex(max(index, 0))
        self.category.blockSignals(False)

    def _filter(self) -> None:
        """Apply the filters that changed: each setter refilters every row, so a
        keystroke in the search box filters once, not three times."""
        text = self.search.text()
        code = self.flow.currentData()  # Qt hands the code back as a plain str
        flow = Flow(code) if code else None
        category_id = self.category.currentData()
        chosen = (
            frozenset(descendants(self.categories, category_id))
            if category_id is not None
            else None
        )
        last_text, last_flow, last_chosen = self._applied
        if text != last_text:
            self.proxy.set_text(text)
        if flow is not last_flow:
            self.proxy.set_flow(flow)
        if chosen != last_chosen:
            self.proxy.set_categories(chosen)
        self._applied = (text, flow, chosen)
        self._show_totals()
        self._update_buttons()

    def _show_totals(self) -> None:
        shown = self.proxy.shown()
        income, expenses = totals(shown)
        count = ngettext("{n} movimento", "{n} movimenti", len(shown)).format(n=len(shown))
        self.totals.setText(
            _("{count} — entrate {income}, uscite {expenses}, saldo {balance}").format(
                count=count,
                income=format_money(income),
                expenses=format_money(expenses),
                balance=format_money(income - expenses),
            )
        )

    def _update_buttons(self) -> None:
        has_year = self.year is not None
        selected = self.selected() is not None
        writable = has_year and not self.closed
        self.buttons["new"].setEnabled(writable)
        self.buttons["edit"].setEnabled(writable and selected)
        self.buttons["delete"].setEnabled(writable and selected)
        self.buttons["import"].setEnabled(writable)
        self.buttons["transfer"].setEnabled(writable)
        self.buttons["export"].setEnabled(has_year)
        tip = _("Esercizio chiuso: riaprilo per registrare o cambiare movimenti.")
        for key in ("new", "edit", "delete", "import", "transfer"):
            self.buttons[key].setToolTip(tip if self.closed else "")

    def selected(self) -> MovementRead | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def select(self, movement_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.row_at(self.proxy.mapToSource(index).row()).id == movement_id:
                self.table.selectRow(row)
                return

    # -- actions --------------------------------------------------------------------------
    def _saved(self, movement_id: int | None = None) -> None:
        self.reload()
        if movement_id is not None:
            self.select(movement_id)
        self.changed.emit()

    def reload(self) -> None:
        try:
            self.refresh()
        except Exception as exc:
            show_error(self, exc)

    def new_movement(self) -> None:
        dialog = MovementDialog(self.workspace, None, self.year, self, today=self.today)
        if dialog.exec():
            self._saved(dialog.saved_id)

    def edit_selected(self) -> None:
        movement = self.selected()
        if movement is None or self.closed:
            return
        dialog = MovementDialog(self.workspace, movement, self.year, self)
        if dialog.exec():
            self._saved(movement.id)

    def delete_selected(self) -> None:
        movement = self.selected()
        if movement is None:
            return
        question = _("Eliminare il movimento del {date} di {amount} ({category})?").format(
            date=format_date(movement.data.date),
            amount=format_money(movement.data.amount),
            category=f"{movement.category_code} {movement.category_name}",
        )
        if not ask(self, _("Elimina il movimento"), question):
            return
        try:
            self.workspace.budget.delete_movement(movement.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._saved()

    def new_transfer(self) -> None:
        """A giroconto between cassa and banca: shown in the Rendiconto's cassa e banca."""
        dialog = TransferDialog(self.workspace, None, self.year, self.today, self)
        if dialog.exec():
            self.changed.emit()

    def import_movements(self) -> None:
        run = _import_function("run_movement_import")
        if run is None:
            self._not_available()
            return
        try:
            imported = run(self, self.workspace)
        except Exception as exc:
            show_error(self, exc)
            return
        if imported:
            self._saved()

    def export_movements(self) -> None:
        export = _import_function("export_movements")
        if export is None:
            self._not_available()
            return
        try:
            export(self, self.workspace, self.year)
        except Exception as exc:
            show_error(self, exc)

    def _not_available(self) -> None:
        QMessageBox.information(
            self, _("Non disponibile"), _("Questa funzione non è disponibile in questa versione.")
        )


def _import_function(name: str) -> Callable[..., object] | None:
    """The import/export dialogs live in their own module, loaded on first use."""
    try:
        module = importlib.import_module("desdesk.ui.dialogs.movement_import")
    except ImportError:
        return None
    function = getattr(module, name, None)
    return function if callable(function) else None
