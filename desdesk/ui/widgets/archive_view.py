"""Archivio: every document generated in the app and every approved revision, filtered
by kind and year, with what can be done to the selected ones (preview, save, approve,
create again, sign, send to the Centro, delete a draft).

Signing and sending live in dialogs of their own modules, imported when first used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desdesk import settings
from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.domain.documents import DocumentKind
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.approve_document import ApproveDocumentDialog
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.archive import TITLE, ArchiveModel, ArchiveProxy, file_name
from desdesk.ui.models.rows import ROW_ROLE
from desdesk.ui.widgets.busy import busy_cursor
from desdesk.ui.widgets.forms import add_buttons, ask
from desdesk.ui.widgets.pdf import ask_pdf_target, write_pdf
from desdesk.ui.widgets.tables import make_table

# Initial widths of the columns but the title (which stretches).
COLUMN_WIDTHS = (0, 140, 50, 80, 70, 90, 150, 110, 85, 80)

# Buttons that act on exactly one document, and what the document must be.
_ONE = ("preview", "save", "regenerate")
_DRAFT_ONLY = ("approve", "delete")
_APPROVED_ONLY = ("sign",)


class ArchiveView(QWidget):
    """`changed` after anything that changed the archive (a draft, an approval, …)."""

    changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        prefs: settings.Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._prefs = prefs
        self.preview_dialog: PdfPreviewDialog | None = None  # the last one opened
        self.model = ArchiveModel(self)
        self.table = make_table(self.model, self, sortable=False)
        self.table.setObjectName("archiveTable")
        self.proxy = ArchiveProxy(self.table)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # Every column in view on a laptop: the title takes what the others leave.
        for column, width in enumerate(COLUMN_WIDTHS):
            if column == TITLE:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.resizeSection(column, width)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("yearFilter")
        self.kind_filter.currentIndexChanged.connect(self._apply_filters)
        self.year_filter.currentIndexChanged.connect(self._apply_filters)
        self.empty = QLabel(
            _(
                "L'archivio è vuoto: i documenti creati dalla scheda «Crea» compaiono "
                "qui, come bozze da approvare."
            )
        )
        self.empty.setObjectName("emptyStateText")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters_row())
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.buttons = add_buttons(
            actions,
            [
                ("preview", _("Anteprima"), self.preview_selected),
                ("save", _("Salva come…"), self.save_selected),
                ("approve", _("Approva…"), self.approve_selected),
                ("regenerate", _("Crea di nuovo"), self.regenerate_selected),
                ("sign", _("Firma digitalmente…"), self.sign_selected),
                ("send", _("Invia al Centro…"), self.send_selected),
                ("delete", _("Elimina bozza"), self.delete_selected),
            ],
        )
        actions.addStretch(1)
        layout.addLayout(actions)
        self.buttons["regenerate"].setToolTip(
            _("Crea una nuova bozza con i dati di oggi; le revisioni approvate restano.")
        )
        self.refresh()

    def _filters_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, combo in ((_("Tipo"), self.kind_filter), (_("Anno"), self.year_filter)):
            label = QLabel(text)
            label.setBuddy(combo)
            combo.setAccessibleName(text)
            row.addWidget(label)
            row.addWidget(combo)
        row.addStretch(1)
        return row

    # -- content -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the archive (rows without bytes), keeping the filters and selection."""
        selected = [r.id for r in self.selected_rows()]
        rows = self.workspace.archive.rows()
        self.model.set_rows(rows)
        self._fill_filters(rows)
        self.empty.setVisible(not rows)
        self.select_documents(selected)
        self._update_buttons()

    def _fill_filters(self, rows: list[ArchivedDocumentRow]) -> None:
        kind, year = self.kind_filter.currentData(), self.year_filter.currentData()
        kinds = [k for k in DocumentKind if any(r.kind is k for r in rows)]
        for combo, items, keep in (
            (self.kind_filter, [(k.label, k) for k in kinds], kind),
            (self.year_filter, [(str(y), y) for y in self.workspace.archive.years()], year),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("Tutti"), None)
            for label, data in items:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(combo.findData(keep), 0) if keep is not None else 0)
            combo.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        kind, year = self.kind_filter.currentData(), self.year_filter.currentData()
        # Qt hands a StrEnum back as its plain string.
        self.proxy.set_kind(DocumentKind(kind) if kind else None)
        self.proxy.set_year(int(year) if year is not None else None)
        self._update_buttons()

    def set_filters(self, kind: DocumentKind | None, year: int | None) -> None:
        """Choose the Tipo and Anno filters (None: Tutti)."""
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(kind), 0))
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(year), 0))

    def shown_rows(self) -> list[ArchivedDocumentRow]:
        """The documents passing the filters, in the order shown."""
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]

    # -- selection ---------------------------------------------------------------------
    def selected_rows(self) -> list[ArchivedDocumentRow]:
        selection = self.table.selectionModel()
        if selection is None:
            return []
        found = sorted(int(i.data(ROW_ROLE)) for i in selection.selectedRows())
        return [self.model.row_at(row) for row in found if row < len(self.model.rows())]

    def current(self) -> ArchivedDocumentRow | None:
        """The selected document when exactly one is selected."""
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def select_documents(self, document_ids: list[int]) -> bool:
        """Select the documents with these ids that pass the filters."""
        self.table.clearSelection()
        found = False
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for document_id in document_ids:
            source_row = self.model.source_row_of(document_id)
            if source_row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
            if index.isValid():
                self.table.selectRow(index.row())
                self.table.scrollTo(index)
                found = True
        self.table.setSelectionMode(mode)
        return found

    def select_document(self, document_id: int) -> bool:
        """Select one document, clearing filters that would hide it."""
        if self.select_documents([document_id]):
            return True
        self.set_filters(None, None)
        return self.select_documents([document_id])

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        for key in _ONE:
            self.buttons[key].setEnabled(one is not None)
        for key in _DRAFT_ONLY:
            self.buttons[key].setEnabled(one is not None and not one.approved)
        for key in _APPROVED_ONLY:
            self.buttons[key].setEnabled(one is not None and one.approved)
        self.buttons["send"].setEnabled(bool(rows))

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.preview(self.model.row_at(int(index.data(ROW_ROLE))))

    # -- actions -----------------------------------------------------------------------
    def preview_selected(self) -> None:
        row = self.current()
        if row is not None:
            self.preview(row)

    def preview(self, row: ArchivedDocumentRow) -> None:
        """Show the document (its signed copy when there is one)."""
        try:
            data = self.workspace.archive.pdf(row.id, signed=row.signed)
        except Exception as exc:
            show_error(self, exc)
            return
        dialog = PdfPreviewDialog(data, row.title, self.workspace, document=row, parent=self)
        dialog.approved.connect(lambda approved: self._after_change(approved.id))
        self.preview_dialog = dialog
        dialog.exec()

    def save_selected(self, target: Path | None = None) -> Path | None:
        """Save the selected document (its signed copy when there is one)."""
        row = self.current()
        if row is None:
            return None
        path = target or ask_pdf_target(
            self, self.workspace, row.title, file_name(row, signed=row.signed)
        )
        if path is None:
            return None
        try:
            data = self.workspace.archive.pdf(row.id, signed=row.signed)
        except Exception as exc:
            show_error(self, exc)
            return None
        return path if write_pdf(self, self.workspace, data, path) else None

    def approve_selected(self) -> None:
        row = self.current()
        if row is None or row.approved:
            return
        dialog = ApproveDocumentDialog(self.workspace, row.id, self)
        if dialog.exec() and dialog.approved_row is not None:
            self._after_change(dialog.approved_row.id)

    def regenerate_selected(self) -> ArchivedDocumentRow | None:
        """A new draft from today's data, selected and shown."""
        row = self.current()
        if row is None:
            return None
        try:
            with busy_cursor():
                draft = self.workspace.catalog.regenerate(row.id)
        except Exception as exc:
            show_error(self, exc)
            return None
        self._after_change(draft.id)
        self.preview(draft)
        return draft

    def sign_selected(self) -> None:
        row = self.current()
        if row is None or not row.approved:
            return
        from desdesk.ui.dialogs.sign_document import SignDocumentDialog

        if SignDocumentDialog(self.workspace, row.id, self).exec():
            self._after_change(row.id)

    def send_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        from desdesk.ui.dialogs.compose_mail import ComposeMailDialog

        ComposeMailDialog(self.workspace, self.prefs, [r.id for r in rows], self).exec()
        self._after_change(*(r.id for r in rows))  # sent, or kept in the outbox

    def delete_selected(self) -> None:
        row = self.current()
        if row is None or row.approved:
            return
        question = _("Eliminare la bozza «{title}»? Si potrà sempre crearla di nuovo.")
        if not ask(self, _("Elimina bozza"), question.format(title=row.title)):
            return
        try:
            self.workspace.archive.delete_draft(row.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._after_change()

    @property
    def prefs(self) -> settings.Preferences:
        """The preferences: those given, else the main window's (kept up to date by the
        Preferenze dialog), else read from disk (a view used on its own)."""
        if self._prefs is not None:
            return self._prefs
        window = self.window()
        window_prefs = getattr(window, "prefs", None) if window is not self else None
        if isinstance(window_prefs, settings.Preferences):
            return window_prefs
        return settings.load()

    def _after_change(self, *select: int) -> None:
        try:
            self.refresh()
        except Exception as exc:
            show_error(self, exc)
        if select:
            self.select_documents(list(select))
        self.changed.emit()
