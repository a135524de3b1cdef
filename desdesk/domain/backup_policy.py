"""Which backups to keep: the rotation rule, as a pure function of their timestamps.

Like Paheko's and borg's pruning: the newest `keep_last` are kept whatever their age,
then the newest backup of each calendar day for `daily_days` days, then the newest of
each calendar month for `monthly_months` months (today and this month count as the
first). Backups dated after `now` are kept: the clock has been set back, and a year
of history must not go because of it. Milestones are kept too: the newest backup of
each milestone (the schema revision a pre-upgrade backup was taken at), the only way
back to the data as an older desdesk knew it. Everything else may go. A recent burst of
backups thus never pushes out the only copy of last spring, and a forgotten laptop keeps
a year of monthly snapshots.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

KEEP_LAST = 10
KEEP_DAILY_DAYS = 30
KEEP_MONTHLY_MONTHS = 12

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    keep_last: int = KEEP_LAST
    daily_days: int = KEEP_DAILY_DAYS
    monthly_months: int = KEEP_MONTHLY_MONTHS

    def __post_init__(self) -> None:
        # The backup just made is always kept: a rotation never leaves none.
        object.__setattr__(self, "keep_last", max(1, int(self.keep_last)))
        object.__setattr__(self, "daily_days", max(0, int(self.daily_days)))
        object.__setattr__(self, "monthly_months", max(0, int(self.monthly_months)))


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def backups_to_keep(
    stamps: Iterable[tuple[K, datetime]],
    policy: RetentionPolicy,
    now: datetime,
    milestones: Mapping[K, Hashable] | None = None,
) -> set[K]:
    """The keys of the backups the policy keeps; `stamps` pairs a key with when it was
    taken; `milestones` gives some keys a group (a schema revision) whose newest is kept."""
    newest_first = sorted(stamps, key=lambda item: item[1], reverse=True)
    keep = {key for key, _taken in newest_first[: policy.keep_last]}
    groups_seen: set[Hashable] = set()
    for key, _taken in newest_first:
        group = (milestones or {}).get(key)
        if group is not None and group not in groups_seen:
            groups_seen.add(group)
            keep.add(key)
    today = now.date()
    days_seen: set[date] = set()
    months_seen: set[int] = set()
    for key, taken in newest_first:
        if taken > now:  # the clock was set back (a flat CMOS battery): keep, never guess
            keep.add(key)
            continue
        day = taken.date()
        days_ago = (today - day).days
        if day not in days_seen and 0 <= days_ago < policy.daily_days:
            days_seen.add(day)
            keep.add(key)
        months_ago = _month_index(today) - _month_index(day)
        if _month_index(day) not in months_seen and 0 <= months_ago < policy.monthly_months:
            months_seen.add(_month_index(day))
            keep.add(key)
    return keep


def backups_to_delete(
    stamps: Iterable[tuple[K, datetime]],
    policy: RetentionPolicy,
    now: datetime,
    milestones: Mapping[K, Hashable] | None = None,
) -> list[K]:
    """The keys the policy lets go, oldest first."""
    items = sorted(stamps, key=lambda item: item[1])
    keep = backups_to_keep(items, policy, now, milestones)
    return [key for key, _taken in items if key not in keep]
