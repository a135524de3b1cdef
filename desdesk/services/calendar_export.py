"""The assemblies as an iCalendar (.ics) file, for the secretary's and members' calendars.

One VEVENT per assembly at its first call. Re-importing a newer export updates the
events instead of duplicating them, because each UID depends only on things that never
change: the assembly's row id and the district file's own random id (`District.uid`,
made when the file is created), e.g. `assembly-12-3f2a…@desdesk`. Neither the district's
name nor the assembly's date or title enter the UID, so renaming the district or moving
the assembly keeps it, and two districts imported into one calendar never collide.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from desdesk.domain.enums import AssemblyKind, AssemblyStatus
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _, format_date
from desdesk.schemas import AssemblyRead

DEFAULT_DURATION = timedelta(hours=2)
# The district has no e-mail address of its own: the organizer is named by its CN, with
# an address under the reserved `.invalid` domain (RFC 2606) that no client will write to.
ORGANIZER_ADDRESS = "mailto:segreteria@desdesk.invalid"


class CalendarWriteError(DesdeskError):
    """The .ics file could not be written where asked; nothing was replaced."""


def event_uid(assembly_id: int, district_uid: str) -> str:
    return f"assembly-{assembly_id}-{district_uid}@desdesk"


def ics_bytes(
    assemblies: Iterable[AssemblyRead],
    district_name: str,
    year: int | None = None,
    *,
    district_uid: str,
) -> bytes:
    """The calendar of `assemblies` (only those of `year`, if given) as .ics bytes."""
    from icalendar import Calendar  # imported when exporting: not at start-up

    calendar = Calendar()
    calendar.add("prodid", "-//desdesk//Assemblee del distretto//IT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Assemblee – {district}").format(district=district_name))
    for assembly in assemblies:
        if year is None or assembly.data.first_call_date.year == year:
            calendar.add_component(_event(assembly, district_name, district_uid))
    return calendar.to_ical()


def _event(assembly: AssemblyRead, district_name: str, district_uid: str) -> Any:
    data = assembly.data
    from icalendar import Event, vCalAddress, vText

    event = Event()
    event.add("uid", event_uid(assembly.id, district_uid))
    event.add("dtstamp", datetime.now().astimezone())
    event.add("summary", _summary(assembly, district_name))
    if data.first_call_time is None:
        event.add("dtstart", data.first_call_date)  # all-day event
        event.add("dtend", data.first_call_date + timedelta(days=1))
    else:
        start = datetime.combine(data.first_call_date, data.first_call_time)
        event.add("dtstart", start)
        event.add("dtend", start + DEFAULT_DURATION)
    if data.place:
        event.add("location", data.place)
    event.add("description", _description(assembly))
    organizer = vCalAddress(ORGANIZER_ADDRESS)
    organizer.params["cn"] = vText(district_name)
    event.add("organizer", organizer)
    cancelled = assembly.status == AssemblyStatus.CANCELLED.value
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _summary(assembly: AssemblyRead, district_name: str) -> str:
    kind = AssemblyKind(assembly.data.kind).label()
    title = assembly.data.title or _("Assemblea {kind}").format(kind=kind.lower())
    return f"{title} – {district_name}"


def _description(assembly: AssemblyRead) -> str:
    data = assembly.data
    lines: list[str] = []
    if data.remote_link:
        lines.append(_("Partecipazione a distanza: {link}").format(link=data.remote_link))
    if data.second_call_date is not None:
        when = format_date(data.second_call_date)
        if data.second_call_time is not None:
            when += " " + data.second_call_time.strftime("%H:%M")
        lines.append(_("Seconda convocazione: {when}").format(when=when))
    if assembly.agenda:
        if lines:
            lines.append("")
        lines.append(_("Ordine del giorno:"))
        for position, item in enumerate(assembly.agenda, start=1):
            lines.append(f"{position}. {item.title}")
            if item.description:
                lines.extend(f"   {line}" for line in item.description.splitlines())
    return "\n".join(lines)
