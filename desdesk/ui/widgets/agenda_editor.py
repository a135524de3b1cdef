"""The agenda of an assembly: an ordered list of items, each with title, description and
proposer; items can be added, removed and moved up or down."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _
from desdesk.schemas import AgendaItemInput


class AgendaEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[AgendaItemInput] = []
        self._offered: AgendaItemInput | None = None
        self.list = QListWidget()
        self.list.setObjectName("agendaList")
        self.title = QLineEdit()
        self.title.setObjectName("agendaTitle")
        self.title.setPlaceholderText(_("es. Approvazione del bilancio"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("agendaDescription")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(80)
        self.proposer = QLineEdit()
        self.proposer.setObjectName("agendaProposer")
        self.add_button = QPushButton(_("Aggiungi punto"))
        self.remove_button = QPushButton(_("Rimuovi"))
        self.up_button = QPushButton(_("Su"))
        self.down_button = QPushButton(_("Giù"))
        self.tasks_button = QPushButton(_("Aggiungi «Verifica dei compiti assegnati»"))
        self.tasks_button.setToolTip(_("Un punto con l'elenco dei compiti ancora aperti"))
        self.tasks_button.hide()
        self._build()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button, slot in (
            (self.add_button, self.add_empty),
            (self.remove_button, self.remove_current),
            (self.up_button, lambda: self.move_item(-1)),
            (self.down_button, lambda: self.move_item(1)),
            (self.tasks_button, self.add_offered),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        details = QFormLayout()
        details.addRow(_("Titolo del punto *"), self.title)
        details.addRow(_("Descrizione"), self.description)
        details.addRow(_("Proposto da"), self.proposer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(details)
        self.list.currentRowChanged.connect(self._show_current)
        self.title.textEdited.connect(self._store_current)
        self.description.textChanged.connect(self._store_current)
        self.proposer.textEdited.connect(self._store_current)
        self._show_current(-1)

    # -- content --------------------------------------------------------------
    def set_items(self, items: list[AgendaItemInput] | tuple[AgendaItemInput, ...]) -> None:
        self._items = [AgendaItemInput(i.title, i.description, i.proposer) for i in items]
        self._refill(0 if self._items else -1)

    def items(self) -> list[AgendaItemInput]:
        return [AgendaItemInput(i.title, i.description, i.proposer) for i in self._items]

    def offer(self, item: AgendaItemInput | None) -> None:
        """An item the user may add with one click (the open tasks), or None."""
        self._offered = item
        self.tasks_button.setVisible(item is not None)

    # -- actions --------------------------------------------------------------
    def add_item(self, item: AgendaItemInput | None = None) -> None:
        self._items.append(item or AgendaItemInput(title=""))
        self._refill(len(self._items) - 1)
        if item is None:
            self.title.setFocus()

    def add_empty(self) -> None:
        self.add_item(None)

    def add_offered(self) -> None:
        if self._offered is not None:
            self.add_item(AgendaItemInput(self._offered.title, self._offered.description))

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._refill(min(row, len(self._items) - 1))

    def move_item(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if 0 <= row < len(self._items) and 0 <= target < len(self._items):
            self._items[row], self._items[target] = self._items[target], self._items[row]
            self._refill(target)

    # -- display --------------------------------------------------------------
    def _label(self, position: int, item: AgendaItemInput) -> str:
        return f"{position}. {item.title or _('(senza titolo)')}"

    def _refill(self, current: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for position, item in enumerate(self._items, start=1):
            self.list.addItem(self._label(position, item))
        self.list.setCurrentRow(current)
        self.list.blockSignals(False)
        self._show_current(current)

    def _show_current(self, row: int) -> None:
        valid = 0 <= row < len(self._items)
        item = self._items[row] if valid else AgendaItemInput(title="")
        for editor in (self.title, self.description, self.proposer):
            editor.blockSignals(True)
            editor.setEnabled(valid)
        self.title.setText(item.title)
        self.description.setPlainText(item.description)
        self.proposer.setText(item.proposer)
        for editor in (self.title, self.description, self.proposer):
            editor.blockSignals(False)
        self.remove_button.setEnabled(valid)
        self.up_button.setEnabled(valid and row > 0)
        self.down_button.setEnabled(valid and row < len(self._items) - 1)

    def _store_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._items):
            return
        item = self._items[row]
        item.title = self.title.text()
        item.description = self.description.toPlainText()
        item.proposer = self.proposer.text()
        entry = self.list.item(row)
        if entry is not None:
            entry.setText(self._label(row + 1, item))
