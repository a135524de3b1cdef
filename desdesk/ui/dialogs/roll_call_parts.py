"""Pieces of the roll call: the proxy holder chooser and the guests panel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.text import search_key
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error

_ID = Qt.ItemDataRole.UserRole


class ProxyHolderDialog(QDialog):
    """Type part of a name, arrows to pick, Enter to confirm: who receives the proxy."""

    def __init__(
        self, giver: str, candidates: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Delega"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cerca tra i presenti…"))
        self.list = QListWidget()
        for member_id, name in candidates:
            item = QListWidgetItem(name)
            item.setData(_ID, member_id)
            self.list.addItem(item)
        self.empty = QLabel(_("Nessun aderente presente a cui delegare."))
        self.empty.setVisible(not candidates)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(self._item_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{name} delega:").format(name=giver)))
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._accept_current)
        self.search.installEventFilter(self)
        self._filter("")
        self.resize(420, 360)

    def holder_id(self) -> int | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(_ID))

    def _item_activated(self, _item: QListWidgetItem) -> None:
        self._accept_current()

    def _accept_current(self) -> None:
        if self.holder_id() is not None:
            self.accept()

    def _filter(self, text: str) -> None:
        words = search_key(text).split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in search_key(item.text()) for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self._step(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        at = rows.index(current) if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, at + delta))])


class GuestsPanel(QGroupBox):
    """Guests (non-members) of the assembly: name and organisation, added and removed."""

    def __init__(self, workspace: Workspace, assembly_id: int, parent: QWidget | None = None):
        super().__init__(_("Ospiti"), parent)
        self.workspace = workspace
        self.assembly_id = assembly_id
        self.list = QListWidget()
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Nome e cognome"))
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(_("Organizzazione (facoltativa)"))
        self.add_button = QPushButton(_("Aggiungi ospite"))
        self.remove_button = QPushButton(_("Rimuovi ospite"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.name.returnPressed.connect(self.add)
        self.organisation.returnPressed.connect(self.add)
        entry = QHBoxLayout()
        entry.addWidget(self.name, 2)
        entry.addWidget(self.organisation, 2)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(entry)
        layout.addWidget(self.remove_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for guest in self.workspace.attendance.guests(self.assembly_id):
            text = f"{guest.name} ({guest.organisation})" if guest.organisation else guest.name
            item = QListWidgetItem(text)
            item.setData(_ID, guest.id)
            self.list.addItem(item)

    def add(self) -> None:
        try:
            self.workspace.attendance.add_guest(
                self.assembly_id, self.name.text(), self.organisation.text()
            )
        except Exception as exc:
            show_error(self, exc)
            return
        self.name.clear()
        self.organisation.clear()
        self.name.setFocus()
        self.reload()

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self.workspace.attendance.remove_guest(int(item.data(_ID)))
        except Exception as exc:
            show_error(self, exc)
            return
        self.reload()
