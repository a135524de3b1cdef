"""Arbitrary sequences of edits to the members service (issue 7, point 6).

A hypothesis state machine adds, updates, withdraws, readmits and deletes members with
arbitrary data, ids that exist or not, and movements that name members. Every call is
accepted or refused with an Italian message; a refused call changes nothing; after each
step the register is what the accepted calls made it and the file is consistent.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from desdesk.domain.enums import Nature, SupplyChainRole
from desdesk.domain.errors import DesdeskError, ValidationFailed
from desdesk.domain.legal_forms import LEGAL_FORMS
from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.schemas import DistrictProfile, MemberInput, ReferentInput
from desdesk.services.workspace import Workspace, create_workspace
from tests.durability.checks import assert_consistent, assert_user_message, table_counts
from tests.factories import VALID_ORG_CODES, VALID_PERSON_CODE

TODAY = date.today()
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


def usually(values: list[object] | tuple[object, ...]) -> st.SearchStrategy[object]:
    """Mostly a value from `values` (valid and wrong ones), sometimes any text."""
    return st.one_of(st.sampled_from(values), st.sampled_from(values), TEXT)


LEGAL_FORM_CODES = [form.code for form in LEGAL_FORMS]
JOINED = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2035, 12, 31)))
# Members that the service accepts (unless their codice fiscale is taken)...
valid_members = st.builds(
    MemberInput,
    name=st.sampled_from(["Cooperativa Uno", "GAS Due", "  Bottega Tre  "]),
    legal_form=st.sampled_from(LEGAL_FORM_CODES),
    tax_code=st.sampled_from(["", "", "", *VALID_ORG_CODES, VALID_PERSON_CODE]),
    joined_on=JOINED,
)
# ...and anything at all in every field.
arbitrary_members = st.builds(
    MemberInput,
    name=usually(["Cooperativa Uno", "GAS Due", "  Bottega Tre  ", "", " "]),
    legal_form=usually([*LEGAL_FORM_CODES, "", "srl"]),
    tax_code=usually(["", "", *VALID_ORG_CODES, VALID_PERSON_CODE, "123", "00743110158"]),
    vat_number=usually(["", VALID_ORG_CODES[1], "01234567890"]),
    nature_override=st.one_of(st.none(), st.sampled_from([n.value for n in Nature]), TEXT),
    nature_override_reason=usually(["", "Statuto"]),
    provincia=usually(["", "TN", "tn", "Trento"]),
    cap=usually(["", "38068", "3806"]),
    email=usually(["", "info@coop.example.it", "info@"]),
    phone=usually(["", "0464 123456", "12"]),
    website=usually(["", "www.coop.it", "coop"]),
    disciplinari=st.lists(st.integers(-1, 15), max_size=4),
    supply_chain_roles=st.lists(
        st.one_of(st.sampled_from([r.value for r in SupplyChainRole]), TEXT), max_size=3
    ),
    joined_on=JOINED,
    notes=TEXT,
)
members = st.integers(0, 2).flatmap(lambda k: arbitrary_members if k == 0 else valid_members)
referents = st.one_of(
    st.none(),
    st.builds(
        ReferentInput,
        first_name=usually(["Giulia", ""]),
        last_name=usually(["Bertolini", ""]),
        email=usually(["", "giulia@example.it", "giulia@"]),
        phone=usually(["", "0464 123456", "abc"]),
    ),
)
MISSING_ID = 999_999


@dataclass
class Known:
    """What the register must say about one member after the accepted calls."""

    name: str
    joined_on: date | None
    left_on: date | None = None
    paid: bool = False


IDS: Bundle[int] = Bundle("ids")
# Members added (some deleted since) and one that never existed.
any_id = st.one_of(IDS, IDS, IDS, st.just(MISSING_ID))


class MemberEdits(RuleBasedStateMachine):
    ids = IDS

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="desdesk-edits-"))
        profile = DistrictProfile(
            name="DES Vallagarina", kind="territoriale", territory="Vallagarina"
        )
        self.workspace = create_workspace(self.folder / "distretto.des", profile)
        self.workspace.budget.open_year(FinancialYearInput(TODAY.year))
        codes = {c.code: c.id for c in self.workspace.budget.categories()}
        self.income = codes["EA10"]
        self.known: dict[int, Known] = {}

    def teardown(self) -> None:
        self.workspace.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def attempt(self, call: object, *args: object) -> bool:
        """Run a service call: True if accepted; a refusal must leave every table as it was."""
        before = table_counts(self.workspace)
        try:
            call(*args)  # type: ignore[operator]
        except DesdeskError as refused:
            assert_user_message(refused)
            assert table_counts(self.workspace) == before
            return False
        return True

    @initialize(target=ids)
    def first_members(self) -> MultipleResults[int]:
        """Members to edit from the first step on (withdrawn ones among them)."""
        added = []
        for number, joined_on in enumerate([date(2015, 1, 1), date(2020, 6, 1), None]):
            data = MemberInput(f"Aderente {number}", "gas", joined_on=joined_on)
            added.append(self.workspace.members.add(data))
            self.known[added[-1]] = Known(data.name, joined_on)
        self.workspace.members.withdraw(added[0], date(2019, 12, 31), "Cessata attività")
        self.known[added[0]].left_on = date(2019, 12, 31)
        return multiple(*added)

    @rule(target=ids, data=members, primary=referents)
    def add(self, data: MemberInput, primary: ReferentInput | None) -> MultipleResults[int]:
        added: list[int] = []
        if self.attempt(lambda: added.append(self.workspace.members.add(data, primary))):
            self.known[added[0]] = Known(data.name.strip(), data.joined_on)
        return multiple(*added)

    @rule(member_id=any_id, data=members)
    def update(self, member_id: int, data: MemberInput) -> None:
        if self.attempt(self.workspace.members.update, member_id, data):
            self.known[member_id].name = data.name.strip()
            self.known[member_id].joined_on = data.joined_on

    @rule(
        member_id=any_id,
        left_on=st.one_of(st.dates(date(2015, 1, 1), TODAY), st.dates(date(1990, 1, 1))),
        reason=usually(["Cessata attività", "Trasferita fuori provincia", ""]),
    )
    def withdraw(self, member_id: int, left_on: date, reason: str) -> None:
        if self.attempt(self.workspace.members.withdraw, member_id, left_on, reason):
            self.known[member_id].left_on = left_on

    @rule(member_id=any_id)
    def readmit(self, member_id: int) -> None:
        if self.attempt(self.workspace.members.readmit, member_id):
            self.known[member_id].left_on = None

    @rule(member_id=any_id)
    def delete(self, member_id: int) -> None:
        deletable = member_id in self.known and not self.known[member_id].paid
        accepted = self.attempt(self.workspace.members.delete, member_id)
        assert accepted == deletable  # a counterparty in the accounts stays
        if accepted:
            del self.known[member_id]

    @rule(member_id=any_id)
    def pay(self, member_id: int) -> None:
        """A gift from the member: it becomes a counterparty in the accounts."""
        gift = MovementInput(TODAY, Decimal("25.00"), self.income, "Dono", member_id=member_id)
        if self.attempt(self.workspace.budget.add_movement, gift):
            self.known[member_id].paid = True

    @invariant()
    def register_is_what_the_accepted_calls_made(self) -> None:
        stored = {}
        for member_id in self.known:
            detail = self.workspace.members.get(member_id)
            stored[member_id] = Known(
                detail.data.name, detail.data.joined_on, detail.left_on, self.known[member_id].paid
            )
        assert stored == self.known
        assert self.workspace.members.count() == len(self.known)

    @invariant()
    def dates_are_in_order(self) -> None:
        for known in self.known.values():
            if known.joined_on and known.left_on:
                assert known.joined_on <= known.left_on, known

    @invariant()
    def file_is_consistent(self) -> None:
        assert_consistent(self.workspace)


MemberEdits.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_member_edit_sequences = MemberEdits.TestCase


def test_a_former_members_joining_date_cannot_move_past_its_leaving(
    workspace: Workspace,
) -> None:
    """Found by the machine above: `update` let a former member join after it left."""
    member_id = workspace.members.add(MemberInput("GAS Due", "gas", joined_on=date(2020, 1, 1)))
    workspace.members.withdraw(member_id, date(2021, 1, 1), "Cessata attività")
    later = MemberInput("GAS Due", "gas", joined_on=date(2030, 1, 1))
    with pytest.raises(ValidationFailed) as refused:
        workspace.members.update(member_id, later)
    assert refused.value.for_field("joined_on") == (
        "La data di adesione è successiva alla data di uscita (01/01/2021)."
    )
    assert workspace.members.get(member_id).data.joined_on == date(2020, 1, 1)
    workspace.members.update(member_id, MemberInput("GAS Due", "gas", joined_on=date(2021, 1, 1)))
    assert workspace.members.get(member_id).data.joined_on == date(2021, 1, 1)
