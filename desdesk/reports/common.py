"""Texts several documents print the same way: the district's profile, a seat, labels."""

from __future__ import annotations

import contextlib

from desdesk.domain.enums import DistrictKind, Nature, Sector
from desdesk.domain.legal_forms import by_code
from desdesk.domain.text import search_key
from desdesk.i18n import _, format_date
from desdesk.schemas import DistrictProfile


def profile_line(profile: DistrictProfile) -> str:
    """`DES territoriale · Vallagarina · costituito il 12/03/2021`."""
    parts: list[str] = []
    with contextlib.suppress(ValueError):
        parts.append(DistrictKind(profile.kind).label())
    if profile.territory:
        parts.append(profile.territory)
    if profile.sector is not None:
        with contextlib.suppress(ValueError):
            parts.append(_("settore {label}").format(label=Sector(profile.sector).label()))
    if profile.founding_date:
        parts.append(_("costituito il {date}").format(date=format_date(profile.founding_date)))
    return " · ".join(parts)


def seat(comune: str, provincia: str) -> str:
    """`Rovereto (TN)`, or whichever of the two is known."""
    if comune and provincia:
        return f"{comune} ({provincia})"
    return comune or provincia


def legal_form_label(code: str) -> str:
    try:
        return by_code(code).label
    except KeyError:
        return code


def nature_label(code: str) -> str:
    try:
        return Nature(code).label()
    except ValueError:
        return code


def name_key(name: str) -> str:
    """Alphabetical order as a reader expects it: case and accents ignored."""
    return search_key(name)
