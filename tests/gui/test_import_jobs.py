"""Imports as long jobs: the progress dialog appears, Annulla leaves the tables as they
were and the import dialog open, and an import left to finish writes everything."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desdesk.money_schemas import FinancialYearInput
from desdesk.services.member_io import MemberIOService
from desdesk.services.movement_io import MovementIOService
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.import_dialog import ImportDialog
from desdesk.ui.dialogs.movement_import import MovementImportDialog
from desdesk.ui.long_job import JobDialog
from tests.factories import VALID_ORG_CODES
from tests.gui.job_dialogs import cancel_then_release, hold, when_dialog_shows

MEMBERS = (
    "denominazione;forma_giuridica;codice_fiscale;comune;referente_nome;referente_cognome",
    f"Cooperativa Il Germoglio;cooperativa sociale di tipo A;{VALID_ORG_CODES[0]};Ala;Sara;Fontana",
    f"GAS Rovereto Sud;GAS;{VALID_ORG_CODES[1]};Rovereto;;",
)
MOVEMENTS = (
    "Data operazione;Entrate;Uscite;Causale;Codice",
    "02/01/2026;;12,50;Commissioni;UD1",
    "05/01/2026;1.000,00;;Contributo Comune;EA8",
)


def csv_file(path: Path, *lines: str) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


@pytest.fixture
def ws(workspace: Workspace) -> Iterator[Workspace]:
    workspace.budget.open_year(FinancialYearInput(2026))
    yield workspace


def test_a_cancelled_member_import_writes_nothing_and_stays_open(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = ws.member_io.plan(csv_file(tmp_path / "aderenti.csv", *MEMBERS))
    dialog = ImportDialog(ws, plan, "aderenti.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    release = hold(monkeypatch, MemberIOService, "apply")
    when_dialog_shows(cancel_then_release(release))
    dialog.confirm()
    assert ws.members.count() == 0
    assert dialog.isVisible() and dialog.imported == 0

    dialog.confirm()  # released already: this one runs to the end
    assert dialog.result() == 1 and dialog.imported == 2
    assert ws.members.count() == 2


def test_a_cancelled_movement_import_rolls_back_and_stays_open(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = csv_file(tmp_path / "estratto conto.csv", *MOVEMENTS)
    dialog = MovementImportDialog(ws, ws.movement_io.read_table(path), path.name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_column("categoria", "Codice")
    assert dialog.import_button.isEnabled()
    release = hold(monkeypatch, MovementIOService, "import_table")
    shown: list[str] = []

    def cancel(job: JobDialog) -> None:
        shown.append(job.label.text())
        cancel_then_release(release)(job)

    when_dialog_shows(cancel)
    dialog.confirm()
    assert shown == ["Importazione dei movimenti…"]
    assert ws.budget.movements() == []
    assert dialog.isVisible() and dialog.imported == 0

    dialog.confirm()
    assert dialog.result() == 1 and dialog.imported == 2
    amounts = sorted(m.signed_amount for m in ws.budget.movements())
    assert amounts == [Decimal("-12.50"), Decimal("1000.00")]


def test_a_cancelled_preview_says_so(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = csv_file(tmp_path / "estratto conto.csv", *MOVEMENTS)
    dialog = MovementImportDialog(ws, ws.movement_io.read_table(path), path.name)
    qtbot.addWidget(dialog)
    release = hold(monkeypatch, MovementIOService, "preview_table")
    when_dialog_shows(cancel_then_release(release))
    dialog.set_column("categoria", "Codice")
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert dialog.summary.text() == "Anteprima annullata: scegli di nuovo una colonna per rifarla."
