"""The smart-card half of the Firma digitale dialog: driver library, card, PIN.

The library is the PKCS#11 file the card's software installs (bit4id, Athena …): the
usual locations are offered, the first one present on this computer preselected, and
"Sfoglia…" finds another. "Cerca le carte" lists the cards in the readers. The PIN is
taken out of its field when used (`take_pin`), so it never stays on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import N_, _
from desdesk.services.signing_card import (
    KNOWN_LIBRARIES,
    LIBRARY_FIELD,
    PIN_FIELD,
    TOKEN_FIELD,
    installed_libraries,
    list_tokens,
)
from desdesk.ui.widgets.forms import Form

LIBRARY_FILTER = N_("Librerie del lettore (*.so *.so.* *.dylib *.dll);;Tutti i file (*)")
CARD_FIELDS = (LIBRARY_FIELD, TOKEN_FIELD, PIN_FIELD)


class CardPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Form()
        self.library = QComboBox()
        self.library.setEditable(True)
        self.library.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.library.addItems(list(KNOWN_LIBRARIES))
        present = installed_libraries()
        self.library.setCurrentText(present[0] if present else "")
        self.browse_button = QPushButton(_("Sfoglia…"))
        self.browse_button.setObjectName("browseLibraryButton")
        self.browse_button.clicked.connect(self.browse)
        self.form.add(
            LIBRARY_FIELD,
            _("Libreria del lettore *"),
            _row(self.library, self.browse_button),
        )
        self.form.editors[LIBRARY_FIELD] = self.library
        self.tokens = QComboBox()
        self.search_button = QPushButton(_("Cerca le carte"))
        self.search_button.setObjectName("searchCardsButton")
        self.search_button.clicked.connect(self.search)
        self.form.add(TOKEN_FIELD, _("Carta *"), _row(self.tokens, self.search_button))
        self.form.editors[TOKEN_FIELD] = self.tokens
        self.pin = self.form.add(PIN_FIELD, _("PIN *"), QLineEdit())
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)

    def library_path(self) -> str:
        return self.library.currentText().strip()

    def token_label(self) -> str:
        label = self.tokens.currentData()
        return str(label) if label else ""

    def take_pin(self) -> str:
        """The PIN typed, and the field emptied."""
        pin = self.pin.text()
        self.pin.clear()
        return pin

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Scegli la libreria del lettore"), self.library_path(), _(LIBRARY_FILTER)
        )
        if name:
            self.library.setCurrentText(name)

    def search(self) -> bool:
        """List the cards the library sees; say why when there is none."""
        self.form.show_problems([])
        self.tokens.clear()
        library = self.library_path()
        if not library:
            self.form.show_problem(LIBRARY_FIELD, _("Scegli la libreria del lettore."))
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = list_tokens(library)
        except DesdeskError as exc:
            self.show_failure(exc)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        for token in found:
            self.tokens.addItem(token.description, token.label)
        if not found:
            message = _("Nessuna carta nel lettore: inseriscila e cerca di nuovo.")
            self.form.show_problem(TOKEN_FIELD, message)
            return False
        self.pin.setFocus()
        return True

    def missing(self) -> bool:
        """Say under its field what is still to choose or type before signing."""
        self.form.show_problems([])
        if not self.library_path():
            self.form.show_problem(LIBRARY_FIELD, _("Scegli la libreria del lettore."))
        elif not self.token_label():
            self.form.show_problem(TOKEN_FIELD, _("Cerca le carte e scegli quella per firmare."))
        elif not self.pin.text():
            self.form.show_problem(PIN_FIELD, _("Scrivi il PIN della carta."))
        else:
            return False
        return True

    def show_failure(self, exc: DesdeskError) -> bool:
        """Put the message under the field it is about; False when it is about none."""
        field = getattr(exc, "field", "")
        if field not in CARD_FIELDS:
            return False
        self.form.show_problem(field, exc.message)
        self.form.editors[field].setFocus()
        return True


def _row(editor: QWidget, button: QPushButton) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(editor, 1)
    row.addWidget(button)
    return holder
