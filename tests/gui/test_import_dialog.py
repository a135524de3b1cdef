"""The import dialog: a preview before confirming; a file with problems imports nothing."""

from __future__ import annotations

from pathlib import Path

from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.import_dialog import ImportDialog
from tests.factories import VALID_ORG_CODES

HEADER = "denominazione;forma_giuridica;codice_fiscale;comune;data_adesione;referente_nome;referente_cognome"


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "aderenti.csv"
    path.write_bytes(("\ufeff" + "\r\n".join((HEADER, *lines)) + "\r\n").encode("utf-8"))
    return path


def test_preview_then_import(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _csv(
        tmp_path,
        f"Cooperativa Il Germoglio;cooperativa sociale di tipo A;{VALID_ORG_CODES[0]};Rovereto;15/03/2024;Sara;Fontana",
        f"GAS Rovereto Sud;GAS;IT{VALID_ORG_CODES[1]};Rovereto;1/9/2023;;",
    )
    dialog = ImportDialog(workspace, workspace.member_io.plan(path), path.name)
    qtbot.addWidget(dialog)
    assert dialog.import_button.isEnabled()
    assert "2 aderenti pronti" in dialog.summary.text()
    assert dialog.model.rowCount() == 2
    assert dialog.model.index(0, 4).data() == "Sara Fontana"
    assert workspace.members.count() == 0  # nothing written before confirming
    dialog.confirm()
    assert dialog.result() == 1 and dialog.imported == 2
    assert sorted(r.name for r in workspace.members.list_rows()) == [
        "Cooperativa Il Germoglio",
        "GAS Rovereto Sud",
    ]


def test_problems_are_listed_and_nothing_can_be_imported(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = _csv(
        tmp_path,
        f"Cooperativa Il Germoglio;cooperativa;{VALID_ORG_CODES[0]};Rovereto;15/03/2024;;",
        "Associazione Sbagliata;associazione;12345678901;Ala;31/02/2024;;",
    )
    dialog = ImportDialog(workspace, workspace.member_io.plan(path), path.name)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    problems = dialog.problems.toPlainText()
    assert "riga 3, colonna codice_fiscale" in problems
    assert "riga 3, colonna data_adesione" in problems
    assert "non verrà importato nulla" in dialog.summary.text()
    assert workspace.members.count() == 0
