"""Import members from a spreadsheet: a preview first, then all rows or none.

Reading the file and writing the members run as long jobs (`desdesk.ui.long_job`):
the window stays alive, and Annulla leaves the register as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.legal_forms import by_code
from desdesk.i18n import N_, _, ngettext
from desdesk.schemas import ImportPlan, MemberEntry
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.long_job import Cancelled, read_file_as_job, run_long_job
from desdesk.ui.models.rows import RowsTableModel, TextColumn
from desdesk.ui.widgets.forms import action_cancel_buttons, problems_view
from desdesk.ui.widgets.tables import make_table


def _referent_name(entry: MemberEntry) -> str:
    if entry.primary is None:
        return ""
    return f"{entry.primary.first_name} {entry.primary.last_name}".strip()


PREVIEW_COLUMNS: tuple[TextColumn[MemberEntry], ...] = (
    TextColumn(N_("Denominazione"), lambda e: e.member.name),
    TextColumn(N_("Forma giuridica"), lambda e: by_code(e.member.legal_form).label),
    TextColumn(N_("Codice fiscale"), lambda e: e.member.tax_code),
    TextColumn(N_("Comune"), lambda e: e.member.comune),
    TextColumn(N_("Referente"), _referent_name),
)


class ImportDialog(QDialog):
    def __init__(
        self, workspace: Workspace, plan: ImportPlan, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.plan = plan
        self.imported = 0
        self.setWindowTitle(_("Importa aderenti da {name}").format(name=file_name))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: RowsTableModel[MemberEntry] = RowsTableModel(PREVIEW_COLUMNS, parent=self)
        self.model.set_rows(plan.entries)
        self.preview = make_table(self.model, self)
        self.problems = problems_view()
        buttons, self.import_button = action_cancel_buttons(self, _("Importa"), self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)
        self._describe()

    def _describe(self) -> None:
        plan = self.plan
        lines: list[str] = []
        if plan.ok:
            text = ngettext(
                "{count} aderente pronto da importare. Controlla l'anteprima e conferma.",
                "{count} aderenti pronti da importare. Controlla l'anteprima e conferma.",
                len(plan.entries),
            ).format(count=len(plan.entries))
        else:
            text = ngettext(
                "Il file ha {count} problema: non verrà importato nulla finché non lo correggi nel file.",
                "Il file ha {count} problemi: non verrà importato nulla finché non li correggi nel file.",
                len(plan.problems),
            ).format(count=len(plan.problems))
            lines += [str(problem) for problem in plan.problems]
        if plan.extra_columns:
            lines.append(
                _("Colonne ignorate: {columns}").format(columns=", ".join(plan.extra_columns))
            )
        self.summary.setText(text)
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self.preview.setVisible(plan.ok)
        self.import_button.setEnabled(plan.ok and bool(plan.entries))

    def confirm(self) -> None:
        """Write the plan as a long job; Annulla before the write leaves the register as
        it was, and the dialog open."""
        try:
            self.imported = run_long_job(
                self,
                lambda: self.workspace.member_io.apply(self.plan),
                title=_("Importa aderenti"),
                label=_("Importazione degli aderenti…"),
            )
        except Cancelled:
            return
        except Exception as exc:
            show_error(self, exc, _("Importazione non riuscita"))
            return
        self.accept()

    @classmethod
    def run_for(cls, workspace: Workspace, file_name: str, parent: QWidget | None) -> bool:
        """Read the file, show the preview, import on confirmation. True if anything was written."""
        plan = read_file_as_job(
            parent, workspace.member_io.plan, Path(file_name), title=_("Importa aderenti")
        )
        if plan is None:
            return False
        dialog = cls(workspace, plan, Path(file_name).name, parent)
        if dialog.exec():
            QMessageBox.information(
                parent,
                _("Importazione completata"),
                ngettext(
                    "{count} aderente importato.", "{count} aderenti importati.", dialog.imported
                ).format(count=dialog.imported),
            )
            return True
        return False
