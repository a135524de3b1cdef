"""Rules on office terms and referent dates, and the light lists the dialogs read.

Real district files: the `workspace` fixture and, for the list equivalence, a small demo.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.models import Member, Referent
from desdesk.domain.enums import OfficeKind, ReferentKind
from desdesk.domain.errors import Conflict, NotFound, ValidationFailed
from desdesk.schemas import OfficeInput, ReferentRead
from desdesk.services.demo.builder import create_demo
from desdesk.services.workspace import Workspace, open_workspace
from tests.factories import VALID_ORG_CODES, member_input, referent_input

PRIMARY, SUBSTITUTE = ReferentKind.PRIMARY, ReferentKind.SUBSTITUTE
COORDINATOR, TREASURER = OfficeKind.COORDINATOR, OfficeKind.TREASURER
SINGLE_HOLDER_KINDS = [
    OfficeKind.COORDINATOR,
    OfficeKind.EXTERNAL_REFERENT,
    OfficeKind.TREASURER,
    OfficeKind.SECRETARY,
]
TODAY = date.today()


def office(kind: OfficeKind, person: str, start: date, end: date | None = None) -> OfficeInput:
    return OfficeInput(kind=kind.value, person_name=person, start_date=start, end_date=end)


def holders(ws: Workspace, kind: OfficeKind, on: date = TODAY) -> list[str]:
    return [h.person_name for h in ws.offices.current_holders(kind, on)]


def spans(ws: Workspace, kind: OfficeKind) -> list[tuple[str, date, date | None]]:
    """Every term of `kind`, oldest first."""
    terms = [t for t in ws.offices.terms() if t.kind == kind.value]
    return sorted((t.person_name, t.start_date, t.end_date) for t in terms)


def add_member(ws: Workspace, name: str, index: int, **overrides: object) -> int:
    return ws.members.add(member_input(name, tax_code=VALID_ORG_CODES[index], **overrides))


# -- offices: a second holder from the same day --------------------------------------------


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (OfficeKind.COORDINATOR, "coordinatore"),
        (OfficeKind.EXTERNAL_REFERENT, "referente esterno"),
        (OfficeKind.TREASURER, "tesoriere"),
        (OfficeKind.SECRETARY, "segretario"),
    ],
)
def test_a_second_holder_from_the_same_day_is_refused(
    workspace: Workspace, kind: OfficeKind, label: str
) -> None:
    workspace.offices.assign(office(kind, "Anna Rossi", date(2024, 1, 1)))
    with pytest.raises(ValidationFailed) as exc:
        workspace.offices.assign(office(kind, "Bruno Zeni", date(2024, 1, 1)))
    assert exc.value.for_field("start_date") == (
        f"C'è già un {label} dal 01/01/2024: correggi quel mandato invece di aggiungerne un altro."
    )
    assert spans(workspace, kind) == [("Anna Rossi", date(2024, 1, 1), None)]
    assert holders(workspace, kind) == ["Anna Rossi"]


def test_the_same_day_refusal_speaks_english_too(workspace: Workspace) -> None:
    from desdesk.i18n import set_language

    workspace.offices.assign(office(COORDINATOR, "Anna Rossi", date(2024, 1, 1)))
    set_language("en")
    with pytest.raises(ValidationFailed) as exc:
        workspace.offices.assign(office(COORDINATOR, "Bruno Zeni", date(2024, 1, 1)))
    assert exc.value.for_field("start_date") == (
        "There is already a coordinator from 01/01/2024: "
        "correct that term instead of adding another one."
    )


def test_several_holders_from_the_same_day_are_fine_for_other_offices(
    workspace: Workspace,
) -> None:
    workspace.offices.assign(office(OfficeKind.COMMUNICATION, "Sara Tomasi", date(2024, 1, 1)))
    workspace.offices.assign(office(OfficeKind.COMMUNICATION, "Marco Pilati", date(2024, 1, 1)))
    assert len(holders(workspace, OfficeKind.COMMUNICATION)) == 2


def test_coordinator_and_external_referent_at_once_by_the_same_person(
    workspace: Workspace,
) -> None:
    offices = workspace.offices
    offices.assign(office(COORDINATOR, "Anna Rossi", date(2024, 1, 1)))
    offices.assign(office(OfficeKind.EXTERNAL_REFERENT, "Anna Rossi", date(2024, 1, 1)))
    offices.assign(office(OfficeKind.EXTERNAL_REFERENT, "Anna Rossi", date(2025, 1, 1)))
    assert holders(workspace, COORDINATOR) == ["Anna Rossi"]
    assert holders(workspace, OfficeKind.EXTERNAL_REFERENT) == ["Anna Rossi"]
    assert spans(workspace, COORDINATOR) == [("Anna Rossi", date(2024, 1, 1), None)]
    assert spans(workspace, OfficeKind.EXTERNAL_REFERENT) == [
        ("Anna Rossi", date(2024, 1, 1), date(2024, 12, 31)),
        ("Anna Rossi", date(2025, 1, 1), None),
    ]


# -- offices: historical terms --------------------------------------------------------------


def test_a_historical_term_does_not_end_the_sitting_holder(workspace: Workspace) -> None:
    workspace.offices.assign(office(TREASURER, "Carla Fedrizzi", date(2022, 1, 1)))
    workspace.offices.assign(
        office(TREASURER, "Dario Bonetti", date(2019, 1, 1), date(2021, 12, 31))
    )
    assert spans(workspace, TREASURER) == [
        ("Carla Fedrizzi", date(2022, 1, 1), None),
        ("Dario Bonetti", date(2019, 1, 1), date(2021, 12, 31)),
    ]
    assert holders(workspace, TREASURER) == ["Carla Fedrizzi"]


def test_a_historical_term_inside_the_sitting_term_is_refused_untouched(
    workspace: Workspace,
) -> None:
    workspace.offices.assign(office(TREASURER, "Carla Fedrizzi", date(2018, 3, 1)))
    with pytest.raises(ValidationFailed) as exc:
        workspace.offices.assign(
            office(TREASURER, "Dario Bonetti", date(2019, 1, 1), date(2021, 12, 31))
        )
    message = exc.value.for_field("start_date") or ""
    assert "Carla Fedrizzi" in message and "01/03/2018" in message
    assert spans(workspace, TREASURER) == [("Carla Fedrizzi", date(2018, 3, 1), None)]


def test_a_historical_term_overlapping_an_ended_term_is_refused(workspace: Workspace) -> None:
    workspace.offices.assign(
        office(COORDINATOR, "Ex Coordinatore", date(2016, 1, 1), date(2019, 6, 30))
    )
    workspace.offices.assign(office(COORDINATOR, "Anna Rossi", date(2022, 1, 1)))
    with pytest.raises(ValidationFailed) as exc:
        workspace.offices.assign(
            office(COORDINATOR, "Dario Bonetti", date(2019, 1, 1), date(2021, 12, 31))
        )
    message = exc.value.for_field("start_date") or ""
    assert "Ex Coordinatore" in message
    assert "01/01/2016" in message and "30/06/2019" in message
    assert len(spans(workspace, COORDINATOR)) == 2
    # The day after the old term ended, it fits.
    workspace.offices.assign(
        office(COORDINATOR, "Dario Bonetti", date(2019, 7, 1), date(2021, 12, 31))
    )
    assert holders(workspace, COORDINATOR) == ["Anna Rossi"]


def test_a_term_running_past_today_still_replaces_the_sitting_holder(
    workspace: Workspace,
) -> None:
    start = TODAY - timedelta(days=30)
    workspace.offices.assign(office(TREASURER, "Carla Fedrizzi", date(2020, 1, 1)))
    workspace.offices.assign(office(TREASURER, "Dario Bonetti", start, TODAY + timedelta(days=365)))
    assert spans(workspace, TREASURER) == [
        ("Carla Fedrizzi", date(2020, 1, 1), start - timedelta(days=1)),
        ("Dario Bonetti", start, TODAY + timedelta(days=365)),
    ]
    assert holders(workspace, TREASURER) == ["Dario Bonetti"]


def test_a_term_ending_today_counts_as_running(workspace: Workspace) -> None:
    workspace.offices.assign(office(TREASURER, "Carla Fedrizzi", date(2020, 1, 1)))
    workspace.offices.assign(office(TREASURER, "Dario Bonetti", date(2024, 1, 1), TODAY))
    assert spans(workspace, TREASURER)[0] == (
        "Carla Fedrizzi",
        date(2020, 1, 1),
        date(2023, 12, 31),
    )


def test_a_running_term_starting_before_the_sitting_one_is_refused(workspace: Workspace) -> None:
    workspace.offices.assign(office(COORDINATOR, "Anna Rossi", date(2024, 1, 1)))
    with pytest.raises(ValidationFailed) as exc:
        workspace.offices.assign(office(COORDINATOR, "Bruno Zeni", date(2023, 1, 1)))
    assert "Anna Rossi" in (exc.value.for_field("end_date") or "")
    assert holders(workspace, COORDINATOR) == ["Anna Rossi"]


def test_a_running_term_does_not_cut_an_ended_term_it_overlaps(workspace: Workspace) -> None:
    workspace.offices.assign(
        office(COORDINATOR, "Anna Rossi", date(2020, 1, 1), date(2022, 12, 31))
    )
    with pytest.raises(ValidationFailed) as exc:
        workspace.offices.assign(office(COORDINATOR, "Bruno Zeni", date(2022, 6, 1)))
    message = exc.value.for_field("start_date") or ""
    assert "Anna Rossi" in message and "31/12/2022" in message
    assert spans(workspace, COORDINATOR) == [("Anna Rossi", date(2020, 1, 1), date(2022, 12, 31))]


# -- offices: corrections -------------------------------------------------------------------


def test_update_refuses_to_make_two_terms_overlap(workspace: Workspace) -> None:
    offices = workspace.offices
    anna = offices.assign(office(COORDINATOR, "Anna Rossi", date(2020, 1, 1), date(2021, 12, 31)))
    bruno = offices.assign(office(COORDINATOR, "Bruno Zeni", date(2022, 1, 1)))
    with pytest.raises(ValidationFailed) as exc:
        offices.update(anna, office(COORDINATOR, "Anna Rossi", date(2020, 1, 1), date(2022, 6, 30)))
    assert "Bruno Zeni" in (exc.value.for_field("end_date") or "")
    with pytest.raises(ValidationFailed) as exc:
        offices.update(bruno, office(COORDINATOR, "Bruno Zeni", date(2021, 6, 1)))
    assert "Anna Rossi" in (exc.value.for_field("start_date") or "")
    with pytest.raises(ValidationFailed):
        offices.update(anna, office(COORDINATOR, "Anna Rossi", date(2020, 1, 1)))
    assert spans(workspace, COORDINATOR) == [
        ("Anna Rossi", date(2020, 1, 1), date(2021, 12, 31)),
        ("Bruno Zeni", date(2022, 1, 1), None),
    ]
    # Corrections that keep the terms apart, and a term that meets itself, are fine.
    offices.update(
        anna, office(COORDINATOR, "Anna Rossi Zeni", date(2019, 1, 1), date(2021, 12, 31))
    )
    offices.update(bruno, office(COORDINATOR, "Bruno Zeni", date(2022, 1, 1), date(2030, 1, 1)))
    assert spans(workspace, COORDINATOR) == [
        ("Anna Rossi Zeni", date(2019, 1, 1), date(2021, 12, 31)),
        ("Bruno Zeni", date(2022, 1, 1), date(2030, 1, 1)),
    ]


def test_update_of_other_offices_may_overlap(workspace: Workspace) -> None:
    offices = workspace.offices
    offices.assign(office(OfficeKind.COMMUNICATION, "Sara Tomasi", date(2020, 1, 1)))
    marco = offices.assign(office(OfficeKind.COMMUNICATION, "Marco Pilati", date(2022, 1, 1)))
    offices.update(marco, office(OfficeKind.COMMUNICATION, "Marco Pilati", date(2019, 1, 1)))
    assert len(holders(workspace, OfficeKind.COMMUNICATION)) == 2


def test_update_to_a_single_holder_kind_checks_that_kind(workspace: Workspace) -> None:
    offices = workspace.offices
    offices.assign(office(TREASURER, "Carla Fedrizzi", date(2020, 1, 1)))
    term = offices.assign(office(OfficeKind.COMMUNICATION, "Sara Tomasi", date(2021, 1, 1)))
    with pytest.raises(ValidationFailed):
        offices.update(term, office(TREASURER, "Sara Tomasi", date(2021, 1, 1)))
    assert holders(workspace, TREASURER) == ["Carla Fedrizzi"]


# -- referents: dates -----------------------------------------------------------------------


def test_end_before_the_referent_start_is_refused(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", 0)
    refs = workspace.referents
    refs.set_referent(member_id, SUBSTITUTE, referent_input(), since=date(2024, 6, 1))
    with pytest.raises(ValidationFailed) as exc:
        refs.end(member_id, SUBSTITUTE, date(2024, 5, 31))
    assert [p.field for p in exc.value.problems] == ["end_date"]
    assert "precedente all'inizio" in (exc.value.for_field("end_date") or "")
    assert refs.current(member_id)[SUBSTITUTE].end_date is None
    refs.end(member_id, SUBSTITUTE, date(2024, 6, 1))
    assert refs.current(member_id) == {}


def test_correct_refuses_a_start_after_the_end(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", 0)
    refs = workspace.referents
    old = refs.set_referent(member_id, PRIMARY, referent_input(), since=date(2024, 1, 1))
    refs.set_referent(member_id, PRIMARY, referent_input("Luca", "Dalpiaz"), since=date(2025, 1, 1))
    with pytest.raises(ValidationFailed) as exc:
        refs.correct(old, referent_input(start_date=date(2025, 2, 1)))
    assert [p.field for p in exc.value.problems] == ["start_date"]
    assert "01/01/2025" in (exc.value.for_field("start_date") or "")
    ended = next(r for r in refs.history(member_id) if r.id == old)
    assert (ended.start_date, ended.end_date) == (date(2024, 1, 1), date(2025, 1, 1))
    refs.correct(old, referent_input(start_date=date(2025, 1, 1)))
    ended = next(r for r in refs.history(member_id) if r.id == old)
    assert ended.start_date == date(2025, 1, 1)


# -- referents: adding where one exists -----------------------------------------------------


def test_add_referent_creates_the_first_one(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", 0)
    refs = workspace.referents
    primary = refs.add_referent(
        member_id,
        PRIMARY,
        referent_input(" Giulia ", "Bertolini", email="", start_date=date(2024, 3, 1)),
    )
    substitute = refs.add_referent(member_id, SUBSTITUTE, referent_input("Sara", "Tomasi"))
    current = refs.current(member_id)
    assert (current[PRIMARY].id, current[PRIMARY].full_name) == (primary, "Giulia Bertolini")
    assert current[PRIMARY].start_date == date(2024, 3, 1)
    assert (current[SUBSTITUTE].id, current[SUBSTITUTE].start_date) == (substitute, TODAY)


def test_add_referent_refuses_when_there_is_one_already(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Cooperativa La Rete", 0)
    refs = workspace.referents
    refs.set_referent(member_id, PRIMARY, referent_input(), since=date(2024, 1, 1))
    refs.set_referent(member_id, SUBSTITUTE, referent_input("Sara", "Tomasi"))
    with pytest.raises(Conflict) as exc:
        refs.add_referent(member_id, PRIMARY, referent_input("Luca", "Dalpiaz"))
    assert exc.value.message == (
        "Cooperativa La Rete ha già un referente titolare: usa “Sostituisci” per cambiarlo."
    )
    with pytest.raises(Conflict) as exc:
        refs.add_referent(member_id, SUBSTITUTE, referent_input("Luca", "Dalpiaz"))
    assert exc.value.message == (
        "Cooperativa La Rete ha già un supplente: usa “Sostituisci” per cambiarlo."
    )
    assert [r.full_name for r in refs.history(member_id)] in (
        ["Giulia Bertolini", "Sara Tomasi"],
        ["Sara Tomasi", "Giulia Bertolini"],
    )
    assert all(r.end_date is None for r in refs.history(member_id))


def test_add_referent_after_the_previous_one_ended(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", 0)
    refs = workspace.referents
    refs.add_referent(member_id, SUBSTITUTE, referent_input(start_date=date(2023, 1, 1)))
    refs.end(member_id, SUBSTITUTE, date(2024, 1, 1))
    refs.add_referent(member_id, SUBSTITUTE, referent_input("Sara", "Tomasi"))
    assert refs.current(member_id)[SUBSTITUTE].full_name == "Sara Tomasi"
    assert len(refs.history(member_id)) == 2


def test_add_referent_validates_and_needs_a_member(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", 0)
    with pytest.raises(ValidationFailed) as exc:
        workspace.referents.add_referent(member_id, PRIMARY, referent_input("", "", email="x@"))
    assert [p.field for p in exc.value.problems] == ["first_name", "last_name", "email"]
    with pytest.raises(NotFound):
        workspace.referents.add_referent(999, PRIMARY, referent_input())
    assert workspace.referents.history(member_id) == []


# -- the referent list read as plain rows ---------------------------------------------------


def _orm_referents(ws: Workspace) -> list[ReferentRead]:
    """The list as the ORM gave it before: the reference the fast query must match."""
    query = (
        select(Referent, Member)
        .join(Member, Member.id == Referent.member_id)
        .order_by(Member.name, Referent.kind, Referent.end_date, Referent.id)
    )
    with Session(ws.file.engine) as session:
        return sorted(
            [
                ReferentRead(
                    id=r.id or 0,
                    member_id=r.member_id,
                    member_name=m.name,
                    kind=r.kind,
                    first_name=r.first_name,
                    last_name=r.last_name,
                    email=r.email,
                    phone=r.phone,
                    role=r.role,
                    start_date=r.start_date,
                    end_date=r.end_date,
                    member_active=m.left_on is None,
                    legal_basis=r.legal_basis,
                    notice_given_on=r.notice_given_on,
                    erased_on=r.erased_on,
                )
                for r, m in session.execute(query)
            ],
            key=_sort_key,
        )


def _sort_key(r: ReferentRead) -> tuple[str, bool, bool, int, int]:
    """Member name, titolare before supplente, current first, then most recently ended."""
    ended = -(r.end_date.toordinal()) if r.end_date else 0
    return (r.member_name, r.kind == "supplente", r.end_date is not None, ended, r.id)


def test_list_all_matches_the_records_on_a_demo_district(tmp_path: Path) -> None:
    path = tmp_path / "demo.des"
    create_demo(path, members=60, years=8, seed=3)
    with open_workspace(path) as ws:
        expected = _orm_referents(ws)
        everyone = ws.referents.list_all(include_past=True)
        assert any(r.end_date for r in everyone) and any(not r.member_active for r in everyone)
        # Same rows, in the promised order (member name, titolare first, current first,
        # then the most recently ended).
        assert [_sort_key(r)[:4] for r in everyone] == sorted(_sort_key(r)[:4] for r in everyone)
        assert sorted(everyone, key=_sort_key) == expected
        current = ws.referents.list_all()
        assert sorted(current, key=_sort_key) == [r for r in expected if r.end_date is None]
        active = ws.referents.list_all(active_members_only=True)
        assert active == [r for r in current if r.member_active]
        assert ws.referents.list_all(include_past=True, active_members_only=True) == [
            r for r in everyone if r.member_active
        ]
        member_id = everyone[0].member_id
        assert sorted(ws.referents.history(member_id), key=_sort_key) == [
            r for r in expected if r.member_id == member_id
        ]


def test_list_all_of_active_members_only(workspace: Workspace) -> None:
    rete = add_member(workspace, "Cooperativa La Rete", 0)
    gas = add_member(workspace, "Associazione GAS", 1, legal_form="gas")
    refs = workspace.referents
    refs.set_referent(rete, PRIMARY, referent_input("Giulia", "Vecchia"), since=date(2024, 1, 1))
    refs.set_referent(rete, PRIMARY, referent_input("Luca", "Nuovo"), since=date(2025, 1, 1))
    refs.set_referent(rete, SUBSTITUTE, referent_input("Sara", "Tomasi"), since=date(2024, 1, 1))
    refs.set_referent(gas, PRIMARY, referent_input("Marco", "Pilati"), since=date(2024, 1, 1))
    workspace.members.withdraw(gas, date(2025, 6, 1), "Uscita")

    active = refs.list_all(active_members_only=True)
    assert [(r.last_name, r.kind) for r in active] == [
        ("Nuovo", "titolare"),
        ("Tomasi", "supplente"),
    ]
    assert all(r.member_active for r in active)
    with_past = refs.list_all(include_past=True, active_members_only=True)
    assert [r.last_name for r in with_past] == ["Nuovo", "Vecchia", "Tomasi"]
    assert with_past[1].start_date == date(2024, 1, 1)
    assert with_past[1].end_date == date(2025, 1, 1)
    assert [r.last_name for r in refs.list_all()] == ["Pilati", "Nuovo", "Tomasi"]


# -- choices for the dialogs ----------------------------------------------------------------


def test_current_people_are_current_referents_of_active_members(workspace: Workspace) -> None:
    rete = add_member(workspace, "Cooperativa La Rete", 0)
    bio = add_member(workspace, "Bio Valle", 2, legal_form="azienda_agricola")
    gas = add_member(workspace, "Associazione GAS", 1, legal_form="gas")
    refs = workspace.referents
    refs.set_referent(rete, PRIMARY, referent_input("Zeno", "Vecchio"), since=date(2024, 1, 1))
    refs.set_referent(rete, PRIMARY, referent_input("Luca", "Nuovo"), since=date(2025, 1, 1))
    refs.set_referent(rete, SUBSTITUTE, referent_input("Anna", "Rossi"), since=date(2024, 1, 1))
    refs.set_referent(bio, PRIMARY, referent_input("Anna", "Rossi"), since=date(2024, 1, 1))
    refs.set_referent(gas, PRIMARY, referent_input("Marco", "Pilati"), since=date(2024, 1, 1))
    workspace.members.withdraw(gas, date(2025, 6, 1), "Uscita")

    # Anna Rossi represents two members: listed once, with the first member by name.
    assert refs.current_people() == [("Anna Rossi", bio), ("Luca Nuovo", rete)]


def test_current_people_of_an_empty_district(workspace: Workspace) -> None:
    assert workspace.referents.current_people() == []


def test_member_names_for_the_choices(workspace: Workspace) -> None:
    rete = add_member(workspace, "Cooperativa La Rete", 0)
    gas = add_member(workspace, "Associazione GAS", 1, legal_form="gas")
    bio = add_member(workspace, "Bio Valle", 2, legal_form="azienda_agricola")
    workspace.members.withdraw(gas, date(2025, 6, 1), "Uscita")
    assert workspace.members.names() == [
        (bio, "Bio Valle", True),
        (rete, "Cooperativa La Rete", True),
    ]
    assert workspace.members.names(include_former=True) == [
        (gas, "Associazione GAS", False),
        (bio, "Bio Valle", True),
        (rete, "Cooperativa La Rete", True),
    ]
    workspace.members.readmit(gas)
    assert [active for _id, _name, active in workspace.members.names()] == [True, True, True]
