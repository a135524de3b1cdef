"""Held at second call: the call saved by the roll call reaches the minutes, and the
minutes (PDF and header) say that the first call was deserted."""

from __future__ import annotations

from dataclasses import replace

from desdesk.domain.enums import Call
from desdesk.reports.minutes import minutes_pdf
from desdesk.services.workspace import Workspace
from tests.assembly_rows import add_assembly, add_members
from tests.pdfs import flat, read_pdf
from tests.unit.test_reports_assemblies import DAY, PROFILE, minutes_document

SENTENCE = (
    "Prima convocazione andata deserta per mancanza del numero legale; l'assemblea si "
    "tiene in seconda convocazione."
)


def test_the_second_call_saved_at_the_roll_call_opens_valid_minutes(
    workspace: Workspace,
) -> None:
    members = add_members(workspace, 5)
    assembly_id = add_assembly(workspace, present=members[:2], absent=members[2:], call_held=None)
    workspace.attendance.set_call(assembly_id, Call.SECOND)
    minutes = workspace.minutes.get(workspace.minutes.draft(assembly_id))
    assert minutes.call_held == "seconda" and not minutes.deserted


def test_the_pdf_says_the_first_call_was_deserted() -> None:
    first = minutes_document()
    assert "andata deserta" not in flat(read_pdf(minutes_pdf(PROFILE, first, DAY)).text)
    second = replace(first, minutes=replace(first.minutes, call_held="seconda"))
    assert SENTENCE in flat(read_pdf(minutes_pdf(PROFILE, second, DAY)).text)
