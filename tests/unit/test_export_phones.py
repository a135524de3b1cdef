"""Exported phones never start with `+` (spreadsheets read that as a formula) and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from desdesk.domain.member_columns import format_phone
from desdesk.schemas import MemberEntry
from desdesk.services.members import clean_member
from desdesk.services.referents import clean_referent
from desdesk.services.workspace import Workspace
from tests.factories import member_input, referent_input


@pytest.mark.parametrize(
    ("stored", "exported"),
    [
        ("+39 0461 123456", "0461 123456"),
        ("+39 333 123 4567", "333 123 4567"),
        ("+41 44 668 18 00", "0041 44 668 18 00"),
        ("", ""),
    ],
)
def test_format_phone(stored: str, exported: str) -> None:
    assert format_phone(stored) == exported


def test_csv_export_has_no_leading_plus_and_imports_back(
    workspace: Workspace, tmp_path: Path
) -> None:
    member = clean_member(member_input(phone="0461 123456"))
    referent = clean_referent(referent_input(phone="+41 44 668 18 00"))
    workspace.members.add_many([MemberEntry(member=member, primary=referent)])
    out = tmp_path / "aderenti.csv"
    workspace.member_io.export(out)
    text = out.read_text(encoding="utf-8-sig")
    assert ";0461 123456;" in text and ";0041 44 668 18 00;" in text
    assert ";+" not in text

    workspace.members.delete(workspace.members.list_rows()[0].id)
    plan = workspace.member_io.plan(out)
    assert plan.ok, [str(p) for p in plan.problems]
    workspace.member_io.apply(plan)
    (row,) = workspace.members.list_rows()
    assert row.phone == "+39 0461 123456"
    assert workspace.referents.current(row.id)
    (current,) = workspace.referents.current(row.id).values()
    assert current.phone == "+41 44 668 18 00"
