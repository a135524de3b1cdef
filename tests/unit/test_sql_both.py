"""db/sql.py: hand-written SQL and its values alike on a district file and on a server
(the same tests run under `make test` and `make test-postgres`)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desdesk.db.sql import as_bool, as_date, format_placeholders, required_date, run
from desdesk.services.workspace import Workspace
from tests.factories import member_input


def test_placeholders_and_percent_signs_outside_and_inside_quotes() -> None:
    sql = "SELECT 'a?b%' AS x, name FROM member WHERE name LIKE ? AND id % 2 = ?"
    assert format_placeholders(sql) == (
        "SELECT 'a?b%%' AS x, name FROM member WHERE name LIKE %s AND id %% 2 = %s"
    )


def test_parameters_percent_signs_dates_and_booleans_read_back_alike(
    workspace: Workspace,
) -> None:
    workspace.members.add(member_input("Bottega Equa", joined_on=date(2024, 3, 15)))
    with workspace.file.engine.connect() as connection:
        rows = run(
            connection,
            "SELECT name, joined_on, left_on IS NULL, '100%' FROM member"
            " WHERE name LIKE ? AND joined_on BETWEEN ? AND ?",
            ("Bottega%", "2024-01-01", "2024-12-31"),
        ).all()
        without_parameters = run(connection, "SELECT '50%' FROM member").all()
    [(name, joined, active, literal)] = rows
    assert (name, as_date(joined), as_bool(active), literal) == (
        "Bottega Equa",
        date(2024, 3, 15),
        True,
        "100%",
    )
    assert without_parameters == [("50%",)]


def test_value_readers() -> None:
    assert as_date("2026-11-26") == as_date(date(2026, 11, 26)) == date(2026, 11, 26)
    assert as_date(datetime(2026, 11, 26, 9, 30)) == date(2026, 11, 26)
    assert as_date(None) is None and as_date("") is None
    assert required_date("2026-11-26") == date(2026, 11, 26)
    with pytest.raises(ValueError):
        required_date(None)
    assert as_bool(1) is True and as_bool(0) is False and as_bool(True) is True
