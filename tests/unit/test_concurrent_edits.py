"""Two officers saving the same record: the second save is refused, nothing is lost.

In a district file the two forms are two windows of one desdesk (the file admits one
process); under `make test-postgres` they are two desdesks connected to one server, each
with its own actor. The same tests run on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import select

from desdesk.db.models import Member
from desdesk.schemas import OfficeInput
from desdesk.services.base import ConcurrentEdit, Service
from desdesk.services.workspace import Workspace, open_workspace
from tests.factories import member_input, referent_input


@pytest.fixture
def second_officer(workspace: Workspace) -> Iterator[Workspace]:
    """The other officer: a second connection to the server, or the same file."""
    if workspace.on_server:
        assert workspace.file.url is not None
        other = open_workspace(workspace.file.url, actor="Bruno Zeni")
        yield other
        other.close()
    else:
        yield workspace


def _act_as(workspace: Workspace, name: str) -> None:
    if workspace.file.actor is not None:
        workspace.file.actor.actor = name
    else:
        workspace.history.set_actor(name)


def test_a_member_saved_by_another_officer_is_not_overwritten(
    workspace: Workspace, second_officer: Workspace
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    mine = workspace.members.get(member_id)  # Anna opens the form

    _act_as(second_officer, "Bruno Zeni")
    theirs = second_officer.members.get(member_id)
    second_officer.members.update(
        member_id, replace(theirs.data, phone="0464 123456"), expected_version=theirs.version
    )

    _act_as(workspace, "Anna Rossi")
    with pytest.raises(ConcurrentEdit) as refused:
        workspace.members.update(
            member_id, replace(mine.data, notes="appunto di Anna"), expected_version=mine.version
        )
    assert "Bruno Zeni" in refused.value.message
    assert "non sono state salvate" in refused.value.message
    saved = workspace.members.get(member_id)
    assert saved.data.phone == "+39 0464 123456" or "123456" in saved.data.phone
    assert saved.data.notes == ""  # Anna's change was not written over Bruno's
    assert saved.version == mine.version + 1

    # Reloaded, her change goes through on top of his.
    workspace.members.update(
        member_id, replace(saved.data, notes="appunto di Anna"), expected_version=saved.version
    )
    final = second_officer.members.get(member_id)
    assert final.data.notes == "appunto di Anna" and "123456" in final.data.phone


def test_withdraw_from_a_stale_form_is_refused(
    workspace: Workspace, second_officer: Workspace
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    stale = workspace.members.get(member_id).version
    second_officer.members.update(member_id, member_input("Bottega Equa e Solidale"))
    with pytest.raises(ConcurrentEdit):
        workspace.members.withdraw(member_id, date(2026, 6, 30), "trasferita", stale)
    assert workspace.members.get(member_id).left_on is None


def test_a_referent_corrected_twice_keeps_the_first_correction(
    workspace: Workspace, second_officer: Workspace
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"), referent_input())
    (mine,) = workspace.referents.history(member_id)
    (theirs,) = second_officer.referents.history(member_id)
    second_officer.referents.correct(
        theirs.id, referent_input(email="giulia@bottega.example"), theirs.version
    )
    with pytest.raises(ConcurrentEdit):
        workspace.referents.correct(mine.id, referent_input(role="Tesoriera"), mine.version)
    (saved,) = workspace.referents.history(member_id)
    assert saved.email == "giulia@bottega.example" and saved.role != "Tesoriera"


def test_an_office_term_edited_twice_keeps_the_first_edit(
    workspace: Workspace, second_officer: Workspace
) -> None:
    term = OfficeInput(
        kind="coordinatore", person_name="Maria Zanella", start_date=date(2025, 1, 1)
    )
    office_id = workspace.offices.assign(term)
    (mine,) = workspace.offices.terms()
    second_officer.offices.update(office_id, replace(term, notes="rieletta"), mine.version)
    with pytest.raises(ConcurrentEdit):
        workspace.offices.update(office_id, replace(term, title="Coordinatrice"), mine.version)
    (saved,) = workspace.offices.terms()
    assert saved.notes == "rieletta" and saved.title == ""


class _RawMembers(Service):
    """Two transactions interleaved by hand: the window a form's check cannot close."""

    def rename_in_two_transactions(self, member_id: int) -> None:
        with self._sessions() as first, self._unit_of_work() as second:
            early = first.get(Member, member_id)
            late = second.get(Member, member_id)
            assert early is not None and late is not None
            early.name = "Prima"
            first.commit()  # the first transaction wins
            late.name = "Seconda"  # flushed at the end of the unit of work: no row matches


def test_a_race_between_two_transactions_is_a_concurrent_edit(workspace: Workspace) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    with pytest.raises(ConcurrentEdit):
        _RawMembers(workspace.sessions).rename_in_two_transactions(member_id)
    with workspace.sessions() as session:
        names = session.exec(select(Member.name)).all()
    assert names == ["Prima"]
