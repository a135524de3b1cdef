"""`MembersService.add_many`: bulk, ordered, all or nothing, duplicates named."""

from __future__ import annotations

from datetime import date

import pytest

from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import Conflict
from desdesk.schemas import MemberEntry
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input, referent_input


def entry(name: str, code: str, **options: object) -> MemberEntry:
    return MemberEntry(member=member_input(name, tax_code=code), **options)  # type: ignore[arg-type]


def test_ids_in_order_with_referents_and_leave_data(workspace: Workspace) -> None:
    entries = [
        entry("Uno", VALID_ORG_CODES[0], primary=referent_input("Anna", "Zeni")),
        entry(
            "Due",
            VALID_ORG_CODES[1],
            primary=referent_input("Marco", "Pilati"),
            substitute=referent_input("Sara", "Tomasi"),
            left_on=date(2025, 1, 31),
            leave_reason="Cessazione dell'attività",
        ),
        entry("Tre", ""),
    ]
    ids = workspace.members.add_many(entries)
    assert [workspace.members.get(i).data.name for i in ids] == ["Uno", "Due", "Tre"]
    second = workspace.members.get(ids[1])
    assert second.data == entries[1].member
    assert (second.left_on, second.leave_reason) == (date(2025, 1, 31), "Cessazione dell'attività")
    current = workspace.referents.current(ids[1])
    assert current[ReferentKind.PRIMARY].full_name == "Marco Pilati"
    assert current[ReferentKind.SUBSTITUTE].full_name == "Sara Tomasi"
    assert workspace.referents.current(ids[2]) == {}


def test_a_duplicate_inside_the_batch_writes_nothing(workspace: Workspace) -> None:
    entries = [entry("Primo", VALID_ORG_CODES[0]), entry("Copia", VALID_ORG_CODES[0])]
    with pytest.raises(Conflict, match="è già di “Primo”"):
        workspace.members.add_many(entries)
    assert workspace.members.count() == 0


def test_a_duplicate_of_the_register_writes_nothing(workspace: Workspace) -> None:
    workspace.members.add_many([entry("Esistente", VALID_ORG_CODES[2])])
    batch = [entry("Nuovo", VALID_ORG_CODES[3]), entry("Doppione", VALID_ORG_CODES[2])]
    with pytest.raises(Conflict, match="è già di “Esistente”"):
        workspace.members.add_many(batch)
    assert [r.name for r in workspace.members.list_rows()] == ["Esistente"]


def test_an_empty_batch_is_nothing(workspace: Workspace) -> None:
    assert workspace.members.add_many([]) == []
