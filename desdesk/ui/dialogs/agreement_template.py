"""Testo dell'accordo: the constitution agreement's template, edited with a live preview.

The text is on the left, the PDF it makes on the right, the placeholders under the
text (a double click inserts one at the cursor). The preview follows the typing after
a short pause; while the text has a problem (an unknown placeholder, a brace left
open) the problems line names it in red and the last good preview stays, so the user
never loses sight of the document. Salva refuses a text with a problem.

The PDF (every active member is a party: thousands of rows in a large district) is built
on a pool thread (`desdesk.ui.tasks`), so typing never waits for it; each build carries
a generation number, and a result that arrives after the text changed again is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.agreement_template import template_problems, token
from desdesk.domain.errors import ValidationFailed
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.tasks import run_in_background
from desdesk.ui.widgets.forms import ERROR_STYLE, ask
from desdesk.ui.widgets.pdf_view import PdfView

DEBOUNCE_MS = 400
NAME_ROLE = Qt.ItemDataRole.UserRole


class AgreementTemplateDialog(QDialog):
    """Edit and save the district's agreement text; `refresh_now()` rebuilds the preview."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Testo dell'accordo di costituzione"))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("agreementText")
        self.editor.setAccessibleName(_("Testo dell'accordo"))
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("agreementProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(ERROR_STYLE)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setObjectName("agreementStatus")
        self.placeholder_list = self._placeholder_list()
        self.preview = PdfView()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_in_background)
        self._generation = 0  # of the text last sent to be built; older results are dropped
        self._in_flight = 0  # builds started on a pool thread and not yet back
        self._saved = ""
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._splitter(), 1)
        layout.addWidget(self._button_box())
        self._load(workspace.agreement.template())
        self.editor.textChanged.connect(self._text_changed)
        self.resize(1200, 820)

    # -- building ----------------------------------------------------------------------

    def _placeholder_list(self) -> QListWidget:
        placeholders = QListWidget()
        placeholders.setObjectName("agreementPlaceholders")
        placeholders.setToolTip(_("Doppio clic per inserire il segnaposto nel testo"))
        for name, description in self.workspace.agreement.placeholders().items():
            item = QListWidgetItem(f"{token(name)} — {description}")
            item.setData(NAME_ROLE, name)
            placeholders.addItem(item)
        placeholders.itemDoubleClicked.connect(self._insert_placeholder)
        return placeholders

    def _splitter(self) -> QSplitter:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            _(
                "«# » all'inizio della riga: titolo di un articolo; «- »: punto di un "
                "elenco; una riga vuota separa i paragrafi; {placeholder}: dati del distretto."
            ).format(placeholder=token("segnaposto"))
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(self.editor, 3)
        column.addWidget(self.problems_label)
        column.addWidget(QLabel(_("Segnaposto disponibili")))
        column.addWidget(self.placeholder_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _button_box(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label, 1)
        box = QDialogButtonBox()
        specs = (
            ("save", _("Salva"), QDialogButtonBox.ButtonRole.AcceptRole, self.save),
            (
                "reset",
                _("Ripristina il testo predefinito"),
                QDialogButtonBox.ButtonRole.ResetRole,
                self.reset,
            ),
            ("close", _("Chiudi"), QDialogButtonBox.ButtonRole.RejectRole, self.reject),
        )
        for key, label, role, slot in specs:
            button = box.addButton(label, role)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[key] = button
        layout.addWidget(box)
        return row

    # -- text and preview ----------------------------------------------------------------

    def _load(self, text: str) -> None:
        self._saved = text
        self.editor.setPlainText(text)
        self.refresh_in_background()
        self._update_status()

    def _text_changed(self) -> None:
        self._update_status()
        self._generation += 1  # a build under way is for an older text now
        self._timer.start()

    def _insert_placeholder(self, item: QListWidgetItem) -> None:
        self.editor.insertPlainText(token(str(item.data(NAME_ROLE))))
        self.editor.setFocus()

    def _checked_text(self) -> str | None:
        """The editor's text if it has no problem (shown otherwise); stops the pause."""
        self._timer.stop()
        self._generation += 1
        text = self.editor.toPlainText()
        problems = template_problems(text)
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        return None if problems else text

    def refresh_now(self) -> bool:
        """Check the text and, if it is usable, build and show its PDF here and now;
        True if the preview changed. (Typing uses `refresh_in_background`.)"""
        text = self._checked_text()
        if text is None:
            return False
        try:
            pdf = self.workspace.agreement.pdf(text)
        except Exception as exc:
            self._build_failed(exc)
            return False
        return self.preview.set_pdf(pdf)

    @property
    def building(self) -> bool:
        """A preview is being built on a pool thread."""
        return self._in_flight > 0

    def refresh_in_background(self) -> None:
        """Check the text here, build its PDF on a pool thread, show it if still current."""
        text = self._checked_text()
        if text is None:
            return
        generation, agreement = self._generation, self.workspace.agreement
        self._in_flight += 1

        def build() -> tuple[int, bytes | None, Exception | None]:
            try:
                return generation, agreement.pdf(text), None
            except Exception as exc:  # handed to the GUI thread with its generation
                return generation, None, exc

        run_in_background(build, self._built)

    def _built(self, outcome: tuple[int, bytes | None, Exception | None]) -> None:
        generation, pdf, error = outcome
        self._in_flight -= 1
        if generation != self._generation:
            return  # the text changed meanwhile: a stale preview is never shown
        if error is not None:
            self._build_failed(error)
        elif pdf is not None:
            self.preview.set_pdf(pdf)

    def _build_failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationFailed):
            self._show_problems(exc)
        else:
            show_error(self, exc)

    def _show_problems(self, exc: ValidationFailed) -> None:
        self.problems_label.setText("\n".join(p.message for p in exc.problems))
        self.problems_label.setVisible(True)

    def is_modified(self) -> bool:
        return self.editor.toPlainText() != self._saved

    def _update_status(self) -> None:
        if self.is_modified():
            self.status_label.setText(_("Modifiche non salvate"))
        elif self.workspace.agreement.is_default():
            self.status_label.setText(_("Testo predefinito"))
        else:
            self.status_label.setText(_("Testo del distretto salvato"))
        self.buttons["save"].setEnabled(self.is_modified())

    # -- actions -------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the text; a text with a problem is refused and the problem stays shown."""
        text = self.editor.toPlainText()
        try:
            self.workspace.agreement.save_template(text)
        except ValidationFailed as exc:
            self._show_problems(exc)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        self._saved = text
        self._update_status()
        return True

    def reset(self) -> None:
        question = _(
            "Il testo attuale dell'accordo sarà sostituito dal testo predefinito di desdesk. "
            "Continuare?"
        )
        if not ask(self, _("Ripristina il testo predefinito"), question):
            return
        try:
            self.workspace.agreement.reset_template()
        except Exception as exc:
            show_error(self, exc)
            return
        self._load(self.workspace.agreement.template())

    def reject(self) -> None:
        """Close; changes not saved are confirmed first."""
        if (
            self.isVisible()
            and self.is_modified()
            and not ask(
                self,
                _("Modifiche non salvate"),
                _("Il testo dell'accordo ha modifiche non salvate. Chiudere senza salvarle?"),
            )
        ):
            return
        self._timer.stop()
        super().reject()
