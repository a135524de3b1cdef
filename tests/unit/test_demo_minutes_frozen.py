"""The demo's approved minutes are frozen like the app's; old ones get frozen when corrected."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from desdesk.services.demo import create_demo
from desdesk.services.workspace import open_workspace


def _demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.des"
    create_demo(path, members=60, years=4, seed=2, today=date(2026, 11, 26))
    return path


def test_every_approved_demo_minutes_has_its_snapshot(tmp_path: Path) -> None:
    with sqlite3.connect(_demo(tmp_path)) as conn:
        rows = conn.execute("SELECT approved_on, snapshot FROM minutes").fetchall()
    approved = [snapshot for approved_on, snapshot in rows if approved_on]
    assert approved and all(s and s != "null" for s in approved)


def test_correcting_minutes_approved_without_snapshot_freezes_them_first(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    with sqlite3.connect(path) as conn:  # as if approved before snapshots existed
        minutes_id, assembly_id = conn.execute(
            "SELECT m.id, m.assembly_id FROM minutes m JOIN minutes_item i ON i.minutes_id = m.id"
            " JOIN task t ON t.minutes_item_id = i.id WHERE m.approved_on IS NOT NULL"
            " ORDER BY m.id DESC LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE minutes SET snapshot = NULL WHERE id = ?", (minutes_id,))
    with open_workspace(path) as workspace:
        workspace.minutes.new_revision(minutes_id, "Nome del segretario sbagliato")
        (approved,) = [m for m in workspace.minutes.revisions(assembly_id) if m.id == minutes_id]
    assert approved.snapshot is not None
    assert approved.snapshot.tasks, "the approved revision still lists the tasks it assigned"
