"""The read-models behind the pictures of the district, against a real district file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desdesk.domain.enums import OfficeKind, SupplyChainRole
from desdesk.money_schemas import FinancialYearInput
from desdesk.services.check_pictures import CheckPicturesService, TermState
from desdesk.services.workspace import Workspace
from tests.check_pictures_district import TODAY, A, D, J, P, S, build
from tests.roll_call_setup import set_rules


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, int]:
    return build(workspace)


@pytest.fixture
def service(workspace: Workspace) -> CheckPicturesService:
    return CheckPicturesService(workspace)


def test_heterogeneity_counts_active_members_only(
    service: CheckPicturesService, ids: dict[str, int]
) -> None:
    mix = service.heterogeneity(TODAY)
    assert mix.members == 4
    assert [(c.label, c.count) for c in mix.by_nature] == [
        ("Pubblico", 1),
        ("Privato profit", 1),
        ("Privato non profit", 2),
    ]
    assert [c.count for c in mix.by_legal_form] == [2, 1, 1]
    assert mix.by_legal_form[0].label.startswith("Cooperativa sociale")


def test_coverage_finds_the_empty_stage(service: CheckPicturesService, ids: dict[str, int]) -> None:
    coverage = service.coverage(TODAY)
    assert [r.name for r in coverage.rows] == [
        "Comune di Mori",
        "Cooperativa Alfa",
        "Cooperativa Beta",
        "Maso Pilati",
    ]
    counts = {stage: coverage.count(stage) for stage in SupplyChainRole}
    assert counts == {
        SupplyChainRole.FINANCING: 0,  # only the member that left financed
        SupplyChainRole.PRODUCTION: 3,
        SupplyChainRole.DISTRIBUTION: 0,
        SupplyChainRole.CONSUMPTION: 2,
    }
    assert coverage.empty_stages == (SupplyChainRole.FINANCING, SupplyChainRole.DISTRIBUTION)


def test_participation_grid_of_the_last_twelve_months(
    service: CheckPicturesService, ids: dict[str, int]
) -> None:
    grid = service.participation(TODAY)
    assert [a.title for a in grid.assemblies] == ["Prima", "Seconda", "Terza"]
    names = [m.name for m in grid.members]
    assert names == [
        "Comune di Mori",
        "Cooperativa Alfa",
        "Cooperativa Beta",
        "Maso Pilati",
        "Zeta Uscita",
    ]
    a1, a2, a3 = ids["a1"], ids["a2"], ids["a3"]
    assert [grid.status(ids["alfa"], a) for a in (a1, a2, a3)] == [P, S, D]
    assert [grid.status(ids["beta"], a) for a in (a1, a2, a3)] == [J, None, P]
    assert grid.entitled(ids["beta"], a2)  # entitled, nothing recorded
    assert grid.entitled(ids["gone"], a1) and not grid.entitled(ids["gone"], a2)
    assert grid.status(ids["gone"], a1) == A
    flagged = {m.name for m in grid.members if m.flagged}
    assert flagged == {"Comune di Mori"}  # two absences in a row, threshold 2
    assert grid.exclusion_threshold == 2


def test_public_share_of_the_year(
    workspace: Workspace, service: CheckPicturesService, ids: dict[str, int]
) -> None:
    share = service.public_share(TODAY)
    assert (share.year, share.income_total, share.public_income) == (
        2026,
        Decimal("4000.00"),
        Decimal("3000.00"),
    )
    assert share.share == Decimal("75.0") and share.threshold == 70 and share.over_threshold
    set_rules(workspace, public_share_warning_percent=80)
    assert not service.public_share(TODAY).over_threshold


def test_public_share_without_income(workspace: Workspace, service: CheckPicturesService) -> None:
    empty = service.public_share(TODAY)
    assert (empty.year, empty.share, empty.over_threshold) == (None, None, False)
    workspace.budget.open_year(FinancialYearInput(2026))
    opened = service.public_share(TODAY)
    assert (opened.year, opened.income_total, opened.share) == (2026, Decimal("0.00"), None)


def test_offices_timeline_states(service: CheckPicturesService, ids: dict[str, int]) -> None:
    timeline = service.offices(TODAY)
    assert (timeline.start, timeline.end) == (date(2022, 1, 1), date(2028, 12, 31))
    people = [(t.kind, t.person) for t in timeline.terms]  # the 2010-2015 term is out
    assert people == [
        (OfficeKind.COORDINATOR, "Mario Rossi"),
        (OfficeKind.COORDINATOR, "Anna Zeni"),
        (OfficeKind.TREASURER, "Luca Pilati"),
    ]
    states = [timeline.state(t) for t in timeline.terms]
    assert states == [TermState.ENDED, TermState.EXPIRING, TermState.CURRENT]
