"""The demo district through the district check: ready to constitute, with the realistic
warnings of a young district (a business plan still incomplete, members without a
substitute, an office about to end, members drifting away) and nothing absurd."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from desdesk.check_schemas import CheckReport
from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS, Finding, Level
from desdesk.i18n import _
from desdesk.services.demo import build_plan, create_demo
from desdesk.services.workspace import open_workspace

TODAY = date(2026, 10, 15)
DEMO = {"members": 60, "years": 5, "seed": 1, "today": TODAY}


def demo_report(path: Path) -> CheckReport:
    create_demo(path, **DEMO)  # type: ignore[arg-type]
    with open_workspace(path) as ws:
        return ws.check.report(today=TODAY)


@pytest.fixture
def report(tmp_path: Path) -> Iterator[CheckReport]:
    yield demo_report(tmp_path / "demo.des")


def of_rule(report: CheckReport, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def levels(report: CheckReport, rule: str) -> set[Level]:
    return {f.level for f in of_rule(report, rule)}


def test_the_demo_is_ready_to_constitute(report: CheckReport) -> None:
    rules = {f.rule for f in report.findings}
    assert rules == {f"C{n}" for n in range(1, 13)} | {f"H{n}" for n in range(1, 11)}
    assert report.ready_to_constitute
    # The Delibera's requirements and what the toolkit calls necessary are all met…
    for rule in ("C1", "C2", "C3", "C5", "C12"):
        assert levels(report, rule) == {Level.OK}, of_rule(report, rule)
    # …and so is what the demo was written to have: mission and measurable objectives,
    # founding documents, governance and this year's assemblies, the whole supply chain,
    # the financial plan.
    for rule in ("C6", "C7", "C8", "C9", "C11"):
        assert levels(report, rule) == {Level.OK}, of_rule(report, rule)


def test_the_business_plan_names_its_missing_sections(report: CheckReport) -> None:
    written = build_plan(**DEMO).profile.business_plan  # type: ignore[arg-type]
    missing = [_(label) for code, label in BUSINESS_PLAN_SECTIONS if code not in written]
    assert 1 <= len(missing) <= 2
    (finding,) = of_rule(report, "C10")
    assert finding.level is Level.WARNING
    assert all(label in finding.message for label in missing)
    present = [_(label) for code, label in BUSINESS_PLAN_SECTIONS if code in written]
    assert not any(label in finding.message for label in present)


def test_members_without_a_substitute_are_a_warning_not_an_error(report: CheckReport) -> None:
    c4 = of_rule(report, "C4")
    assert Level.ERROR not in {f.level for f in c4}
    assert any(f.level is Level.WARNING and "supplente" in f.message.lower() for f in c4)


def test_the_health_of_the_demo_shows_realistic_warnings(report: CheckReport) -> None:
    plan = build_plan(**DEMO)  # type: ignore[arg-type]
    # An office ends within the 90 days' notice, and H7 names its holder.
    notice = TODAY + timedelta(days=report.settings.office_notice_days)
    ending = [t for t in plan.offices if t.end_date and TODAY <= t.end_date <= notice]
    assert ending
    # Only that: leadership terms run their full four years, holders are referents.
    (h7,) = of_rule(report, "H7")
    assert h7.level is Level.WARNING
    assert all(t.person_name in h7.message for t in ending)
    # Some members are drifting away: over or near the absence threshold, or rarely there.
    assert levels(report, "H2") | levels(report, "H3") != {Level.OK}
    # Regular assemblies, mixed members, public money below the warning after start-up.
    for rule in ("H1", "H5", "H9"):
        assert levels(report, rule) == {Level.OK}, of_rule(report, rule)
    warned = {f.rule for f in report.findings if f.level is Level.WARNING}
    assert {"C4", "C10", "H7"} <= warned


def test_growth_actions_are_listed_in_their_year(report: CheckReport) -> None:
    plan = build_plan(**DEMO)  # type: ignore[arg-type]
    assert plan.growth and all(a.day <= TODAY for a in plan.growth)
    years = {a.day.year for a in plan.growth}
    assert len(years) >= 3  # most of the district's years have some
    this_year = [a for a in plan.growth if a.day.year == TODAY.year]
    assert this_year
    (h10,) = of_rule(report, "H10")
    assert h10.level is Level.OK
    assert this_year[0].description in h10.message
    brought_in = [a for a in plan.growth if a.member is not None]
    assert brought_in and all(plan.members[a.member].member.name in a.outcome for a in brought_in)


def test_public_money_is_above_the_warning_in_the_start_up_years_only(tmp_path: Path) -> None:
    path = tmp_path / "demo.des"
    create_demo(path, **DEMO)  # type: ignore[arg-type]
    with open_workspace(path) as ws:
        limit = ws.check.settings().public_share_warning_percent
        shares = {y.year: ws.budget.statement(y.year).public_share for y in ws.budget.years()}
    first = TODAY.year - 5
    assert sorted(shares) == list(range(first, TODAY.year + 1))
    above = sorted(year for year, share in shares.items() if share is not None and share > limit)
    assert above == [first, first + 1]


def test_the_same_demo_gives_the_same_findings(tmp_path: Path, report: CheckReport) -> None:
    again = demo_report(tmp_path / "again.des")
    assert [f.as_json() for f in again.findings] == [f.as_json() for f in report.findings]
