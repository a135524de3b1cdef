"""The district's governance text, business plan and the founding documents' end dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS
from desdesk.domain.errors import ValidationFailed
from desdesk.schemas import FoundingDocumentInput
from desdesk.services.workspace import Workspace


def test_governance_and_business_plan_are_saved_and_read_back(workspace: Workspace) -> None:
    profile = workspace.district.profile()
    plan = {
        "model": "  Spesa collettiva e servizi  ",
        "target": "Famiglie della valle",
        "channels": " ",
    }
    workspace.district.update_profile(
        replace(profile, governance="  L'assemblea decide il bilancio.  ", business_plan=plan)
    )
    saved = workspace.district.profile()
    assert saved.governance == "L'assemblea decide il bilancio."
    # Trimmed; an empty section is not stored.
    assert saved.business_plan == {
        "model": "Spesa collettiva e servizi",
        "target": "Famiglie della valle",
    }
    assert saved.name == profile.name


def test_every_business_plan_section_is_accepted(workspace: Workspace) -> None:
    plan = {code: f"testo {code}" for code, _label in BUSINESS_PLAN_SECTIONS}
    workspace.district.update_profile(replace(workspace.district.profile(), business_plan=plan))
    assert workspace.district.profile().business_plan == plan


def test_an_unknown_business_plan_section_is_refused_and_nothing_changes(
    workspace: Workspace,
) -> None:
    before = workspace.district.profile()
    with pytest.raises(ValidationFailed) as caught:
        workspace.district.update_profile(
            replace(before, governance="nuovo", business_plan={"finanza": "x"})
        )
    assert caught.value.problems[0].field == "business_plan"
    assert "finanza" in caught.value.problems[0].message
    assert workspace.district.profile() == before


def test_valid_until_before_the_document_date_is_refused(workspace: Workspace) -> None:
    data = FoundingDocumentInput(
        kind="accordo",
        title="Accordo di distretto",
        document_date=date(2024, 3, 1),
        approved=True,
        valid_until=date(2024, 2, 28),
    )
    with pytest.raises(ValidationFailed) as caught:
        workspace.district.add_document(data)
    assert [p.field for p in caught.value.problems] == ["valid_until"]
    assert workspace.district.documents() == []


def test_valid_until_is_stored_and_may_equal_the_document_date(workspace: Workspace) -> None:
    data = FoundingDocumentInput(
        kind="accordo",
        title="Accordo",
        document_date=date(2024, 3, 1),
        valid_until=date(2027, 3, 1),
    )
    document_id = workspace.district.add_document(data)
    assert workspace.district.documents()[0].valid_until == date(2027, 3, 1)
    workspace.district.update_document(document_id, replace(data, valid_until=date(2024, 3, 1)))
    assert workspace.district.documents()[0].valid_until == date(2024, 3, 1)
