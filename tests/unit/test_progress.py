"""Progress reported by long work, and cancellation raised from it, on real district
files: a cancelled import rolls back, a cancelled document is never archived."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desdesk.document_schemas import DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.domain.progress import Cancelled, report, reporting
from desdesk.money_schemas import FinancialYearInput
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES
from tests.pdfs import read_pdf
from tests.roll_call_setup import add_members

MEMBER_HEADER = (
    "denominazione;forma_giuridica;codice_fiscale;email;referente_nome;referente_cognome"
)


def write_csv(path: Path, *lines: str) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


class CancelWhen:
    """A progress callback that cancels the work when `condition(done, total)` holds."""

    def __init__(self, condition: Callable[[int, int], bool]) -> None:
        self.condition = condition

    def __call__(self, done: int, total: int) -> None:
        if self.condition(done, total):
            raise Cancelled()


def test_report_without_a_runner_does_nothing() -> None:
    report(1, 2)
    with reporting(None):
        report(3, 4)


def test_the_register_reports_its_rows_and_pages(workspace: Workspace) -> None:
    add_members(workspace, [f"Aderente {n:03d}" for n in range(120)])
    seen: list[tuple[int, int]] = []
    with reporting(lambda done, total: seen.append((done, total))):
        data = workspace.documents.register_pdf()
    pages = len(read_pdf(data).pages)
    assert pages > 1
    rows = [done for done, total in seen if total == 120]
    assert rows and rows == sorted(rows) and rows[-1] == 120  # table rows laid out
    assert [done for done, total in seen if total == pages] == list(range(1, pages + 1))


def test_a_cancelled_document_is_not_archived(workspace: Workspace) -> None:
    add_members(workspace, ["Bottega Equa", "GAS Rovereto"])
    callback = CancelWhen(lambda done, total: True)
    with reporting(callback), pytest.raises(Cancelled):
        workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))
    assert workspace.archive.rows() == []
    row = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))  # no runner
    assert [kept.id for kept in workspace.archive.rows()] == [row.id]


def test_a_movement_import_cancelled_after_its_insert_rolls_back(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.budget.open_year(FinancialYearInput(2026))
    source = write_csv(
        tmp_path / "banca.csv",
        "Data;Importo;Categoria;Causale",
        "15/01/2026;-120,00;UA2;Affitto sala",
        "03/02/2026;50,00;EA1;Quota 2026",
        "10/03/2026;300;EA1;Quota 2026 bis",
    )
    mapping = {"data": "Data", "importo": "Importo", "categoria": "Categoria"}
    mapping["descrizione"] = "Causale"

    # The only report of the full count comes from the write, after its bulk INSERT:
    # the rows are in the table then, not yet committed.
    def after_the_insert(done: int, total: int) -> bool:
        return done == total == 3

    callback = CancelWhen(after_the_insert)
    with reporting(callback), pytest.raises(Cancelled):
        workspace.movement_io.import_movements(source, mapping)
    assert workspace.budget.movements() == []
    assert workspace.movement_io.import_movements(source, mapping) == 3


def test_a_member_import_cancelled_while_reading_or_before_writing_writes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "soci.csv",
        MEMBER_HEADER,
        f"Coop Uno;cooperativa;{VALID_ORG_CODES[0]};uno@example.it;Anna;Rossi",
        f"GAS Due;gas;{VALID_ORG_CODES[1]};;;",
    )
    reading = CancelWhen(lambda done, total: done == 1)
    with reporting(reading), pytest.raises(Cancelled):
        workspace.member_io.plan(source)
    plan = workspace.member_io.plan(source)
    writing = CancelWhen(lambda done, total: True)
    with reporting(writing), pytest.raises(Cancelled):
        workspace.member_io.apply(plan)
    assert workspace.members.count() == 0
    assert workspace.member_io.apply(plan) == 2
