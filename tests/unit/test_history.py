"""The change history: every create, edit, exit and deletion of a member is logged by the
file's triggers, with who, when and the values before and after."""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from desdesk.domain.enums import ReferentKind
from desdesk.schemas import FoundingDocumentInput
from desdesk.services.history import HistoryService
from desdesk.services.workspace import Workspace
from tests.factories import member_input, referent_input
from tests.raw_sql import raw_rows


@pytest.fixture
def history(workspace: Workspace) -> HistoryService:
    service = HistoryService(workspace.sessions)
    service.set_actor("Anna Bianchi", "anna")
    return service


def member_rows(history: HistoryService, member_id: int) -> list[tuple[str, str]]:
    return [(row.table, row.action) for row in history.rows("member", member_id)]


def test_creating_a_member_logs_its_values_and_the_actor(
    workspace: Workspace, history: HistoryService
) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    member_id = workspace.members.add(member_input())

    [row] = history.rows("member", member_id)
    assert (row.action, row.action_label, row.table_label) == ("insert", "Aggiunta", "Aderente")
    assert (row.actor, row.os_user) == ("Anna Bianchi", "anna")
    assert before <= row.at <= datetime.now(UTC) + timedelta(seconds=1)
    assert row.record_label == "Cooperativa Sociale La Rete"
    changes = {change.name: (change.label, change.before, change.after) for change in row.changes}
    assert changes["name"] == ("Nome", "", "Cooperativa Sociale La Rete")
    assert changes["joined_on"] == ("Data di adesione", "", "15/03/2024")
    assert "id" not in changes and "updated_at" not in changes


def test_editing_a_member_logs_only_the_changed_fields(
    workspace: Workspace, history: HistoryService
) -> None:
    member_id = workspace.members.add(member_input())
    workspace.members.update(member_id, member_input(email="nuova@larete.example.it"))

    row = history.rows("member", member_id)[0]
    assert (row.action, row.action_label) == ("update", "Modifica")
    assert [(c.name, c.before, c.after) for c in row.changes] == [
        ("email", "info@larete.example.it", "nuova@larete.example.it")
    ]
    [(before, after)] = raw_rows(
        workspace, "SELECT before, after FROM change_log WHERE action = 'update'"
    )
    assert (json.loads(before)["email"], json.loads(after)["email"]) == (
        "info@larete.example.it",
        "nuova@larete.example.it",
    )


def test_saving_a_member_unchanged_logs_nothing(
    workspace: Workspace, history: HistoryService
) -> None:
    member_id = workspace.members.add(member_input())
    workspace.members.update(member_id, member_input())  # only updated_at moves

    assert member_rows(history, member_id) == [("member", "insert")]


def test_withdrawing_and_readmitting_read_as_exit_and_readmission(
    workspace: Workspace, history: HistoryService
) -> None:
    member_id = workspace.members.add(member_input())
    workspace.members.withdraw(member_id, date(2026, 6, 30), "Cessata attività")
    workspace.members.readmit(member_id)

    readmitted, withdrawn, _created = history.rows("member", member_id)
    assert (withdrawn.action, withdrawn.action_label) == ("update", "Uscita dal distretto")
    assert {(c.name, c.before, c.after) for c in withdrawn.changes} == {
        ("left_on", "", "30/06/2026"),
        ("leave_reason", "", "Cessata attività"),
    }
    assert readmitted.action_label == "Riammissione"


def test_deleting_a_member_logs_its_last_values(
    workspace: Workspace, history: HistoryService
) -> None:
    member_id = workspace.members.add(member_input())
    workspace.members.delete(member_id)

    deleted, _created = history.rows("member", member_id)
    assert (deleted.action, deleted.action_label) == ("delete", "Eliminazione")
    assert ("name", "Cooperativa Sociale La Rete", "") in {
        (c.name, c.before, c.after) for c in deleted.changes
    }


def test_a_members_history_includes_its_referents(
    workspace: Workspace, history: HistoryService
) -> None:
    member_id = workspace.members.add(member_input(), referent_input())
    other = workspace.members.add(member_input("GAS Rovereto", tax_code="01234560223"))
    workspace.referents.add_referent(member_id, ReferentKind.SUBSTITUTE, referent_input("Luca"))

    rows = history.rows(member_id=member_id)
    assert [(row.table, row.action, row.record_label) for row in rows] == [
        ("referent", "insert", "Luca Bertolini"),
        ("referent", "insert", "Giulia Bertolini"),
        ("member", "insert", "Cooperativa Sociale La Rete"),
    ]
    assert [row.record_label for row in history.rows(member_id=other)] == ["GAS Rovereto"]
    assert len(history.rows(member_id=member_id, limit=1)) == 1


