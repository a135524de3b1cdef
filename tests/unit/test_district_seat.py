"""The district's seat (address and comune): kept in the profile, printed in the
agreement ("sede", the place of signatures) and in the annual report."""

from __future__ import annotations

from dataclasses import replace

from desdesk.services.workspace import Workspace
from tests.pdfs import flat, read_pdf


def test_the_seat_is_trimmed_kept_and_fills_the_agreement(workspace: Workspace) -> None:
    profile = workspace.district.profile()
    assert (profile.seat, profile.comune) == ("", "")
    values = workspace.agreement.values()
    assert values["sede"] == values["luogo"] == ""

    workspace.district.update_profile(
        replace(profile, seat="  Piazza Garibaldi 3, 38068 ", comune=" Rovereto ")
    )

    stored = workspace.district.profile()
    assert (stored.seat, stored.comune) == ("Piazza Garibaldi 3, 38068", "Rovereto")
    values = workspace.agreement.values()
    assert values["sede"] == "Piazza Garibaldi 3, 38068, Rovereto"
    assert values["luogo"] == "Rovereto"
    text = flat(read_pdf(workspace.annual_report.pdf(2025)).text)
    assert "Sede Piazza Garibaldi 3, 38068, Rovereto" in text
