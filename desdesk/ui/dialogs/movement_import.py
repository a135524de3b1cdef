"""Import movements from a bank export or a spreadsheet, and export them.

Bank exports differ, so the import shows which column holds what (a choice per field,
guessed from the headers) above a preview of every row read that way; the cells with a
problem are highlighted with the reason. Nothing is written until *Importa*, which stays
disabled while any problem is left, and then every row is written in one transaction.
Reading, previewing and writing run as long jobs (`desdesk.ui.long_job`): the window
stays alive, and Annulla writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _, ngettext
from desdesk.services.movement_io import MovementPreview, RawTable
from desdesk.services.movement_mapping import FIELDS, field_label
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.long_job import Cancelled, read_file_as_job, run_long_job
from desdesk.ui.models.movement_preview import MovementPreviewModel
from desdesk.ui.widgets.busy import busy_cursor
from desdesk.ui.widgets.forms import action_cancel_buttons, problems_view
from desdesk.ui.widgets.tables import make_table


class MovementImportDialog(QDialog):
    def __init__(
        self, workspace: Workspace, table: RawTable, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = table
        self.imported = 0
        self.skipped = 0  # rows that seemed registered already, left out
        self.preview: MovementPreview | None = None
        self.setWindowTitle(_("Importa movimenti da {name}").format(name=file_name))
        self.combos: dict[str, QComboBox] = {}
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.model = MovementPreviewModel(self)
        self.view = make_table(self.model, self, sortable=False)
        self.problems = problems_view()
        self.include_duplicates = QCheckBox(_("Importa anche le righe che sembrano già registrate"))
        self.include_duplicates.setObjectName("includeDuplicates")
        self.include_duplicates.toggled.connect(lambda _on: self._describe(self.preview))
        buttons, self.import_button = action_cancel_buttons(self, _("Importa"), self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self._mapping_box())
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.include_duplicates)
        layout.addWidget(buttons)
        self.resize(980, 640)
        self.refresh_preview()

    def _mapping_box(self) -> QGroupBox:
        box = QGroupBox(_("Colonne del file"))
        grid = QGridLayout(box)
        intro = QLabel(
            _(
                "Scegli la colonna che contiene ogni dato. Servono la data, la categoria "
                "(codice come UA2 o nome) e l'importo: una colonna con il segno (negativo = "
                "uscita) oppure le due colonne Entrata e Uscita."
            )
        )
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 4)
        suggested = self.workspace.movement_io.suggest_mapping(self.table.headers)
        for position, name in enumerate(FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"column_{name}")
            combo.addItem(_("(nessuna)"), None)
            for header in self.table.headers:
                if header:
                    combo.addItem(header, header)
            if name in suggested:
                combo.setCurrentIndex(combo.findData(suggested[name]))
            combo.currentIndexChanged.connect(self.refresh_preview)
            self.combos[name] = combo
            row, column = divmod(position, 2)
            label = QLabel(field_label(name))
            label.setBuddy(combo)
            grid.addWidget(label, row + 1, column * 2)
            grid.addWidget(combo, row + 1, column * 2 + 1)
        return box

    def mapping(self) -> dict[str, str]:
        """Field → column as chosen now."""
        return {
            name: combo.currentData()
            for name, combo in self.combos.items()
            if combo.currentData() is not None
        }

    def set_column(self, name: str, column: str | None) -> None:
        """Choose the column of a field (None: none); the preview follows."""
        combo = self.combos[name]
        combo.setCurrentIndex(combo.findData(column) if column is not None else 0)

    def refresh_preview(self) -> None:
        """Read every row with the columns chosen (a long job: thousands of rows)."""
        mapping, cancelled = self.mapping(), False
        try:
            preview: MovementPreview | None = run_long_job(
                self,
                lambda: self.workspace.movement_io.preview_table(self.table, mapping),
                title=_("Importa movimenti"),
                label=_("Controllo delle righe del file…"),
            )
        except Cancelled:
            preview, cancelled = None, True
        except Exception as exc:
            show_error(self, exc, _("Anteprima non riuscita"))
            preview = None
        self.preview = preview
        self.model.set_lines(preview.lines if preview else [])
        self.view.resizeColumnsToContents()
        self._describe(preview)
        if cancelled:
            self.summary.setText(_("Anteprima annullata: scegli di nuovo una colonna per rifarla."))

    def _describe(self, preview: MovementPreview | None) -> None:
        if preview is None:
            text = ""
        elif preview.header_problems:
            text = "\n".join(preview.header_problems)
        elif preview.ok:
            count = len(preview.rows_to_import(self.include_duplicates.isChecked()))
            text = ngettext(
                "{count} movimento pronto da importare. Controlla l'anteprima e conferma.",
                "{count} movimenti pronti da importare. Controlla l'anteprima e conferma.",
                count,
            ).format(count=count)
            text += self._duplicates_text(preview)
        else:
            bad = sum(1 for line in preview.lines if not line.ok)
            text = ngettext(
                "{count} riga ha problemi (le celle in rosso; il motivo nell'ultima colonna): "
                "non verrà importato nulla finché non la correggi nel file o non scegli "
                "altre colonne.",
                "{count} righe hanno problemi (le celle in rosso; il motivo nell'ultima "
                "colonna): non verrà importato nulla finché non le correggi nel file o non "
                "scegli altre colonne.",
                bad,
            ).format(count=bad)
        self.summary.setText(text)
        row_problems = [str(problem) for problem in preview.problems] if preview else []
        if preview is not None and preview.ok:
            row_problems = preview.warnings()
        self.problems.setPlainText("\n".join(row_problems))
        self.problems.setVisible(bool(row_problems))
        self.include_duplicates.setVisible(bool(preview and preview.ok and preview.duplicates))
        self.import_button.setEnabled(preview is not None and preview.ok)

    def _duplicates_text(self, preview: MovementPreview) -> str:
        """What happens to the rows that seem registered already (in amber)."""
        count = len(preview.duplicates)
        if not count:
            return ""
        if self.include_duplicates.isChecked():
            text = ngettext(
                "{count} riga sembra già registrata (in giallo): verrà importata comunque.",
                "{count} righe sembrano già registrate (in giallo): verranno importate comunque.",
                count,
            )
        else:
            text = ngettext(
                "{count} riga sembra già registrata (in giallo): sarà lasciata fuori.",
                "{count} righe sembrano già registrate (in giallo): saranno lasciate fuori.",
                count,
            )
        return " " + text.format(count=count)

    def confirm(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        included, mapping = self.include_duplicates.isChecked(), self.mapping()
        try:
            self.imported = run_long_job(
                self,
                lambda: self.workspace.movement_io.import_table(self.table, mapping, included),
                title=_("Importa movimenti"),
                label=_("Importazione dei movimenti…"),
            )
            self.skipped = 0 if included else len(self.preview.duplicates)
        except Cancelled:
            return  # rolled back: nothing written, the dialog stays as it was
        except Exception as exc:
            show_error(self, exc, _("Importazione non riuscita"))
            self.refresh_preview()  # what changed meanwhile (a year closed) shows up
            return
        self.accept()


def run_movement_import(parent: QWidget | None, workspace: Workspace) -> bool:
    """Pick a file, map its columns, preview, import on confirmation. True if anything
    was written."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Importa movimenti"),
        str(workspace.folder),
        _("Fogli di calcolo (*.csv *.xlsx)"),
    )
    if not name:
        return False
    table = read_file_as_job(
        parent, workspace.movement_io.read_table, Path(name), title=_("Importa movimenti")
    )
    if table is None:
        return False
    dialog = MovementImportDialog(workspace, table, Path(name).name, parent)
    if not dialog.exec():
        return False
    QMessageBox.information(parent, _("Importazione completata"), import_summary(dialog))
    return True


