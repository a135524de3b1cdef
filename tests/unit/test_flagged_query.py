"""The one-query absence flag agrees with the domain's rule, member by member."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desdesk.services.demo import create_demo
from desdesk.services.workspace import open_workspace


def test_flagged_query_matches_the_domain_rule_on_a_demo_history(tmp_path: Path) -> None:
    path = tmp_path / "demo.des"
    create_demo(path, members=150, years=8, seed=5, today=date(2026, 11, 26))
    with open_workspace(path) as workspace:
        by_rule = {row.member_id for row in workspace.attendance.member_records() if row.flagged}
        by_query = workspace.attendance.flagged_member_ids()
    assert by_rule, "the demo has members who drifted away"
    assert by_query == by_rule


def test_flag_follows_membership_dates_like_the_domain_rule(tmp_path: Path) -> None:
    """A withdrawal recorded late, dated inside a run of absences, ends the run for both."""
    path = tmp_path / "demo.des"
    create_demo(path, members=150, years=8, seed=5, today=date(2026, 11, 26))
    with open_workspace(path) as workspace:
        flagged = sorted(workspace.attendance.flagged_member_ids())
        records = {r.member_id: r for r in workspace.attendance.member_records()}
        member_id = flagged[0]
        run_days = sorted(records[member_id].run_dates)
        workspace.members.withdraw(member_id, run_days[0], "Recesso registrato in ritardo")
        by_rule = {row.member_id for row in workspace.attendance.member_records() if row.flagged}
        by_query = workspace.attendance.flagged_member_ids()
    assert by_query == by_rule
