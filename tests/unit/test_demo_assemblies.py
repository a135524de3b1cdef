"""The demo district has a realistic history of assemblies, roll calls, minutes and tasks."""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from desdesk.services.demo import create_demo

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("demo") / "demo.des"
    create_demo(path, members=80, years=6, seed=3, today=TODAY)
    return sqlite3.connect(path)


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    return conn.execute(sql).fetchall()


def test_an_assembly_at_least_every_six_months_and_the_next_one_planned(
    demo: sqlite3.Connection,
) -> None:
    rows = _rows(demo, "SELECT first_call_date, status FROM assembly ORDER BY first_call_date")
    days = [date.fromisoformat(day) for day, _status in rows]
    assert all((b - a).days <= 183 for a, b in itertools.pairwise(days))
    assert days[-1] > TODAY and rows[-1][1] in ("pianificata", "convocata")
    assert {status for _d, status in rows[:-1]} <= {"svolta", "annullata"}


def test_roll_calls_use_every_status_and_respect_the_proxy_limit(demo: sqlite3.Connection) -> None:
    statuses = Counter(s for (s,) in _rows(demo, "SELECT status FROM attendance"))
    assert set(statuses) == {
        "presente_titolare", "presente_supplente", "delega", "assente_giustificato", "assente",
    }  # fmt: skip
    held = _rows(
        demo,
        "SELECT a.assembly_id, a.proxy_holder_id, h.status, count(*) FROM attendance a"
        " JOIN attendance h ON h.assembly_id = a.assembly_id AND h.member_id = a.proxy_holder_id"
        " WHERE a.status = 'delega' GROUP BY a.assembly_id, a.proxy_holder_id",
    )
    assert held and all(
        status.startswith("presente") and count <= 3 for _a, _h, status, count in held
    )


def test_held_assemblies_have_minutes_approved_at_the_next_one(demo: sqlite3.Connection) -> None:
    rows = _rows(
        demo,
        "SELECT a.first_call_date, m.approved_on FROM assembly a JOIN minutes m"
        " ON m.assembly_id = a.id WHERE a.status = 'svolta' ORDER BY a.first_call_date",
    )
    assert len(rows) >= 10
    assert all(approved is not None and approved > day for day, approved in rows[:-1])
    votes = _rows(
        demo,
        "SELECT votes_for, votes_against, votes_abstained FROM minutes_item"
        " WHERE votes_for IS NOT NULL",
    )
    assert votes and all(min(v) >= 0 for v in votes)


def test_tasks_are_open_done_or_overdue(demo: sqlite3.Connection) -> None:
    tasks = _rows(demo, "SELECT status, due_date, done_on FROM task")
    assert {status for status, _due, _done in tasks} == {"aperto", "fatto"}
    overdue = [t for t in tasks if t[0] == "aperto" and date.fromisoformat(t[1]) < TODAY]
    assert overdue, "some tasks should be overdue, as in a real district"
    assert all(done is not None for status, _due, done in tasks if status == "fatto")


def test_same_seed_same_assemblies(tmp_path: Path) -> None:
    def history(path: Path) -> list[tuple]:  # type: ignore[type-arg]
        create_demo(path, members=30, years=3, seed=9, today=TODAY)
        with sqlite3.connect(path) as conn:
            return _rows(
                conn,
                "SELECT assembly_id, member_id, status, proxy_holder_id FROM attendance ORDER BY id",
            )

    assert history(tmp_path / "a.des") == history(tmp_path / "b.des")
