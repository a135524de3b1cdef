"""Dialogs of the Distretto section: an objective, a founding document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import FoundingDocumentKind, ObjectiveStatus
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _, format_number, parse_decimal
from desdesk.schemas import (
    FoundingDocumentInput,
    FoundingDocumentRead,
    ObjectiveInput,
    ObjectiveRead,
)
from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.forms import (
    DateField,
    Form,
    combo_with,
    raise_if,
    save_cancel_buttons,
    save_or_show,
    select_data,
)


def _text_area(height: int = 60) -> QPlainTextEdit:
    area = QPlainTextEdit()
    area.setMaximumHeight(height)
    area.setTabChangesFocus(True)
    return area


_NO_INDICATOR = 0  # the combo's data for "no linked indicator" (ids start at 1)


def _indicator_choices(
    workspace: Workspace, objective: ObjectiveRead | None
) -> list[tuple[str, object]]:
    """Active indicators, and the linked one even if it has been retired since."""
    linked = objective.data.indicator_id if objective is not None else None
    choices: list[tuple[str, object]] = [(_("Nessuno"), _NO_INDICATOR)]
    for indicator in workspace.indicators.indicators(include_retired=True):
        if indicator.retired_on is None or indicator.id == linked:
            choices.append((f"{indicator.data.area} – {indicator.data.name}", indicator.id))
    return choices


class ObjectiveDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        objective: ObjectiveRead | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.objective = objective
        self.setWindowTitle(_("Nuovo obiettivo") if objective is None else _("Modifica obiettivo"))
        form = self.form = Form()
        self.title = form.add("title", _("Titolo *"), QLineEdit())
        self.description = form.add("description", _("Descrizione"), _text_area())
        self.tools = form.add("tools", _("Strumenti"), _text_area(50))
        self.method = form.add("method", _("Metodo"), _text_area(50))
        self.roles = form.add("member_roles", _("Ruolo degli aderenti"), _text_area(50))
        target = QWidget()
        row = QHBoxLayout(target)
        row.setContentsMargins(0, 0, 0, 0)
        self.target_value = QLineEdit()
        self.target_value.setPlaceholderText(_("es. 1.500"))
        self.target_unit = QLineEdit()
        self.target_unit.setPlaceholderText(_("unità, es. famiglie coinvolte"))
        row.addWidget(self.target_value, 1)
        row.addWidget(self.target_unit, 2)
        form.add("target_value", _("Valore obiettivo"), target)
        form.errors["target_unit"] = form.errors["target_value"]
        self.deadline = form.add("deadline", _("Scadenza"), DateField())
        self.status = form.add(
            "status", _("Stato"), combo_with([(s.label(), s.value) for s in ObjectiveStatus])
        )
        self.indicator = form.add(
            "indicator_id",
            _("Indicatore collegato"),
            combo_with(_indicator_choices(workspace, objective)),
        )
        self.indicator.setToolTip(
            _("L'avanzamento dell'obiettivo si legge dai valori di questo indicatore.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(600, 560)
        if objective is not None:
            self._load(objective.data)

    def _load(self, data: ObjectiveInput) -> None:
        self.title.setText(data.title)
        self.description.setPlainText(data.description)
        self.tools.setPlainText(data.tools)
        self.method.setPlainText(data.method)
        self.roles.setPlainText(data.member_roles)
        self.target_value.setText(
            format_number(data.target_value) if data.target_value is not None else ""
        )
        self.target_unit.setText(data.target_unit)
        self.deadline.set_date(data.deadline)
        select_data(self.status, data.status)
        select_data(self.indicator, data.indicator_id or _NO_INDICATOR)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        target = None
        if self.target_value.text().strip():
            try:
                target = parse_decimal(self.target_value.text())
            except ValueError:
                problems.append(
                    FieldProblem("target_value", _("Scrivi un numero, es. 1.500 o 12,5."))
                )
        data = ObjectiveInput(
            title=self.title.text(),
            description=self.description.toPlainText(),
            tools=self.tools.toPlainText(),
            method=self.method.toPlainText(),
            member_roles=self.roles.toPlainText(),
            target_value=target,
            target_unit=self.target_unit.text(),
            deadline=self.form.read_date("deadline", problems),
            status=self.status.currentData(),
            indicator_id=self.indicator.currentData() or None,
        )
        raise_if(problems)
        if self.objective is None:
            self.workspace.district.add_objective(data)
        else:
            self.workspace.district.update_objective(self.objective.id, data)


class FoundingDocumentDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        document: FoundingDocumentRead | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document = document
        self.file: Path | None = None
        self.setWindowTitle(
            _("Nuovo documento fondativo") if document is None else _("Modifica documento")
        )
        form = self.form = Form()
        self.kind = form.add(
            "kind", _("Tipo"), combo_with([(k.label(), k.value) for k in FoundingDocumentKind])
        )
        self.title = form.add("title", _("Titolo *"), QLineEdit())
        self.date = form.add("document_date", _("Data"), DateField())
        self.valid_until = form.add("valid_until", _("Valido fino al"), DateField())
        self.valid_until.setToolTip(
            _("Per un accordo di distretto: almeno 3 anni dalla data del documento.")
        )
        self.approved = form.add(
            "approved", _("Approvato"), QCheckBox(_("approvato dall'assemblea"))
        )
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        self.file_label = QLabel(
            document.filename if document and document.filename else _("nessun file")
        )
        browse = QPushButton(_("Scegli file…"))
        browse.clicked.connect(self._choose_file)
        row.addWidget(self.file_label, 1)
        row.addWidget(browse)
        form.add("file", _("File"), chooser)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(520, 330)
        if document is not None:
            select_data(self.kind, document.kind)
            self.title.setText(document.title)
            self.date.set_date(document.document_date)
            self.valid_until.set_date(document.valid_until)
            self.approved.setChecked(document.approved)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Scegli il documento"))
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> None:
        self.file = path
        self.file_label.setText(path.name)

    def save(self) -> None:
        save_or_show(self, self.form, self._write)

    def _write(self) -> None:
        problems: list[FieldProblem] = []
        data = FoundingDocumentInput(
            kind=self.kind.currentData(),
            title=self.title.text(),
            document_date=self.form.read_date("document_date", problems),
            approved=self.approved.isChecked(),
            valid_until=self.form.read_date("valid_until", problems),
        )
        raise_if(problems)
        if self.document is None:
            self.workspace.district.add_document(data, self.file)
        else:
            self.workspace.district.update_document(self.document.id, data, self.file)
