"""The minutes header says when the first call was deserted."""

from __future__ import annotations

from dataclasses import replace

from desdesk.ui.widgets.minutes_header import MinutesHeader
from tests.unit.test_reports_assemblies import minutes_document


def test_the_header_notes_a_deserted_first_call(qtbot) -> None:  # type: ignore[no-untyped-def]
    header = MinutesHeader()
    qtbot.addWidget(header)
    minutes = minutes_document().minutes
    header.load(minutes)
    assert "andata deserta" not in header.call.text()
    header.load(replace(minutes, call_held="seconda"))
    assert header.call.text().startswith("Seconda convocazione\n")
    assert header.call.text().endswith(
        "Prima convocazione andata deserta per mancanza del numero legale; l'assemblea si "
        "tiene in seconda convocazione."
    )
