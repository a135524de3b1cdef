"""The movement import dialog: columns guessed and chosen, a preview with the problems
highlighted, Importa only without problems; and the export's file dialog."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desdesk.money_schemas import FinancialYearInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs import movement_import
from desdesk.ui.dialogs.movement_import import (
    MovementImportDialog,
    export_movements,
    run_movement_import,
)
from desdesk.ui.models.movement_preview import PROBLEMS_COLUMN

BANK = (
    "Data operazione;Entrate;Uscite;Causale;Codice",
    "02/01/2026;;12,50;Commissioni;UD1",
    "05/01/2026;1.000,00;;Contributo Comune;EA8",
)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    workspace.budget.open_year(FinancialYearInput(2026))
    return workspace


def csv_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "estratto conto.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


def dialog_for(qtbot: QtBot, ws: Workspace, path: Path) -> MovementImportDialog:
    dialog = MovementImportDialog(ws, ws.movement_io.read_table(path), path.name)
    qtbot.addWidget(dialog)
    return dialog


def test_columns_are_guessed_then_chosen_and_the_file_imported(
    qtbot: QtBot, ws: Workspace, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, ws, csv_file(tmp_path, *BANK))
    assert dialog.mapping() == {
        "data": "Data operazione",
        "entrata": "Entrate",
        "uscita": "Uscite",
        "descrizione": "Causale",
    }
    # No category column guessed: said, and nothing can be imported yet.
    assert dialog.summary.text() == "Scegli la colonna della categoria."
    assert not dialog.import_button.isEnabled()
    assert dialog.model.rowCount() == 0

    dialog.set_column("categoria", "Codice")
    assert dialog.import_button.isEnabled()
    assert "2 movimenti pronti" in dialog.summary.text()
    assert dialog.problems.isHidden()
    assert dialog.model.rowCount() == 2
    assert dialog.model.index(0, 0).data() == "2"  # the spreadsheet's row
    assert dialog.model.index(0, 2).data() == "-12,50\xa0€"
    assert dialog.model.index(1, 3).data() == "EA8 Contributi da enti pubblici"
    assert ws.budget.movements() == []  # nothing written before confirming

    dialog.confirm()
    assert dialog.result() == 1 and dialog.imported == 2
    amounts = sorted(m.signed_amount for m in ws.budget.movements())
    assert amounts == [Decimal("-12.50"), Decimal("1000.00")]


def test_problems_are_highlighted_per_cell_and_block_the_import(
    qtbot: QtBot, qtmodeltester: ModelTester, ws: Workspace, tmp_path: Path
) -> None:
    lines = ("Data;Importo;Categoria", "15/01/2026;-10,00;UA2", "16/01/2026;-10,00;EA8",
             "32/01/2026;5,00;;")  # fmt: skip
    dialog = dialog_for(qtbot, ws, csv_file(tmp_path, *lines))
    model = dialog.model
    qtmodeltester.check(model)
    assert not dialog.import_button.isEnabled()
    assert "2 righe hanno problemi" in dialog.summary.text()
    assert model.index(0, PROBLEMS_COLUMN).data() == ""
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is None

    amount = model.index(1, 2)
    assert amount.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert amount.data(Qt.ItemDataRole.ToolTipRole) == (
        "“EA8 Contributi da enti pubblici” è una categoria di entrate, ma l'importo è un'uscita."
    )
    third = [model.index(2, c) for c in range(model.columnCount())]
    highlighted = [i.column() for i in third if i.data(Qt.ItemDataRole.BackgroundRole)]
    assert highlighted == [1, 3]  # Data and Categoria
    assert model.index(2, 1).data() == "32/01/2026"  # what the file says
    assert "Manca la categoria." in model.index(2, PROBLEMS_COLUMN).data()
    assert model.index(1, 2).data() == "-10,00\xa0€"  # understood, but not for EA8
    assert dialog.problems.toPlainText().splitlines() == [
        "riga 3, colonna Importo: “EA8 Contributi da enti pubblici” è una categoria di "
        "entrate, ma l'importo è un'uscita.",
        "riga 4, colonna Data: La data “32/01/2026” non esiste.",
        "riga 4, colonna Categoria: Manca la categoria.",
    ]

    dialog.confirm()  # refused: nothing happens
    assert dialog.result() == 0
    assert ws.budget.movements() == []


def test_run_import_and_export_through_the_file_dialogs(
    qtbot: QtBot,
    ws: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[str],
) -> None:
    source = csv_file(tmp_path, "Data;Importo;Categoria", "15/01/2026;-10,00;UA2")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(source), ""))
    )

    def exec_and_confirm(dialog: MovementImportDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.confirm()
        return dialog.result()

    monkeypatch.setattr(movement_import.MovementImportDialog, "exec", exec_and_confirm)
    assert run_movement_import(None, ws)
    assert shown_messages == ["1 movimento importato."]
    assert len(ws.budget.movements()) == 1

    target = tmp_path / "uscita"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), "CSV (*.csv)"))
    )
    export_movements(None, ws, 2026)
    written = target.with_name("uscita.csv")
    assert shown_messages[-1] == f"1 movimento esportato in {written}"
    assert (
        written.read_text(encoding="utf-8-sig")
        .splitlines()[1]
        .startswith("15/01/2026;-10,00;Uscita;UA2 ")
    )


def test_an_unreadable_file_says_why(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_messages: list[str]
) -> None:
    broken = tmp_path / "finto.xlsx"
    broken.write_text("non sono un file Excel")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(broken), ""))
    )
    assert not run_movement_import(None, ws)
    assert shown_messages == ["“finto.xlsx” non è un file Excel (.xlsx) leggibile."]


def test_rows_already_registered_are_amber_and_left_out_unless_ticked(
    qtbot: QtBot, qtmodeltester: ModelTester, ws: Workspace, tmp_path: Path
) -> None:
    lines = ("Data;Importo;Categoria;Causale", "02/01/2026;-12,50;UD1;Commissioni",
             "03/01/2026;-7,00;UD1;Bolli")  # fmt: skip
    ws.movement_io.import_movements(
        csv_file(tmp_path, *lines[:2]),
        {"data": "Data", "importo": "Importo", "categoria": "Categoria", "descrizione": "Causale"},
    )
    dialog = dialog_for(qtbot, ws, csv_file(tmp_path, *lines))
    model = dialog.model
    qtmodeltester.check(model)
    assert dialog.import_button.isEnabled()  # a warning, not a problem
    assert dialog.summary.text() == (
        "1 movimento pronto da importare. Controlla l'anteprima e conferma. 1 riga sembra "
        "già registrata (in giallo): sarà lasciata fuori."
    )
    assert model.index(0, PROBLEMS_COLUMN).data().startswith("sembra già registrato: 02/01/2026")
    amber = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert amber is not None and amber.color().name() == "#fff3cd"
    assert model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert dialog.include_duplicates.isVisibleTo(dialog)
    assert dialog.problems.toPlainText().startswith("riga 2: sembra già registrato")

    dialog.include_duplicates.setChecked(True)
    assert "2 movimenti pronti" in dialog.summary.text()
    assert "verrà importata comunque" in dialog.summary.text()
    dialog.include_duplicates.setChecked(False)
    dialog.confirm()
    assert dialog.imported == 1 and dialog.skipped == 1
    assert movement_import.import_summary(dialog) == (
        "1 movimento importato. 1 riga che sembrava già registrata è stata lasciata fuori."
    )
    assert len(ws.budget.movements()) == 2


def test_ticked_rows_already_registered_are_imported_too(
    qtbot: QtBot, ws: Workspace, tmp_path: Path
) -> None:
    lines = ("Data;Importo;Categoria", "02/01/2026;-12,50;UD1", "02/01/2026;-12,50;UD1")
    dialog = dialog_for(qtbot, ws, csv_file(tmp_path, *lines))
    assert [line.row for line in dialog.preview.duplicates] == [3]  # type: ignore[union-attr]
    dialog.include_duplicates.setChecked(True)
    dialog.confirm()
    assert dialog.imported == 2 and dialog.skipped == 0
    assert len(ws.budget.movements()) == 2
