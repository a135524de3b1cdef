"""«Nuovi aderenti»: the list of growth actions, with their Aggiungi/Modifica/Elimina."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desdesk.check_schemas import GrowthActionRead
from desdesk.i18n import N_, _, format_date
from desdesk.ui.models.rows import RowsTableModel, TextColumn
from desdesk.ui.widgets.tables import make_table, selected_source_row


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


GROWTH_COLUMNS: tuple[TextColumn[GrowthActionRead], ...] = (
    TextColumn(N_("Data"), lambda a: format_date(a.data.day), lambda a: a.data.day),
    TextColumn(N_("Che cosa è stato fatto"), lambda a: _first_line(a.data.description)),
    TextColumn(N_("Esito"), lambda a: _first_line(a.data.outcome)),
    TextColumn(N_("Aderente entrato"), lambda a: a.member_name),
)


class GrowthActionsPage(QWidget):
    """The table and its buttons; the section connects the buttons to its dialogs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RowsTableModel[GrowthActionRead] = RowsTableModel(GROWTH_COLUMNS, parent=self)
        self.table = make_table(self.model, self)
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(1, 360)
        self.table.setColumnWidth(2, 240)
        intro = QLabel(
            _(
                "Le azioni fatte per far entrare nuovi aderenti (presentazioni, incontri, "
                "eventi) e chi hanno portato nel distretto. La verifica ne chiede almeno una "
                "all'anno."
            )
        )
        intro.setWordWrap(True)
        self.add_button = QPushButton(_("Aggiungi…"))
        self.edit_button = QPushButton(_("Modifica…"))
        self.delete_button = QPushButton(_("Elimina…"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def selected(self) -> GrowthActionRead | None:
        row = selected_source_row(self.table)
        return None if row is None else self.model.row_at(row)
