"""Migration 0008: referents gain legal basis, notice date and erasure date; their
change-log triggers log the new columns; a 0007 file keeps its referents."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config

from desdesk.db.engine import make_engine
from desdesk.db.schema import HEAD_REVISION, MIGRATIONS_DIR
from desdesk.services.history import HistoryService
from desdesk.services.workspace import open_workspace
from tests.factories import referent_input
from tests.migrations import district_file_at

_DISTRICT = (
    "INSERT INTO district (uid, name, kind, territory, mission, description, updated_at,"
    " governance, business_plan, seat, comune) VALUES ('0f6c1e4a2b7d4c1e9a551d2e3f4a5b6c',"
    " 'DES Primiero', 'territoriale', 'Primiero', '', '', '2026-01-01 00:00:00', '', '{}',"
    " '', '')"
)
_MEMBER = (
    "INSERT INTO member (id, name, legal_form, nature_override_reason, address, comune,"
    " provincia, cap, email, pec, phone, website, aes_subscriber, disciplinari,"
    " supply_chain_roles, joined_on, leave_reason, notes, created_at, updated_at,"
    " legal_representative) VALUES (1, 'Bottega Equa', 'associazione', '', '', 'Fiera', 'TN',"
    " '', '', '', '', '', 0, '[]', '[]', '2024-01-01', '', '', '2026-01-01 00:00:00',"
    " '2026-01-01 00:00:00', '')"
)
_REFERENT = (
    "INSERT INTO referent (id, member_id, kind, first_name, last_name, email, phone, role,"
    " start_date) VALUES (7, 1, 'titolare', 'Anna', 'Gadotti', 'anna@example.it', '', '',"
    " '2024-01-01')"
)


def _old_file(path: Path) -> None:
    district_file_at(path, "0007_history")
    with sqlite3.connect(path) as conn:
        for statement in (_DISTRICT, _MEMBER, _REFERENT):
            conn.execute(statement)


def test_a_0007_file_keeps_its_referents_and_logs_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "vecchio.des"
    _old_file(path)

    with open_workspace(path) as workspace:
        [kept] = workspace.referents.history(1)
        assert (kept.id, kept.full_name, kept.email) == (7, "Anna Gadotti", "anna@example.it")
        assert (kept.legal_basis, kept.notice_given_on, kept.erased_on) == ("", None, None)
        workspace.referents.correct(
            7,
            referent_input(
                "Anna", "Gadotti", email="anna@example.it", phone="", role="",
                legal_basis="consenso", notice_given_on=date(2026, 2, 1),
            ),
        )  # fmt: skip
        row, inserted = HistoryService(workspace.sessions).rows("referent", 7)
        [read] = workspace.referents.history(1)
    assert inserted.action == "insert" and row.action == "update"
    assert {change.name for change in row.changes} == {"legal_basis", "notice_given_on"}
    assert (read.legal_basis, read.notice_given_on) == ("consenso", date(2026, 2, 1))
    with sqlite3.connect(path) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        triggers = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'referent'"
        ).fetchone()[0]
    assert version == HEAD_REVISION and triggers == 3


def test_downgrade_drops_the_columns_and_keeps_logging_referents(tmp_path: Path) -> None:
    path = tmp_path / "giu.des"
    district_file_at(path, "0008_personal_data")
    with sqlite3.connect(path) as conn:
        for statement in (_DISTRICT, _MEMBER, _REFERENT):
            conn.execute(statement)
    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007_history")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(referent)")}
        conn.execute("UPDATE referent SET phone = '0461 000000' WHERE id = 7")
        logged = conn.execute(
            "SELECT count(*) FROM change_log WHERE table_name = 'referent' AND action = 'update'"
        ).fetchone()[0]
        [name] = conn.execute("SELECT first_name FROM referent WHERE id = 7").fetchone()
    assert not {"legal_basis", "notice_given_on", "erased_on"} & columns
    assert logged == 1 and name == "Anna"
