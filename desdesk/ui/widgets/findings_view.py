"""A checklist of findings with, below it, the selected finding explained and a button
that opens the record to fix (Verifica › Costituzione and Salute del distretto)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.check_types import Finding, Level, Target
from desdesk.i18n import _
from desdesk.ui.models.check import LEVEL, LEVEL_COLOURS, MESSAGE, RULE, FindingsModel, level_text
from desdesk.ui.widgets.tables import make_table


def section_title(key: str) -> str:
    """The navigation title of a section key ("members" → "Aderenti")."""
    from desdesk.ui.sections.registry import SECTIONS

    return next((spec.title for spec in SECTIONS if spec.key == key), key)


class FindingsView(QWidget):
    """`open_target(Target)` asks the main window to show where a finding is fixed."""

    open_target = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.table = make_table(self.model, self, sortable=False)
        self.table.setObjectName("findingsTable")
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((LEVEL, 110), (RULE, 60), (MESSAGE + 1, 230)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)  # double-click or Enter
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._detail_box())
        self._show_detail()

    def _detail_box(self) -> QGroupBox:
        box = QGroupBox(_("Dettaglio"))
        self.detail_title = QLabel()
        self.detail_title.setObjectName("findingTitle")
        self.detail_reason = QLabel()
        self.detail_reason.setObjectName("findingReason")
        self.detail_source = QLabel()
        self.detail_source.setObjectName("findingSource")
        for label in (self.detail_title, self.detail_reason, self.detail_source):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix_button = QPushButton(_("Correggi…"))
        self.fix_button.setObjectName("fixButton")
        self.fix_button.clicked.connect(lambda _checked=False: self.open_selected())
        column = QVBoxLayout()
        column.addWidget(self.detail_title)
        column.addWidget(self.detail_reason)
        column.addWidget(self.detail_source)
        row = QHBoxLayout(box)
        row.addLayout(column, 1)
        row.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignBottom)
        return box

    # -- content -----------------------------------------------------------------------------
    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show new findings, keeping the selected rule when it is still there; otherwise
        the first problem (errors first) is selected, so its detail is in view."""
        kept = self.selected()
        self.model.set_findings(findings)
        row = -1
        if kept is not None:
            same = [i for i, f in enumerate(self.model.findings()) if f == kept]
            row = same[0] if same else self.model.row_of(kept.rule)
        if row < 0:
            row = self._first_problem()
        if row >= 0:
            self.table.selectRow(row)
        self._show_detail()

    def _first_problem(self) -> int:
        findings = self.model.findings()
        for level in (Level.ERROR, Level.WARNING):
            for row, finding in enumerate(findings):
                if finding.level is level:
                    return row
        return 0 if findings else -1

    def select_rule(self, rule: str) -> bool:
        row = self.model.row_of(rule)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def selected(self) -> Finding | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.finding_at(rows[0].row()) if rows else None

    def _show_detail(self) -> None:
        finding = self.selected()
        if finding is None:
            self.detail_title.setText(_("Scegli una riga per vedere il perché e dove correggere."))
            self.detail_reason.clear()
            self.detail_source.clear()
            self.fix_button.setEnabled(False)
            self.fix_button.setToolTip("")
            return
        colour = LEVEL_COLOURS[finding.level]
        self.detail_title.setText(
            f'<span style="color:{colour}"><b>{html.escape(level_text(finding.level))}</b></span>'
            f" · <b>{html.escape(finding.rule)}</b> — {html.escape(finding.message)}"
        )
        self.detail_title.setAccessibleName(
            f"{finding.level.label()}, {finding.rule}: {finding.message}"
        )
        self.detail_reason.setText(
            _("Perché conta: {reason}").format(reason=finding.reason) if finding.reason else ""
        )
        self.detail_source.setText(_("Fonte: {source}").format(source=finding.source))
        target = finding.target
        self.fix_button.setText(_("Apri…") if finding.level is Level.OK else _("Correggi…"))
        self.fix_button.setEnabled(target is not None)
        self.fix_button.setToolTip(
            _("Apre la sezione {section}").format(section=section_title(target.section))
            if target is not None
            else _("Niente da aprire per questa regola")
        )

    # -- opening the record ---------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def open_selected(self) -> Target | None:
        """Ask for the selected finding's record to be shown; returns its target."""
        finding = self.selected()
        if finding is None or finding.target is None:
            return None
        self.open_target.emit(finding.target)
        return finding.target
