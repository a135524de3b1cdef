"""The budget categories as a tree (Modello D by default): add a subcategory, edit,
delete; the service's refusals (a root, a category with subcategories or in use) are
shown as it words them. ~70 rows: a QStandardItemModel is enough here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.money_enums import Flow, FundingSource
from desdesk.i18n import N_, _
from desdesk.money_schemas import CategoryInput, CategoryRead
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.forms import (
    Form,
    add_buttons,
    ask,
    save_cancel_buttons,
    save_or_show,
    select_data,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TREE_HEADERS = (N_("Categoria"), N_("Costo di struttura"), N_("Fonte predefinita"), N_("In uso"))


def category_tree(
    categories: list[CategoryRead], parent: QWidget | None = None
) -> QStandardItemModel:
    """One row per category under its parent; the id in ID_ROLE of the first column."""
    model = QStandardItemModel(parent)
    model.setHorizontalHeaderLabels([_(h) for h in TREE_HEADERS])
    items: dict[int, QStandardItem] = {}
    for c in categories:
        name = QStandardItem(c.label if c.parent_id is not None else c.name)
        name.setData(c.id, ID_ROLE)
        if c.parent_id is None:
            font = name.font()
            font.setBold(True)
            name.setFont(font)
        row = [
            name,
            QStandardItem(_("sì") if c.structure_cost else ""),
            QStandardItem(c.default_source.label() if c.default_source else ""),
            QStandardItem(_("sì") if c.in_use else ""),
        ]
        for item in row:
            item.setEditable(False)
        holder = items.get(c.parent_id) if c.parent_id is not None else None
        (holder or model.invisibleRootItem()).appendRow(row)
        items[c.id] = name
    return model


class CategoryDialog(QDialog):
    """Add a subcategory under `parent`, or edit `category` (a root: its name only)."""

    def __init__(
        self,
        workspace: Workspace,
        categories: list[CategoryRead],
        category: CategoryRead | None = None,
        parent_category: CategoryRead | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.category = category
        self.saved_id: int | None = category.id if category else None
        reference = category or parent_category
        assert reference is not None
        self.flow = reference.flow
        self.setWindowTitle(
            _("Nuova sottocategoria") if category is None else _("Modifica la categoria")
        )
        form = self.form = Form()
        self.parent_combo = form.add("parent_id", _("Dentro"), QComboBox())
        for c in categories:
            if c.flow is self.flow and (category is None or c.id != category.id):
                self.parent_combo.addItem(
                    f"{'    ' * c.depth}{c.label if c.depth else c.name}", c.id
                )
        self.code = form.add("code", _("Codice *"), QLineEdit())
        self.code.setMaximumWidth(120)
        self.name = form.add("name", _("Nome della categoria *"), QLineEdit())
        self.structure_cost = form.add(
            "structure_cost",
            _("Costo di struttura"),
            QCheckBox(_("conta nei costi di struttura (H6)")),
        )
        self.source = form.add("default_source", _("Fonte predefinita"), QComboBox())
        self.source.addItem(_("— nessuna —"), None)
        for source in FundingSource:
            self.source.addItem(source.label(), source.value)
        income = self.flow is Flow.INCOME
        for editor in (self.structure_cost, self.source):
            holder = editor.parentWidget()
            if holder is not None:
                form.layout_.setRowVisible(holder, (editor is self.source) == income)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addStretch(1)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(520, 280)
        if category is None:
            assert parent_category is not None
            select_data(self.parent_combo, parent_category.id)
            self.code.setText(self._next_code(categories, parent_category))
        else:
            self._fill(category)

    @staticmethod
    def _next_code(categories: list[CategoryRead], parent: CategoryRead) -> str:
        """The parent's code followed by the first free number (EA8 → EA8.1 …)."""
        taken = {c.code.lower() for c in categories}
        separator = "." if parent.parent_id is not None else ""
        number = 1
        while f"{parent.code}{separator}{number}".lower() in taken:
            number += 1
        return f"{parent.code}{separator}{number}"

    def _fill(self, category: CategoryRead) -> None:
        select_data(self.parent_combo, category.parent_id)
        self.code.setText(category.code)
        self.name.setText(category.name)
        self.structure_cost.setChecked(category.structure_cost)
        select_data(self.source, category.default_source.value if category.default_source else None)
        if category.parent_id is None:  # a section header: only its name may change
            for editor in (self.parent_combo, self.code, self.structure_cost, self.source):
                editor.setEnabled(False)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def read(self) -> CategoryInput:
        parent_id = self.parent_combo.currentData()
        return CategoryInput(
            parent_id=int(parent_id) if parent_id is not None else 0,
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            structure_cost=self.flow is Flow.EXPENSE and self.structure_cost.isChecked(),
            default_source=self.source.currentData() if self.flow is Flow.INCOME else None,
        )

    def _write(self) -> None:
        data = self.read()
        if self.category is None:
            self.saved_id = self.workspace.budget.add_category(data)
        else:
            self.workspace.budget.update_category(self.category.id, data)


class CategoriesDialog(QDialog):
    """The whole tree; `changed_any` tells the caller to reload after it closes."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.changed_any = False
        self.categories: list[CategoryRead] = []
        self.setWindowTitle(_("Categorie del bilancio"))
        self.tree = QTreeView()
        self.tree.setObjectName("categoryTree")
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.doubleClicked.connect(lambda _index: self.edit_selected())
        row = QHBoxLayout()
        self.buttons = add_buttons(
            row,
            (
                ("add", _("Aggiungi sottocategoria…"), self.add_child),
                ("edit", _("Modifica…"), self.edit_selected),
                ("delete", _("Elimina…"), self.delete_selected),
            ),
            "CategoryButton",
        )
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(880, 640)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.categories = self.workspace.budget.categories()
        self.model = category_tree(self.categories, self)
        self.tree.setModel(self.model)
        self.tree.expandAll()
        for column, width in enumerate((440, 140, 180)):
            self.tree.setColumnWidth(column, width)
        self.tree.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        if select_id is not None:
            self.select(select_id)
        self._update_buttons()

    def select(self, category_id: int) -> None:
        found = self.model.match(
            self.model.index(0, 0), ID_ROLE, category_id, 1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )  # fmt: skip
        if found:
            self.tree.setCurrentIndex(found[0])

    def selected(self) -> CategoryRead | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        category_id = index.siblingAtColumn(0).data(ID_ROLE)
        return next((c for c in self.categories if c.id == category_id), None)

    def _update_buttons(self) -> None:
        category = self.selected()
        self.buttons["add"].setEnabled(category is not None)
        self.buttons["edit"].setEnabled(category is not None)
        # A root, or a category in use, is refused by the service with the reason.
        self.buttons["delete"].setEnabled(category is not None)

    def add_child(self) -> None:
        parent = self.selected()
        if parent is None:
            return
        self._run(CategoryDialog(self.workspace, self.categories, None, parent, self))

    def edit_selected(self) -> None:
        category = self.selected()
        if category is not None:
            self._run(CategoryDialog(self.workspace, self.categories, category, None, self))

    def _run(self, dialog: CategoryDialog) -> None:
        if dialog.exec():
            self.changed_any = True
            self.reload(dialog.saved_id)

    def delete_selected(self) -> None:
        category = self.selected()
        if category is None:
            return
        question = _("Eliminare la categoria “{category}”?").format(category=category.label)
        if not ask(self, _("Elimina la categoria"), question):
            return
        try:
            self.workspace.budget.delete_category(category.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.changed_any = True
        self.reload(category.parent_id)
