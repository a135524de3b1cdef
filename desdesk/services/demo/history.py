"""Years of referent changes written in one transaction.

`ReferentsService.set_referent` is one transaction per change: right for a person at
the keyboard, too slow for the thousand changes of a 5,000-member demo. This gives the
same result (the referent in charge ends on the day the next one starts) for a whole
list of changes, with two bulk statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import bindparam, insert, update

from desdesk.db.models import Referent
from desdesk.domain.enums import ReferentKind
from desdesk.schemas import ReferentInput
from desdesk.services.base import Service

Change = tuple[int, ReferentKind, ReferentInput]  # member id, kind, new referent (start_date set)


class ReferentHistory(Service):
    def replace_many(self, changes: Sequence[Change]) -> None:
        """Apply `changes`, oldest first for each member and kind; all or nothing."""
        chains: dict[tuple[int, ReferentKind], list[ReferentInput]] = {}
        for member_id, kind, referent in changes:
            chains.setdefault((member_id, kind), []).append(referent)
        if not chains:
            return
        endings = [
            {"m": member_id, "k": kind.value, "since": _since(chain[0])}
            for (member_id, kind), chain in chains.items()
        ]
        rows = [
            _row(member_id, kind, referent, _since(following) if following else None)
            for (member_id, kind), chain in chains.items()
            for referent, following in zip(chain, [*chain[1:], None], strict=True)
        ]
        end_current = (
            update(Referent)
            .where(
                Referent.member_id == bindparam("m"),
                Referent.kind == bindparam("k"),
                Referent.end_date.is_(None),
            )
            .values(end_date=bindparam("since"))
        )
        with self._unit_of_work() as session:
            connection = session.connection()
            connection.execute(end_current, endings)
            connection.execute(insert(Referent), rows)


def _since(referent: ReferentInput) -> date:
    return referent.start_date or date.today()


def _row(
    member_id: int, kind: ReferentKind, referent: ReferentInput, end: date | None
) -> dict[str, object]:
    return {
        "member_id": member_id,
        "kind": kind.value,
        "first_name": referent.first_name,
        "last_name": referent.last_name,
        "email": referent.email,
        "phone": referent.phone,
        "role": referent.role,
        "start_date": _since(referent),
        "end_date": end,
        "legal_basis": referent.legal_basis,
        "notice_given_on": referent.notice_given_on,
    }