def import_summary(dialog: MovementImportDialog) -> str:
    text = ngettext(
        "{count} movimento importato.", "{count} movimenti importati.", dialog.imported
    ).format(count=dialog.imported)
    if dialog.skipped:
        text += " " + ngettext(
            "{count} riga che sembrava già registrata è stata lasciata fuori.",
            "{count} righe che sembravano già registrate sono state lasciate fuori.",
            dialog.skipped,
        ).format(count=dialog.skipped)
    return text


def export_movements(parent: QWidget | None, workspace: Workspace, year: int | None) -> None:
    """Ask where, then write the movements of `year` (all when None) to .xlsx or .csv."""
    stem = f"movimenti-{year}" if year else "movimenti"
    start = str(workspace.folder / f"{stem}.xlsx")
    name, chosen = QFileDialog.getSaveFileName(
        parent, _("Esporta movimenti"), start, _("Excel (*.xlsx);;CSV (*.csv)")
    )
    if not name:
        return
    path = Path(name)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        path = path.with_name(path.name + (".csv" if "csv" in chosen.lower() else ".xlsx"))
    try:
        with busy_cursor():
            count = workspace.movement_io.export(path, year)
    except Exception as exc:
        show_error(parent, exc, _("Esportazione non riuscita"))
        return
    QMessageBox.information(
        parent,
        _("Esportazione completata"),
        ngettext(
            "{count} movimento esportato in {path}",
            "{count} movimenti esportati in {path}",
            count,
        ).format(count=count, path=path),
    )
