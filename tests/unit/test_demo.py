"""The demo district: deterministic, valid, realistic enough to exercise every section."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import astuple
from datetime import date
from pathlib import Path

import pytest
from stdnum.it import iva

from desdesk.domain import values
from desdesk.domain.enums import Nature, OfficeKind, ReferentKind, SupplyChainRole
from desdesk.domain.errors import DesdeskError, InvalidValue
from desdesk.domain.legal_forms import LEGAL_FORMS, nature_of
from desdesk.schemas import ReferentInput
from desdesk.services.demo import DemoPlan, build_plan, create_demo
from desdesk.services.demo import builder as demo_builder
from desdesk.services.demo.places import TERRITORIES
from desdesk.services.members import clean_member
from desdesk.services.referents import clean_referent
from desdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 3, 15)


def make_demo(path: Path, **options: int) -> Path:
    create_demo(path, today=TODAY, **options)
    return path


def snapshot(path: Path) -> tuple[object, ...]:
    """Members, every referent ever, offices, objectives and documents of a district file."""
    with open_workspace(path) as ws:
        return (
            ws.district.profile(),
            [tuple(row) for row in ws.members.list_rows()],
            [astuple(r) for r in ws.referents.list_all(include_past=True)],
            [astuple(o) for o in ws.offices.terms()],
            [o.data for o in ws.district.objectives()],
            [astuple(d) for d in ws.district.documents()],
        )


def all_referents(plan: DemoPlan) -> list[ReferentInput]:
    referents = [r.referent for r in plan.replacements]
    for entry in plan.members:
        referents += [r for r in (entry.primary, entry.substitute) if r is not None]
    return referents


# -- determinism -------------------------------------------------------------------


def test_same_seed_gives_the_same_district(tmp_path: Path) -> None:
    first = snapshot(make_demo(tmp_path / "a.des", seed=7))
    second = snapshot(make_demo(tmp_path / "b.des", seed=7))
    assert first == second


def test_another_seed_gives_another_district(tmp_path: Path) -> None:
    first = snapshot(make_demo(tmp_path / "a.des", seed=1))
    second = snapshot(make_demo(tmp_path / "b.des", seed=2))
    assert first[1] != second[1]
    assert first[2] != second[2]


def test_the_anchor_date_is_the_only_clock() -> None:
    assert build_plan(today=TODAY) == build_plan(today=TODAY)
    assert build_plan(today=TODAY).members != build_plan(today=date(2026, 3, 16)).members


# -- valid data ----------------------------------------------------------------------


def test_codici_fiscali_and_partite_iva_are_valid_and_unique() -> None:
    plan = build_plan(members=1000, today=TODAY)
    codes = [e.member.tax_code for e in plan.members]
    vats = [e.member.vat_number for e in plan.members if e.member.vat_number]
    assert all(iva.is_valid(code) for code in codes + vats)
    assert all(values.normalize_tax_code(code) == code for code in codes)
    assert all(values.normalize_vat_number(vat) == vat for vat in vats)
    assert len(set(codes)) == len(codes)
    assert vats, "some members also have a partita IVA"


def test_members_pass_validation_unchanged() -> None:
    """Phones, e-mails, PEC, CAP, provincia, website, lists: already in stored form."""
    plan = build_plan(members=600, seed=3, today=TODAY)
    for entry in plan.members:
        assert clean_member(entry.member) == entry.member
        assert entry.member.provincia == "TN"
    assert any(e.member.phone for e in plan.members)
    assert any(e.member.pec for e in plan.members)


def test_referents_pass_validation_unchanged_with_fictional_addresses() -> None:
    plan = build_plan(members=600, seed=4, today=TODAY)
    referents = all_referents(plan)
    for referent in referents:
        assert clean_referent(referent) == referent
        assert referent.email.endswith(".example.it")
    for entry in plan.members:
        assert entry.member.email.endswith(".example.it")
    assert sum(1 for r in referents if r.phone) > len(referents) / 2


def test_places_are_real_comuni_of_trentino_with_their_cap() -> None:
    plan = build_plan(members=300, today=TODAY)
    caps = {(c.name, c.cap) for t in TERRITORIES for c in t.comuni}
    caps |= {("Trento", cap) for cap in ("38121", "38122", "38123")}
    caps |= {("Aldeno", "38060"), ("Lavis", "38015"), ("Pergine Valsugana", "38057")}
    for entry in plan.members:
        assert (entry.member.comune, entry.member.cap) in caps
        assert entry.member.cap.startswith("380") or entry.member.cap.startswith("381")


# -- a realistic mix ----------------------------------------------------------------------


@pytest.mark.parametrize("members", [3, 60, 250])
def test_every_nature_and_every_supply_chain_stage(members: int) -> None:
    plan = build_plan(members=members, today=TODAY)
    natures = {nature_of(e.member.legal_form) for e in plan.members}
    roles = {role for e in plan.members for role in e.member.supply_chain_roles}
    assert natures == set(Nature)
    assert roles == {role.value for role in SupplyChainRole}
    assert any(e.member.aes_subscriber for e in plan.members)


def test_mostly_private_members_with_many_legal_forms() -> None:
    plan = build_plan(today=TODAY)
    natures = Counter(nature_of(e.member.legal_form) for e in plan.members)
    assert natures[Nature.PUBLIC] <= len(plan.members) * 0.2
    assert len({e.member.legal_form for e in plan.members}) >= 12
    for entry in plan.members:
        member = entry.member
        assert member.aes_subscriber == bool(member.disciplinari)
        assert 0 <= len(member.disciplinari) <= 3


def test_a_large_district_uses_all_25_legal_forms() -> None:
    plan = build_plan(members=5000, today=TODAY)
    assert {e.member.legal_form for e in plan.members} == {f.code for f in LEGAL_FORMS}
    names = [e.member.name for e in plan.members]
    assert len(set(names)) == len(names)


def test_some_members_left_with_a_date_and_a_reason() -> None:
    plan = build_plan(today=TODAY)
    former = [e for e in plan.members if e.left_on is not None]
    assert 3 <= len(former) <= 6  # 5-10% of 60
    for entry in former:
        assert entry.member.joined_on is not None and entry.left_on is not None
        assert entry.member.joined_on < entry.left_on < TODAY
        assert entry.leave_reason


def test_join_dates_spread_over_the_years() -> None:
    plan = build_plan(years=4, today=TODAY)
    joined = [e.member.joined_on for e in plan.members if e.member.joined_on]
    assert len(joined) == len(plan.members)
    assert min(joined) == date(2022, 3, 15)
    assert max(joined) <= TODAY
    assert len({day.year for day in joined}) >= 4


def test_profile_objectives_and_documents() -> None:
    plan = build_plan(years=5, seed=11, today=TODAY)
    profile = plan.profile
    assert profile.name == f"DES {profile.territory}"
    assert profile.territory in {t.name for t in TERRITORIES}
    assert profile.founding_date == date(2021, 3, 15)
    assert profile.mission and profile.description
    assert 3 <= len(plan.objectives) <= 5
    for objective in plan.objectives:
        assert objective.target_value and objective.target_unit and objective.deadline
    assert 2 <= len(plan.documents) <= 3
    assert {d.data.kind for d in plan.documents} >= {"accordo", "carta_dei_principi"}


# -- the written file -----------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(make_demo(tmp_path / "demo.des")) as workspace:
        yield workspace


def test_every_member_has_a_primary_referent_most_a_substitute(demo: Workspace) -> None:
    rows = demo.members.list_rows()
    assert len(rows) == 60
    assert all(row.primary_referent for row in rows)
    assert sum(1 for row in rows if row.substitute) >= len(rows) * 0.6


def test_replaced_referents_are_kept_as_history(demo: Workspace) -> None:
    referents = demo.referents.list_all(include_past=True)
    past = [r for r in referents if r.end_date is not None]
    assert past, "some referents were replaced over the years"
    for old in past:
        history = demo.referents.history(old.member_id)
        successors = [r for r in history if r.kind == old.kind and r.start_date == old.end_date]
        assert len(successors) == 1
    current = Counter((r.member_id, r.kind) for r in referents if r.end_date is None)
    assert set(current.values()) == {1}


def test_offices_have_a_history_and_current_holders_are_referents(demo: Workspace) -> None:
    terms = demo.offices.terms()
    for kind in (OfficeKind.COORDINATOR, OfficeKind.EXTERNAL_REFERENT):
        assert len([t for t in terms if t.kind == kind.value]) >= 2
    for kind in (OfficeKind.TREASURER, OfficeKind.SECRETARY, OfficeKind.COMMUNICATION):
        assert any(t.kind == kind.value for t in terms)
    current_people = {
        (r.member_id, r.full_name) for r in demo.referents.list_all() if r.member_active
    }
    for kind in (OfficeKind.COORDINATOR, OfficeKind.EXTERNAL_REFERENT, OfficeKind.TREASURER):
        holders = demo.offices.current_holders(kind, on=TODAY)
        assert len(holders) == 1
        assert (holders[0].member_id, holders[0].person_name) in current_people


def test_documents_carry_their_file(demo: Workspace) -> None:
    name = demo.district.profile().name
    for document in demo.district.documents():
        filename, content = demo.district.document_content(document.id)
        assert filename.endswith(".md") and document.size == len(content)
        assert name in content.decode("utf-8")
    assert len(demo.district.objectives()) >= 3


def test_five_thousand_members(tmp_path: Path) -> None:
    path = make_demo(tmp_path / "big.des", members=5000)
    with open_workspace(path) as ws:
        assert ws.members.count() == 5000
        assert len(ws.referents.list_all()) > 5000


# -- refusals -------------------------------------------------------------------------------


def test_an_existing_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "exists.des"
    path.write_bytes(b"not mine")
    with pytest.raises(DesdeskError, match="esiste già"):
        create_demo(path)
    assert path.read_bytes() == b"not mine"


@pytest.mark.parametrize(("members", "years"), [(0, 5), (60, 0), (-3, 2)])
def test_sizes_below_one_are_refused(tmp_path: Path, members: int, years: int) -> None:
    with pytest.raises(InvalidValue):
        create_demo(tmp_path / "x.des", members=members, years=years)
    assert not (tmp_path / "x.des").exists()


def test_a_failure_while_writing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_builder, "write_plan", broken)
    with pytest.raises(RuntimeError):
        create_demo(tmp_path / "x.des")
    assert list(tmp_path.glob("x.des*")) == []


def test_referent_kinds_are_the_domain_ones() -> None:
    plan = build_plan(today=TODAY)
    assert {r.kind for r in plan.replacements} <= set(ReferentKind)
