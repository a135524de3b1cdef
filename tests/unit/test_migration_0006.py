"""A district file of the district-check era (0005) upgrades to the documents schema."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from desdesk.db.schema import HEAD_REVISION
from desdesk.document_schemas import Approval, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.workspace import open_workspace
from tests.migrations import district_file_at


def test_0005_file_gains_the_archive_and_keeps_its_members(tmp_path: Path) -> None:
    path = tmp_path / "vecchio.des"
    district_file_at(path, "0005_check")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO district (uid, name, kind, territory, mission, description, updated_at)"
            " VALUES ('0f6c1e4a-2b7d-4c1e-9a55-1d2e3f4a5b6c', 'DES Primiero', 'territoriale',"
            " 'Primiero', '', '', '2026-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO member (name, legal_form, nature_override_reason, tax_code, address,"
            " comune, provincia, cap, email, pec, phone, website, aes_subscriber, disciplinari,"
            " supply_chain_roles, leave_reason, notes, created_at, updated_at) VALUES"
            " ('GAS Primiero', 'gas', '', '00743110157', '', 'Primiero', 'TN', '', '', '', '',"
            " '', 0, '[]', '[\"consumo\"]', '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )

    with open_workspace(path) as workspace:
        assert [row.name for row in workspace.members.list_rows()] == ["GAS Primiero"]
        approval = Approval("Anna Bianchi", "", date(2026, 11, 26))
        row = workspace.catalog.generate_approved(DocumentRequest(DocumentKind.REGISTER), approval)
        assert row.revision == 1

    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            HEAD_REVISION
        )
        assert conn.execute("SELECT legal_representative FROM member").fetchall() == [("",)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"archived_document", "document_template", "outbox_message", "outbox_attachment"} <= (
        tables
    )
