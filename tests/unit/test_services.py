"""The core services on a real district file: members, referents, offices, district."""

from __future__ import annotations

import errno
import hashlib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from desdesk.db.models import Referent
from desdesk.domain.enums import OfficeKind, ReferentKind
from desdesk.domain.errors import Conflict, NotFound, ValidationFailed
from desdesk.schemas import (
    DistrictProfile,
    FoundingDocumentInput,
    MemberEntry,
    ObjectiveInput,
    OfficeInput,
)
from desdesk.services.district import MAX_DOCUMENT_BYTES
from desdesk.services.members import clean_member
from desdesk.services.workspace import Workspace
from tests.factories import (
    UNUSUAL_OFFICE_VAT,
    VALID_ORG_CODES,
    VALID_PERSON_CODE,
    member_input,
    referent_input,
)
from tests.raw_sql import raw_execute, raw_rows

PRIMARY, SUBSTITUTE = ReferentKind.PRIMARY, ReferentKind.SUBSTITUTE


def raw(ws: Workspace, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows read with plain SQL, beside the services: what is really stored."""
    return raw_rows(ws, sql, *params)


def add_member(ws: Workspace, name: str, code: str, **overrides: object) -> int:
    return ws.members.add(member_input(name, tax_code=code, **overrides))


# members: add and update


def test_add_normalises_every_field(workspace: Workspace) -> None:
    member_id = workspace.members.add(
        member_input(
            "  Cooperativa La Rete  ",
            tax_code=f"it {VALID_ORG_CODES[0][:5]} {VALID_ORG_CODES[0][5:]}",
            vat_number=f"IT{VALID_ORG_CODES[0]}",
            email="Giulia.Zeni@LaRete.EXAMPLE.it",
            phone="0464 123456",
            provincia="tn",
            cap=" 38068 ",
            disciplinari=[13, 3, 3],
            supply_chain_roles=["produzione", "consumo", "produzione"],
            nature_override="privato_non_profit",  # the legal form's own nature
            nature_override_reason="ignored",
        )
    )
    data = workspace.members.get(member_id).data
    assert data.name == "Cooperativa La Rete"
    assert data.tax_code == VALID_ORG_CODES[0]
    assert data.vat_number == VALID_ORG_CODES[0]
    assert data.email == "Giulia.Zeni@larete.example.it"
    assert data.phone == "+39 0464 123456"
    assert (data.provincia, data.cap) == ("TN", "38068")
    assert data.disciplinari == [3, 13]
    assert data.supply_chain_roles == ["consumo", "produzione"]
    assert (data.nature_override, data.nature_override_reason) == (None, "")
    assert raw(workspace, "SELECT tax_code, phone FROM member") == [
        (VALID_ORG_CODES[0], "+39 0464 123456")
    ]


def test_add_refuses_every_bad_field_at_once_and_writes_nothing(workspace: Workspace) -> None:
    bad = member_input(
        "",
        legal_form="cooperativa",
        tax_code="RSSMRA85T10A562T",
        email="info@",
        phone="12",
        cap="380",
        disciplinari=[14],
        nature_override="privato_non_profit",
    )
    with pytest.raises(ValidationFailed) as exc:
        workspace.members.add(bad)
    fields = {p.field for p in exc.value.problems}
    assert fields == {
        "name",
        "tax_code",
        "email",
        "phone",
        "cap",
        "disciplinari",
        "nature_override_reason",
    }
    tax_code_problem = exc.value.for_field("tax_code")
    assert tax_code_problem is not None
    assert "RSSMRA85T10A562T" in tax_code_problem
    assert workspace.members.count() == 0


def test_member_with_nature_override_and_reason_keeps_both(workspace: Workspace) -> None:
    member_id = workspace.members.add(
        member_input(
            legal_form="cooperativa",
            nature_override="privato_non_profit",
            nature_override_reason=" Statuto senza scopo di lucro ",
        )
    )
    detail = workspace.members.get(member_id)
    assert detail.nature == "privato_non_profit"
    assert detail.data.nature_override_reason == "Statuto senza scopo di lucro"
    assert workspace.members.list_rows()[0].nature == "privato_non_profit"


def test_person_code_and_unusual_vat_are_accepted(workspace: Workspace) -> None:
    member_id = workspace.members.add(
        member_input(
            "Azienda agricola Mario Rossi",
            legal_form="azienda_agricola",
            tax_code=VALID_PERSON_CODE.lower(),
            vat_number=UNUSUAL_OFFICE_VAT,
        )
    )
    data = workspace.members.get(member_id).data
    assert (data.tax_code, data.vat_number) == (VALID_PERSON_CODE, UNUSUAL_OFFICE_VAT)


def test_members_without_tax_code_are_not_duplicates(workspace: Workspace) -> None:
    add_member(workspace, "Uno", "")
    add_member(workspace, "Due", "")
    assert raw(workspace, "SELECT count(*) FROM member WHERE tax_code IS NULL") == [(2,)]


def test_duplicate_tax_code_is_refused_naming_the_holder(workspace: Workspace) -> None:
    add_member(workspace, "Cooperativa La Rete", VALID_ORG_CODES[0])
    with pytest.raises(ValidationFailed) as exc:
        add_member(workspace, "GAS Rovereto", f"IT {VALID_ORG_CODES[0]}")
    message = exc.value.for_field("tax_code")
    assert message is not None
    assert "già di “Cooperativa La Rete”" in message
    assert VALID_ORG_CODES[0] in message
    assert workspace.members.count() == 1


def test_update_normalises_and_refuses_a_duplicate(workspace: Workspace) -> None:
    first = add_member(workspace, "Cooperativa La Rete", VALID_ORG_CODES[0])
    second = add_member(workspace, "GAS Rovereto", VALID_ORG_CODES[1], legal_form="gas")
    # Saving a member with its own code is not a duplicate.
    workspace.members.update(
        second, member_input("GAS Rovereto e Isera", legal_form="gas", tax_code=VALID_ORG_CODES[1])
    )
    assert workspace.members.get(second).data.name == "GAS Rovereto e Isera"
    with pytest.raises(ValidationFailed) as exc:
        workspace.members.update(
            second, member_input("GAS", legal_form="gas", tax_code=VALID_ORG_CODES[0].lower())
        )
    assert "già di “Cooperativa La Rete”" in (exc.value.for_field("tax_code") or "")
    assert workspace.members.get(second).data.tax_code == VALID_ORG_CODES[1]
    assert workspace.members.get(first).data.name == "Cooperativa La Rete"


def test_update_validates(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    with pytest.raises(ValidationFailed) as exc:
        workspace.members.update(member_id, member_input("Coop", email="not an address"))
    assert [p.field for p in exc.value.problems] == ["email"]
    assert workspace.members.get(member_id).data.email == "info@larete.example.it"


def test_missing_member_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFound):
        workspace.members.get(999)
    with pytest.raises(NotFound):
        workspace.members.update(999, member_input())
    with pytest.raises(NotFound):
        workspace.members.withdraw(999, date(2025, 1, 1), "motivo")


# members: withdraw, readmit, delete


def test_withdraw_needs_a_reason(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    with pytest.raises(ValidationFailed) as exc:
        workspace.members.withdraw(member_id, date(2025, 6, 30), "  ")
    assert [p.field for p in exc.value.problems] == ["leave_reason"]
    assert "motivo" in exc.value.problems[0].message
    assert workspace.members.get(member_id).left_on is None


def test_withdraw_date_not_before_joining(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0], joined_on=date(2024, 3, 15))
    with pytest.raises(ValidationFailed) as exc:
        workspace.members.withdraw(member_id, date(2024, 3, 14), "Chiusura")
    assert [p.field for p in exc.value.problems] == ["left_on"]
    assert "precedente alla data di adesione" in exc.value.problems[0].message
    workspace.members.withdraw(member_id, date(2024, 3, 15), "  Chiusura dell'attività ")
    detail = workspace.members.get(member_id)
    assert (detail.left_on, detail.leave_reason) == (date(2024, 3, 15), "Chiusura dell'attività")


def test_withdrawn_member_stays_as_former_and_can_be_readmitted(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    workspace.members.withdraw(member_id, date(2025, 12, 31), "Trasferimento")
    (row,) = workspace.members.list_rows()
    assert not row.active
    assert (row.left_on, row.leave_reason) == (date(2025, 12, 31), "Trasferimento")
    workspace.members.readmit(member_id)
    (row,) = workspace.members.list_rows()
    assert row.active
    assert (row.left_on, row.leave_reason) == (None, "")


def test_delete_removes_the_member_and_its_referents(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    other = add_member(workspace, "GAS", VALID_ORG_CODES[1], legal_form="gas")
    workspace.referents.set_referent(member_id, PRIMARY, referent_input(), since=date(2024, 1, 1))
    workspace.referents.set_referent(
        member_id, PRIMARY, referent_input("Luca", "Dalpiaz"), since=date(2025, 1, 1)
    )
    workspace.referents.set_referent(other, PRIMARY, referent_input("Sara", "Tomasi"))
    workspace.members.delete(member_id)
    with pytest.raises(NotFound):
        workspace.members.get(member_id)
    assert raw(workspace, "SELECT member_id, last_name FROM referent") == [(other, "Tomasi")]
    with pytest.raises(NotFound):
        workspace.members.delete(member_id)


# members: the register's rows


def test_list_rows_has_current_referents_and_leave_data(workspace: Workspace) -> None:
    rete = add_member(workspace, "Cooperativa La Rete", VALID_ORG_CODES[0])
    gas = add_member(workspace, "Associazione GAS", VALID_ORG_CODES[1], legal_form="gas")
    bare = add_member(
        workspace, "Banca Etica Filiale", VALID_ORG_CODES[2], legal_form="cooperativa"
    )
    refs = workspace.referents
    refs.set_referent(rete, PRIMARY, referent_input("Giulia", "Bertolini"), since=date(2024, 1, 1))
    refs.set_referent(rete, PRIMARY, referent_input("Luca", "Dalpiaz"), since=date(2025, 1, 1))
    refs.set_referent(rete, SUBSTITUTE, referent_input("Sara", "Tomasi"), since=date(2024, 1, 1))
    refs.set_referent(gas, SUBSTITUTE, referent_input("Marco", "Pilati"), since=date(2024, 1, 1))
    workspace.members.withdraw(gas, date(2025, 5, 1), "Scioglimento")

    rows = {row.id: row for row in workspace.members.list_rows()}
    assert [row.name for row in workspace.members.list_rows()] == [
        "Associazione GAS",
        "Banca Etica Filiale",
        "Cooperativa La Rete",
    ]
    assert (rows[rete].primary_referent, rows[rete].substitute) == ("Luca Dalpiaz", "Sara Tomasi")
    assert (rows[gas].primary_referent, rows[gas].substitute) == ("", "Marco Pilati")
    assert (rows[bare].primary_referent, rows[bare].substitute) == ("", "")
    assert (rows[gas].left_on, rows[gas].leave_reason, rows[gas].active) == (
        date(2025, 5, 1),
        "Scioglimento",
        False,
    )
    assert rows[rete].active
    assert rows[rete].nature == "privato_non_profit"
    assert rows[bare].nature == "privato_profit"
    assert rows[rete].disciplinari == (3, 13)


# members: add_many


def test_add_many_with_a_duplicate_in_the_middle_writes_nothing(workspace: Workspace) -> None:
    add_member(workspace, "Già socia", VALID_ORG_CODES[2])
    entries = [
        MemberEntry(
            member=clean_member(member_input(f"Nuova {n}", tax_code=code)),
            primary=referent_input("Anna", f"Rossi{n}"),
        )
        for n, code in enumerate((VALID_ORG_CODES[0], VALID_ORG_CODES[2], VALID_ORG_CODES[1]))
    ]
    with pytest.raises(Conflict) as exc:
        workspace.members.add_many(entries)
    assert "già di “Già socia”" in exc.value.message
    assert raw(workspace, "SELECT name FROM member") == [("Già socia",)]
    assert raw(workspace, "SELECT count(*) FROM referent") == [(0,)]


def test_add_many_with_a_duplicate_inside_the_batch_writes_nothing(workspace: Workspace) -> None:
    entries = [
        MemberEntry(member=clean_member(member_input(name, tax_code=code)))
        for name, code in (
            ("Prima", VALID_ORG_CODES[0]),
            ("Seconda", VALID_ORG_CODES[1]),
            ("Terza", VALID_ORG_CODES[0]),
        )
    ]
    with pytest.raises(Conflict) as exc:
        workspace.members.add_many(entries)
    assert "già di “Prima”" in exc.value.message
    assert workspace.members.count() == 0


def test_add_many_writes_members_referents_and_leave_data(workspace: Workspace) -> None:
    entries = [
        MemberEntry(
            member=clean_member(member_input(f"Aderente {n}", tax_code=code)),
            primary=referent_input("Anna", f"Rossi{n}"),
            substitute=referent_input("Marco", f"Pilati{n}") if n % 2 else None,
            left_on=date(2025, 1, 1) if n == 4 else None,
            leave_reason="Chiusura" if n == 4 else "",
        )
        for n, code in enumerate(VALID_ORG_CODES)
    ]
    ids = workspace.members.add_many(entries)
    assert len(ids) == 5
    rows = {row.id: row for row in workspace.members.list_rows()}
    assert [rows[i].name for i in ids] == [f"Aderente {n}" for n in range(5)]
    assert rows[ids[1]].substitute == "Marco Pilati1"
    assert rows[ids[0]].substitute == ""
    assert (rows[ids[4]].left_on, rows[ids[4]].leave_reason) == (date(2025, 1, 1), "Chiusura")
    assert raw(workspace, "SELECT count(*) FROM referent") == [(7,)]


# referents


def test_set_referent_normalises_and_starts_a_term(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    workspace.referents.set_referent(
        member_id,
        PRIMARY,
        referent_input(" Giulia ", "Bertolini ", email="G.B@EXAMPLE.IT", phone="3471234567"),
        since=date(2024, 3, 15),
    )
    current = workspace.referents.current(member_id)[PRIMARY]
    assert current.full_name == "Giulia Bertolini"
    assert (current.email, current.phone) == ("G.B@example.it", "+39 347 123 4567")
    assert (current.start_date, current.end_date) == (date(2024, 3, 15), None)
    assert current.member_name == "Coop"


def test_set_referent_validates_and_needs_a_member(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    with pytest.raises(ValidationFailed) as exc:
        workspace.referents.set_referent(
            member_id, PRIMARY, referent_input("", "", email="x@", phone="abc")
        )
    assert [p.field for p in exc.value.problems] == ["first_name", "last_name", "email", "phone"]
    with pytest.raises(NotFound):
        workspace.referents.set_referent(999, PRIMARY, referent_input())
    assert workspace.referents.history(member_id) == []


def test_replacing_a_referent_keeps_the_old_one_ended_on_the_new_start(
    workspace: Workspace,
) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    refs = workspace.referents
    old_id = refs.set_referent(member_id, PRIMARY, referent_input(), since=date(2024, 1, 10))
    new_id = refs.set_referent(
        member_id, PRIMARY, referent_input("Luca", "Dalpiaz"), since=date(2025, 2, 1)
    )
    history = refs.history(member_id)
    assert [(r.id, r.start_date, r.end_date) for r in history] == [
        (new_id, date(2025, 2, 1), None),
        (old_id, date(2024, 1, 10), date(2025, 2, 1)),
    ]
    assert refs.current(member_id)[PRIMARY].id == new_id


def test_replacement_dated_before_the_current_start_is_refused(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    refs = workspace.referents
    refs.set_referent(member_id, PRIMARY, referent_input(), since=date(2024, 6, 1))
    with pytest.raises(ValidationFailed) as exc:
        refs.set_referent(
            member_id, PRIMARY, referent_input("Luca", "Dalpiaz"), since=date(2024, 5, 31)
        )
    assert "precedente all'inizio del referente attuale" in (
        exc.value.for_field("start_date") or ""
    )
    (only,) = refs.history(member_id)
    assert (only.full_name, only.end_date) == ("Giulia Bertolini", None)


def test_start_date_of_the_input_is_used_when_since_is_not_given(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    workspace.referents.set_referent(
        member_id, SUBSTITUTE, referent_input(start_date=date(2023, 9, 1))
    )
    assert workspace.referents.current(member_id)[SUBSTITUTE].start_date == date(2023, 9, 1)
    other = add_member(workspace, "GAS", VALID_ORG_CODES[1], legal_form="gas")
    workspace.referents.set_referent(other, SUBSTITUTE, referent_input())
    assert workspace.referents.current(other)[SUBSTITUTE].start_date == date.today()


def test_primary_and_substitute_are_separate_roles(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    refs = workspace.referents
    refs.set_referent(member_id, PRIMARY, referent_input(), since=date(2024, 1, 1))
    refs.set_referent(
        member_id, SUBSTITUTE, referent_input("Sara", "Tomasi"), since=date(2024, 2, 1)
    )
    current = refs.current(member_id)
    assert current[PRIMARY].full_name == "Giulia Bertolini"
    assert current[SUBSTITUTE].full_name == "Sara Tomasi"
    assert all(r.end_date is None for r in refs.history(member_id))


def test_correct_changes_data_without_a_new_term(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    refs = workspace.referents
    referent_id = refs.set_referent(member_id, PRIMARY, referent_input(), since=date(2024, 1, 1))
    refs.correct(
        referent_id,
        referent_input("Giulia", "Bertolini Zeni", email="giulia@Example.it", phone=""),
    )
    (only,) = refs.history(member_id)
    assert (only.id, only.last_name, only.email, only.phone) == (
        referent_id,
        "Bertolini Zeni",
        "giulia@example.it",
        "",
    )
    assert (only.start_date, only.end_date) == (date(2024, 1, 1), None)
    with pytest.raises(ValidationFailed):
        refs.correct(referent_id, referent_input(email="nope"))
    with pytest.raises(NotFound):
        refs.correct(999, referent_input())


def test_end_closes_the_current_referent(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    refs = workspace.referents
    refs.set_referent(member_id, SUBSTITUTE, referent_input(), since=date(2024, 1, 1))
    refs.end(member_id, SUBSTITUTE, date(2025, 3, 31))
    assert SUBSTITUTE not in refs.current(member_id)
    (only,) = refs.history(member_id)
    assert only.end_date == date(2025, 3, 31)
    with pytest.raises(NotFound):
        refs.end(member_id, SUBSTITUTE, date(2025, 4, 1))


def test_history_is_current_first_then_newest_ended_first(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    refs = workspace.referents
    for year, last in ((2020, "Primo"), (2021, "Secondo"), (2023, "Terzo"), (2025, "Quarto")):
        refs.set_referent(member_id, PRIMARY, referent_input("Anna", last), since=date(year, 1, 1))
    refs.set_referent(member_id, SUBSTITUTE, referent_input("Sara", "Supplente"))
    names = [r.last_name for r in refs.history(member_id)]
    assert set(names[:2]) == {"Quarto", "Supplente"}
    assert names[2:] == ["Terzo", "Secondo", "Primo"]


def test_list_all_current_or_with_past(workspace: Workspace) -> None:
    rete = add_member(workspace, "Cooperativa La Rete", VALID_ORG_CODES[0])
    gas = add_member(workspace, "Associazione GAS", VALID_ORG_CODES[1], legal_form="gas")
    refs = workspace.referents
    refs.set_referent(rete, PRIMARY, referent_input("Giulia", "Vecchia"), since=date(2024, 1, 1))
    refs.set_referent(rete, PRIMARY, referent_input("Luca", "Nuovo"), since=date(2025, 1, 1))
    refs.set_referent(gas, PRIMARY, referent_input("Marco", "Pilati"), since=date(2024, 1, 1))
    workspace.members.withdraw(gas, date(2025, 6, 1), "Uscita")

    current = refs.list_all()
    assert [(r.member_name, r.last_name) for r in current] == [
        ("Associazione GAS", "Pilati"),
        ("Cooperativa La Rete", "Nuovo"),
    ]
    assert [r.member_active for r in current] == [False, True]
    everyone = refs.list_all(include_past=True)
    assert sorted(r.last_name for r in everyone) == ["Nuovo", "Pilati", "Vecchia"]
    assert refs.list_all(include_past=False) == current


def test_the_database_forbids_two_current_primaries_for_one_member(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    workspace.referents.set_referent(member_id, PRIMARY, referent_input())
    with Session(workspace.file.engine) as session:
        session.add(
            Referent(member_id=member_id, kind="titolare", first_name="Due", last_name="Titolari")
        )
        with pytest.raises(IntegrityError):
            session.commit()
    # Plain SQL is refused too, and ended terms are not limited.
    insert = (
        "INSERT INTO referent (member_id, kind, first_name, last_name, email, phone, role, "
        "end_date) VALUES (?, 'titolare', 'X', 'Y', '', '', '', ?)"
    )
    with pytest.raises(IntegrityError):
        raw_execute(workspace, insert, member_id, None)
    raw_execute(workspace, insert, member_id, "2020-01-01")
    raw_execute(workspace, insert, member_id, "2021-01-01")
    assert len(workspace.referents.history(member_id)) == 3


def test_the_database_refuses_a_referent_of_no_member(workspace: Workspace) -> None:
    with Session(workspace.file.engine) as session:
        session.add(Referent(member_id=999, kind="titolare", first_name="A", last_name="B"))
        with pytest.raises(IntegrityError):
            session.commit()


# offices


def office(kind: OfficeKind, person: str, start: date, **options: object) -> OfficeInput:
    return OfficeInput(kind=kind.value, person_name=person, start_date=start, **options)  # type: ignore[arg-type]


def test_assigning_a_single_holder_office_ends_the_previous_term_the_day_before(
    workspace: Workspace,
) -> None:
    offices = workspace.offices
    first = offices.assign(office(OfficeKind.COORDINATOR, "Anna Rossi", date(2024, 1, 1)))
    second = offices.assign(office(OfficeKind.COORDINATOR, "Luca Dalpiaz", date(2025, 3, 1)))
    terms = {t.id: t for t in offices.terms()}
    assert terms[first].end_date == date(2025, 2, 28)
    assert terms[second].end_date is None
    on = date(2025, 6, 1)
    assert [h.person_name for h in offices.current_holders(OfficeKind.COORDINATOR, on)] == [
        "Luca Dalpiaz"
    ]
    assert [
        h.person_name for h in offices.current_holders(OfficeKind.COORDINATOR, date(2024, 6, 1))
    ] == ["Anna Rossi"]


@pytest.mark.parametrize(
    "kind",
    [
        OfficeKind.COORDINATOR,
        OfficeKind.EXTERNAL_REFERENT,
        OfficeKind.TREASURER,
        OfficeKind.SECRETARY,
    ],
)
def test_each_single_holder_office_has_one_holder(workspace: Workspace, kind: OfficeKind) -> None:
    workspace.offices.assign(office(kind, "Anna Rossi", date(2024, 1, 1)))
    workspace.offices.assign(office(kind, "Luca Dalpiaz", date(2025, 1, 1)))
    holders = workspace.offices.current_holders(kind, date(2025, 1, 2))
    assert [h.person_name for h in holders] == ["Luca Dalpiaz"]


def test_coordinator_and_external_referent_may_be_one_person(workspace: Workspace) -> None:
    offices = workspace.offices
    offices.assign(office(OfficeKind.COORDINATOR, "Anna Rossi", date(2024, 1, 1)))
    offices.assign(office(OfficeKind.EXTERNAL_REFERENT, "Anna Rossi", date(2024, 1, 1)))
    on = date(2024, 6, 1)
    assert [h.person_name for h in offices.current_holders(OfficeKind.COORDINATOR, on)] == [
        "Anna Rossi"
    ]
    assert [h.person_name for h in offices.current_holders(OfficeKind.EXTERNAL_REFERENT, on)] == [
        "Anna Rossi"
    ]


def test_other_offices_may_have_several_holders_and_need_a_title(workspace: Workspace) -> None:
    offices = workspace.offices
    offices.assign(office(OfficeKind.COMMUNICATION, "Sara Tomasi", date(2024, 1, 1)))
    offices.assign(office(OfficeKind.COMMUNICATION, "Marco Pilati", date(2024, 6, 1)))
    on = date(2024, 7, 1)
    assert len(offices.current_holders(OfficeKind.COMMUNICATION, on)) == 2
    with pytest.raises(ValidationFailed) as exc:
        offices.assign(office(OfficeKind.OTHER, "Sara Tomasi", date(2024, 1, 1), title="  "))
    assert "Altra carica" in (exc.value.for_field("title") or "")
    offices.assign(
        office(OfficeKind.OTHER, "Sara Tomasi", date(2024, 1, 1), title=" Garante della privacy ")
    )
    (other,) = offices.current_holders(OfficeKind.OTHER, on)
    assert other.title == "Garante della privacy"


def test_office_validation(workspace: Workspace) -> None:
    offices = workspace.offices
    with pytest.raises(ValidationFailed) as exc:
        offices.assign(
            office(OfficeKind.TREASURER, " ", date(2024, 5, 1), end_date=date(2024, 4, 30))
        )
    assert {p.field for p in exc.value.problems} == {"person_name", "end_date"}
    assert "precedente all'inizio" in (exc.value.for_field("end_date") or "")
    with pytest.raises(ValidationFailed) as exc:
        offices.assign(OfficeInput(kind="presidente", person_name="X", start_date=date(2024, 1, 1)))
    assert exc.value.for_field("kind") == "Scegli la carica."
    with pytest.raises(ValidationFailed) as exc:
        offices.assign(office(OfficeKind.TREASURER, "X", date(2024, 1, 1), member_id=999))
    assert [p.field for p in exc.value.problems] == ["member_id"]
    assert offices.terms() == []


def test_end_term_not_before_start(workspace: Workspace) -> None:
    offices = workspace.offices
    term = offices.assign(office(OfficeKind.TREASURER, "Anna Rossi", date(2024, 5, 1)))
    with pytest.raises(ValidationFailed):
        offices.end_term(term, date(2024, 4, 30))
    offices.end_term(term, date(2024, 12, 31))
    (only,) = offices.terms()
    assert only.end_date == date(2024, 12, 31)


def test_terms_without_past_and_in_kind_order(workspace: Workspace) -> None:
    offices = workspace.offices
    today = date.today()
    offices.assign(office(OfficeKind.TREASURER, "Ex Tesoriere", date(2020, 1, 1)))
    offices.assign(office(OfficeKind.TREASURER, "Tesoriera", today - timedelta(days=10)))
    offices.assign(office(OfficeKind.COORDINATOR, "Coordinatrice", date(2022, 1, 1)))
    offices.assign(
        office(OfficeKind.COMMUNICATION, "Ultimo giorno", date(2023, 1, 1), end_date=today)
    )
    assert [t.person_name for t in offices.terms()] == [
        "Coordinatrice",
        "Tesoriera",
        "Ex Tesoriere",
        "Ultimo giorno",
    ]
    assert [t.person_name for t in offices.terms(include_past=False)] == [
        "Coordinatrice",
        "Tesoriera",
        "Ultimo giorno",
    ]
    tomorrow = today + timedelta(days=1)
    assert [t.person_name for t in offices.terms(include_past=False, on=tomorrow)] == [
        "Coordinatrice",
        "Tesoriera",
    ]


def test_a_term_that_starts_later_is_not_a_current_holder(workspace: Workspace) -> None:
    workspace.offices.assign(office(OfficeKind.SECRETARY, "Futura", date(2030, 1, 1)))
    assert workspace.offices.current_holders(OfficeKind.SECRETARY, date(2029, 12, 31)) == []
    assert len(workspace.offices.current_holders(OfficeKind.SECRETARY, date(2030, 1, 1))) == 1


def test_deleting_a_member_keeps_its_offices_without_the_member(workspace: Workspace) -> None:
    member_id = add_member(workspace, "Coop", VALID_ORG_CODES[0])
    term = workspace.offices.assign(
        office(OfficeKind.COORDINATOR, "Anna Rossi", date(2024, 1, 1), member_id=member_id)
    )
    (before,) = workspace.offices.terms()
    assert (before.member_id, before.member_name) == (member_id, "Coop")
    workspace.members.delete(member_id)
    (after,) = workspace.offices.terms()
    assert (after.id, after.person_name, after.member_id, after.member_name) == (
        term,
        "Anna Rossi",
        None,
        "",
    )
    assert raw(workspace, "SELECT member_id FROM office") == [(None,)]


def test_update_and_delete_an_office(workspace: Workspace) -> None:
    offices = workspace.offices
    term = offices.assign(office(OfficeKind.SECRETARY, "Ana Rosi", date(2024, 1, 1)))
    offices.update(term, office(OfficeKind.SECRETARY, "Anna Rossi", date(2024, 1, 2)))
    (only,) = offices.terms()
    assert (only.person_name, only.start_date) == ("Anna Rossi", date(2024, 1, 2))
    offices.delete(term)
    assert offices.terms() == []
    with pytest.raises(NotFound):
        offices.delete(term)


# district: profile


def test_profile_is_what_was_created(workspace: Workspace) -> None:
    profile = workspace.district.profile()
    assert (profile.name, profile.kind, profile.territory, profile.sector) == (
        "DES Vallagarina",
        "territoriale",
        "Vallagarina",
        None,
    )


def test_update_profile_keeps_only_what_the_kind_needs(workspace: Workspace) -> None:
    district = workspace.district
    district.update_profile(
        DistrictProfile(
            name="  DES Software Libero ",
            kind="tematico",
            territory="Vallagarina",
            sector=11,
            founding_date=date(2025, 9, 20),
            mission="  Software libero per tutti ",
        )
    )
    profile = district.profile()
    assert (profile.name, profile.kind, profile.territory, profile.sector) == (
        "DES Software Libero",
        "tematico",
        None,
        11,
    )
    assert (profile.founding_date, profile.mission) == (
        date(2025, 9, 20),
        "Software libero per tutti",
    )
    district.update_profile(
        DistrictProfile(name="DES Fiemme", kind="territoriale", territory="Val di Fiemme", sector=3)
    )
    profile = district.profile()
    assert (profile.territory, profile.sector) == ("Val di Fiemme", None)


@pytest.mark.parametrize(
    ("profile", "field", "words"),
    [
        (
            DistrictProfile(name="DES", kind="territoriale", territory="  "),
            "territory",
            "territorio",
        ),
        (DistrictProfile(name="DES", kind="tematico"), "sector", "1–13"),
        (DistrictProfile(name="DES", kind="tematico", sector=0), "sector", "settore"),
        (DistrictProfile(name="DES", kind="tematico", sector=14), "sector", "settore"),
        (DistrictProfile(name=" ", kind="tematico", sector=1), "name", "obbligatorio"),
        (DistrictProfile(name="DES", kind="regionale"), "kind", "territoriale o tematico"),
    ],
)
def test_update_profile_refuses(
    workspace: Workspace, profile: DistrictProfile, field: str, words: str
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        workspace.district.update_profile(profile)
    assert words in (exc.value.for_field(field) or "")
    assert workspace.district.profile().name == "DES Vallagarina"


# district: objectives


def test_objectives_crud_with_an_exact_decimal_target(workspace: Workspace) -> None:
    district = workspace.district
    objective_id = district.add_objective(
        ObjectiveInput(
            title="  Raccolta fondi ",
            target_value=Decimal("1234.50"),
            target_unit=" € ",
            deadline=date(2026, 12, 31),
            status="in_corso",
        )
    )
    (read,) = district.objectives()
    assert read.id == objective_id
    assert read.data.title == "Raccolta fondi"
    assert read.data.target_unit == "€"
    assert read.data.target_value == Decimal("1234.50")
    assert str(read.data.target_value) == "1234.50"
    assert raw(workspace, "SELECT target_value FROM objective") == [("1234.50",)]

    district.update_objective(
        objective_id,
        ObjectiveInput(
            title="Raccolta fondi",
            target_value=Decimal("0.1") + Decimal("0.2"),
            target_unit="€",
            status="raggiunto",
        ),
    )
    (read,) = district.objectives()
    assert str(read.data.target_value) == "0.3"
    assert (read.data.status, read.data.deadline) == ("raggiunto", None)

    district.delete_objective(objective_id)
    assert district.objectives() == []
    with pytest.raises(NotFound):
        district.delete_objective(objective_id)
    with pytest.raises(NotFound):
        district.update_objective(objective_id, ObjectiveInput(title="X"))


def test_objective_validation(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as exc:
        workspace.district.add_objective(
            ObjectiveInput(title=" ", target_value=Decimal(10), status="boh")
        )
    assert {p.field for p in exc.value.problems} == {"title", "status", "target_unit"}
    assert workspace.district.objectives() == []


def test_objective_without_target_needs_no_unit(workspace: Workspace) -> None:
    workspace.district.add_objective(ObjectiveInput(title="Carta dei principi condivisa"))
    (read,) = workspace.district.objectives()
    assert (read.data.target_value, read.data.status) == (None, "da_avviare")


# district: founding documents


def test_founding_document_with_a_file_round_trips(workspace: Workspace, tmp_path: Path) -> None:
    content = bytes(range(256)) * 1000 + "Statuto – Società".encode()
    source = tmp_path / "statuto firmato.pdf"
    source.write_bytes(content)
    district = workspace.district
    document_id = district.add_document(
        FoundingDocumentInput(
            kind="statuto", title="Statuto", document_date=date(2025, 9, 20), approved=True
        ),
        source,
    )
    source.unlink()  # the district file carries it from now on
    (read,) = district.documents()
    assert (read.id, read.kind, read.title, read.approved) == (
        document_id,
        "statuto",
        "Statuto",
        True,
    )
    assert (read.filename, read.size) == ("statuto firmato.pdf", len(content))
    assert read.sha256 == hashlib.sha256(content).hexdigest()
    assert district.document_content(document_id) == ("statuto firmato.pdf", content)
    assert raw(workspace, "SELECT mime_type FROM founding_document") == [("application/pdf",)]


def test_founding_document_update_keeps_or_replaces_the_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    first, second = tmp_path / "carta.txt", tmp_path / "carta-v2.odt"
    first.write_bytes(b"prima versione")
    second.write_bytes(b"seconda versione")
    district = workspace.district
    document_id = district.add_document(
        FoundingDocumentInput(kind="carta_dei_principi", title="Carta"), first
    )
    district.update_document(
        document_id, FoundingDocumentInput(kind="carta_dei_principi", title="Carta dei principi")
    )
    assert district.document_content(document_id) == ("carta.txt", b"prima versione")
    assert district.documents()[0].title == "Carta dei principi"
    district.update_document(
        document_id, FoundingDocumentInput(kind="carta_dei_principi", title="Carta"), second
    )
    assert district.document_content(document_id) == ("carta-v2.odt", b"seconda versione")
    (read,) = district.documents()
    assert read.sha256 == hashlib.sha256(b"seconda versione").hexdigest()


def test_founding_document_without_a_file(workspace: Workspace) -> None:
    district = workspace.district
    document_id = district.add_document(FoundingDocumentInput(kind="accordo", title="Accordo"))
    (read,) = district.documents()
    assert (read.filename, read.size, read.sha256) == ("", 0, "")
    with pytest.raises(NotFound) as exc:
        district.document_content(document_id)
    assert "non ha un file allegato" in exc.value.message
    district.delete_document(document_id)
    assert district.documents() == []


def test_founding_document_validation(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as exc:
        workspace.district.add_document(FoundingDocumentInput(kind="verbale", title=" "))
    assert {p.field for p in exc.value.problems} == {"kind", "title"}


def test_founding_document_over_50_mb_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    assert MAX_DOCUMENT_BYTES == 50 * 1024 * 1024
    big = tmp_path / "scansione.pdf"
    with big.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(ValidationFailed) as exc:
        workspace.district.add_document(FoundingDocumentInput(kind="statuto", title="Statuto"), big)
    message = exc.value.for_field("file") or ""
    assert "scansione.pdf" in message
    assert "50 MB" in message
    assert workspace.district.documents() == []


def test_founding_document_of_exactly_50_mb_is_accepted(
    workspace: Workspace, tmp_path: Path
) -> None:
    limit = tmp_path / "limite.pdf"
    with limit.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES)
    workspace.district.add_document(FoundingDocumentInput(kind="statuto", title="Statuto"), limit)
    (read,) = workspace.district.documents()
    assert read.size == MAX_DOCUMENT_BYTES


@pytest.mark.parametrize("make", ["missing", "folder"])
def test_unreadable_attachment_is_refused_with_a_clear_message(
    workspace: Workspace, tmp_path: Path, make: str
) -> None:
    path = tmp_path / "statuto.pdf"
    if make == "folder":
        path.mkdir()
    with pytest.raises(ValidationFailed) as exc:
        workspace.district.add_document(
            FoundingDocumentInput(kind="statuto", title="Statuto"), path
        )
    message = exc.value.for_field("file") or ""
    assert message.startswith("Non riesco a leggere statuto.pdf: ")
    assert len(message) > len("Non riesco a leggere statuto.pdf: ")
    assert workspace.district.documents() == []


def test_attachment_without_read_permission_is_refused(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file, so the OS refusal is simulated at the stdlib boundary."""
    path = tmp_path / "riservato.pdf"
    path.write_bytes(b"%PDF")

    def refuse(_self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ValidationFailed) as exc:
        workspace.district.add_document(
            FoundingDocumentInput(kind="statuto", title="Statuto"), path
        )
    assert exc.value.for_field("file") == (
        "Non riesco a leggere riservato.pdf: non hai il permesso di accedervi"
    )
    assert workspace.district.documents() == []


def test_add_with_primary_referent_is_one_transaction(workspace: Workspace) -> None:
    from desdesk.domain.enums import ReferentKind as Kind
    from tests.factories import referent_input

    with pytest.raises(ValidationFailed) as exc:
        workspace.members.add(member_input(), referent_input(email="non-una-email"))
    assert [p.field for p in exc.value.problems] == ["primary.email"]
    assert workspace.members.count() == 0
    member_id = workspace.members.add(member_input(joined_on=date(2024, 3, 15)), referent_input())
    primary = workspace.referents.current(member_id)[Kind.PRIMARY]
    assert (primary.full_name, primary.start_date) == ("Giulia Bertolini", date(2024, 3, 15))
    with pytest.raises(ValidationFailed) as dup:
        workspace.members.add(member_input(name="Altra"), referent_input())
    assert dup.value.for_field("tax_code") is not None
    assert workspace.members.count() == 1


def test_a_leave_date_in_the_future_is_refused(workspace: Workspace) -> None:
    member_id = workspace.members.add(member_input())
    with pytest.raises(ValidationFailed) as exc:
        workspace.members.withdraw(member_id, date.today() + timedelta(days=1), "Recesso")
    assert "futura" in (exc.value.for_field("left_on") or "")
    assert workspace.members.get(member_id).left_on is None