def test_paused_history_writes_nothing_and_is_switched_back_on(
    workspace: Workspace, history: HistoryService
) -> None:
    logged = history.count()
    with history.paused():
        assert not history.enabled()
        member_id = workspace.members.add(member_input())
        workspace.members.update(member_id, member_input(email="altra@larete.example.it"))
    assert history.count() == logged
    assert history.enabled()

    with pytest.raises(RuntimeError), history.paused():
        raise RuntimeError("interrupted")
    assert history.enabled()
    workspace.members.delete(member_id)
    assert member_rows(history, member_id) == [("member", "delete")]


def test_a_rolled_back_change_leaves_no_history(
    workspace: Workspace, history: HistoryService
) -> None:
    member_id = workspace.members.add(member_input())
    logged = history.count()
    from desdesk.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        workspace.members.add(member_input("Doppione"))  # same codice fiscale
    assert history.count() == logged
    assert member_rows(history, member_id) == [("member", "insert")]


def test_binary_content_is_not_logged(
    workspace: Workspace, history: HistoryService, tmp_path: Path
) -> None:
    file = tmp_path / "statuto.pdf"
    file.write_bytes(b"%PDF-1.4 contenuto dello statuto")
    document_id = workspace.district.add_document(
        FoundingDocumentInput(kind="statuto", title="Statuto", document_date=date(2024, 1, 10)),
        file,
    )

    [row] = history.rows("founding_document", document_id)
    names = {change.name for change in row.changes}
    assert "title" in names and "content" not in names
    [(after,)] = raw_rows(
        workspace, "SELECT after FROM change_log WHERE table_name = 'founding_document'"
    )
    assert "content" not in after and "PDF" not in after


def test_csv_export_reads_back_with_italian_headers(
    workspace: Workspace, history: HistoryService, tmp_path: Path
) -> None:
    member_id = workspace.members.add(member_input())
    workspace.members.update(member_id, member_input(email="nuova@larete.example.it"))
    path = tmp_path / "cronologia.csv"

    lines = history.export_csv(path, history.rows(member_id=member_id))

    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0] == [
        "Data", "Chi", "Utente del sistema", "Tabella", "Record", "Azione", "Campo", "Prima",
        "Dopo",
    ]  # fmt: skip
    assert len(table) == lines + 1
    assert table[1][1:] == [
        "Anna Bianchi", "anna", "Aderente", "Cooperativa Sociale La Rete", "Modifica",
        "E-mail", "info@larete.example.it", "nuova@larete.example.it",
    ]  # fmt: skip
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", table[1][0])
    assert {line[5] for line in table[2:]} == {"Aggiunta"}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_export_is_readable_by_its_owner_only(
    workspace: Workspace, history: HistoryService, tmp_path: Path, suffix: str
) -> None:
    workspace.members.add(member_input())  # the log holds contacts
    path = tmp_path / f"cronologia{suffix}"
    previous = os.umask(0o022)  # the usual umask would make it world-readable
    try:
        history.export_csv(path, history.rows())
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_demo_district_is_written_without_history(tmp_path: Path) -> None:
    from desdesk.services.demo import create_demo

    path = tmp_path / "demo.des"
    create_demo(path, members=8, years=2, seed=3, today=date(2026, 11, 26))

    with sqlite3.connect(path) as conn:
        logged = {r[0] for r in conn.execute("SELECT DISTINCT table_name FROM change_log")}
        members = conn.execute("SELECT count(*) FROM member").fetchone()[0]
        enabled = conn.execute("SELECT enabled FROM audit_actor").fetchone()[0]
    assert members >= 8
    assert logged <= {"district"}  # at most the profile, written before the demo's content
    assert enabled == 1


def test_scrubbing_removes_erased_contacts_from_the_log(
    workspace: Workspace, history: HistoryService
) -> None:
    member_id = workspace.members.add(member_input(), referent_input())
    workspace.members.update(member_id, member_input(email="nuova@larete.example.it"))
    [referent] = history.rows("referent")
    assert referent.record_id is not None

    assert history.scrub("member", [member_id], ["email", "phone"]) == 2
    history.scrub("referent", [referent.record_id], ["email", "phone"])

    logged = " ".join(
        str(value)
        for row in raw_rows(workspace, "SELECT before, after FROM change_log")
        for value in row
    )
    assert "larete.example.it" not in logged and "giulia.bertolini@example.it" not in logged
    assert "Cooperativa Sociale La Rete" in logged  # the name stays: a legal record
    edit = history.rows("member", member_id)[0]
    assert edit.action == "update" and edit.changes == ()  # nothing readable is left of it
