"""The demo's growth actions (H10): what the district did to bring in new members.

Most years have one to three (a presentation to a GAS, a stand at a market, a public
evening…), some none; when a member joined within a few months of one, the action
names it as its outcome.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert

from desdesk.db.models import GrowthAction
from desdesk.schemas import MemberEntry
from desdesk.services.base import Service
from desdesk.services.demo.members import FOUNDING_NOTE
from desdesk.services.demo.plan import Context
from desdesk.services.demo.profile import short_date

_QUIET_YEAR_SHARE = 0.2  # a year in which nobody recorded a growth action
_LINK_SHARE = 0.45  # an action followed by a new member, when one joined soon after
_LINK_WINDOW = timedelta(days=120)

# `{town}` is a comune of the territory, `{community}` its Comunità di valle.
_ACTIONS = (
    "Presentazione del distretto al gruppo di acquisto solidale di {town}",
    "Banchetto informativo al mercato contadino di {town}",
    "Serata pubblica sull'economia solidale alla biblioteca di {town}",
    "Incontro con le aziende agricole della {community}",
    "Porte aperte alla cooperativa sociale: visita per nuove realtà interessate",
    "Lettera d'invito alle associazioni di {town} con la carta dei principi",
    "Intervento al consiglio comunale di {town} sull'adesione al distretto",
    "Articolo sul notiziario della {community} con l'invito ad aderire",
)
_OUTCOMES = (
    "Una ventina di partecipanti; tre realtà hanno chiesto di essere ricontattate.",
    "Interesse da parte di due aziende agricole, da risentire dopo la stagione.",
    "Poche presenze: da ripetere in un orario più comodo.",
    "Raccolti i contatti di cinque organizzazioni, inviati i documenti del distretto.",
    "",
)


@dataclass(frozen=True, slots=True)
class PlannedGrowth:
    day: date
    description: str
    outcome: str
    member: int | None  # index into DemoPlan.members: the member it brought in


def build_growth(ctx: Context, members: Sequence[MemberEntry]) -> list[PlannedGrowth]:
    """Growth actions from the founding to today, oldest first."""
    rng = ctx.rng
    joins = sorted(
        (entry.member.joined_on, index)
        for index, entry in enumerate(members)
        if entry.member.joined_on is not None and entry.member.notes != FOUNDING_NOTE
    )
    days = [day for day, _index in joins]
    linked: set[int] = set()
    actions: list[PlannedGrowth] = []
    for year in range(ctx.founded.year, ctx.today.year + 1):
        start = max(date(year, 1, 1), ctx.founded + timedelta(days=30))
        end = min(date(year, 12, 31), ctx.today)
        if start > end or rng.random() < _QUIET_YEAR_SHARE:
            continue
        for day in sorted(ctx.day_between(start, end) for _ in range(rng.randint(1, 3))):
            town = rng.choice(ctx.territory.comuni).name
            description = rng.choice(_ACTIONS).format(town=town, community=ctx.territory.community)
            member = _new_member(joins, days, day, linked) if rng.random() < _LINK_SHARE else None
            if member is None:
                outcome = rng.choice(_OUTCOMES)
            else:
                linked.add(member)
                joined = members[member].member.joined_on or day
                outcome = f"Ha aderito {members[member].member.name} il {short_date(joined)}."
            actions.append(PlannedGrowth(day, description, outcome, member))
    return actions


def _new_member(
    joins: list[tuple[date, int]], days: list[date], day: date, linked: set[int]
) -> int | None:
    """The first member not yet credited to an action who joined in the months after `day`."""
    position = bisect.bisect_right(days, day)
    while position < len(joins) and joins[position][0] <= day + _LINK_WINDOW:
        index = joins[position][1]
        if index not in linked:
            return index
        position += 1
    return None


class GrowthHistory(Service):
    """Writes the planned growth actions in one bulk insert."""

    def write(self, actions: Sequence[PlannedGrowth], member_ids: Sequence[int]) -> None:
        if not actions:
            return
        rows = [
            {
                "day": a.day,
                "description": a.description,
                "outcome": a.outcome,
                "member_id": None if a.member is None else member_ids[a.member],
            }
            for a in actions
        ]
        with self._unit_of_work() as session:
            session.connection().execute(insert(GrowthAction), rows)
