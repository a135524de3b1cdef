"""The rotation rule on synthetic timestamps: last N, one a day, one a month."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from desdesk.domain.backup_policy import RetentionPolicy, backups_to_delete, backups_to_keep

NOW = datetime(2026, 11, 26, 12, 0)


def stamps(moments: list[datetime]) -> list[tuple[int, datetime]]:
    return list(enumerate(moments))


def test_the_newest_ten_are_kept_whatever_their_day() -> None:
    moments = [NOW - timedelta(minutes=i) for i in range(15)]  # all today
    kept = backups_to_keep(stamps(moments), RetentionPolicy(), NOW)
    assert kept == set(range(10))
    assert backups_to_delete(stamps(moments), RetentionPolicy(), NOW) == [14, 13, 12, 11, 10]


def test_one_a_day_for_thirty_days_is_the_newest_of_each_day() -> None:
    # Three backups a day (9:00, 13:00, 18:00) for 40 days, none in the last 10 slots.
    moments = [
        datetime(2026, 11, 26) - timedelta(days=day) + timedelta(hours=hour)
        for day in range(1, 41)
        for hour in (9, 13, 18)
    ]
    policy = RetentionPolicy(keep_last=1, daily_days=30, monthly_months=0)
    kept = {moments[key] for key in backups_to_keep(stamps(moments), policy, NOW)}
    days = sorted({moment.date() for moment in kept})
    assert len(days) == 29  # yesterday back to 29 days ago (today has none)
    assert all(moment.hour == 18 for moment in kept)  # the newest of each day
    assert min(days) == (NOW - timedelta(days=29)).date()


def test_one_a_month_for_twelve_months() -> None:
    moments = [datetime(2026, 11, 26) - timedelta(days=day) for day in range(0, 800, 5)]
    policy = RetentionPolicy(keep_last=1, daily_days=0, monthly_months=12)
    kept = sorted(moments[key] for key in backups_to_keep(stamps(moments), policy, NOW))
    months = [(moment.year, moment.month) for moment in kept]
    assert months == sorted(set(months))  # one each
    assert len(months) == 12
    assert months[0] == (2025, 12) and months[-1] == (2026, 11)
    # the newest of each month: the next backup (5 days later) is in the following month
    for moment in kept[:-1]:
        assert (moment + timedelta(days=5)).month != moment.month


def test_the_default_policy_keeps_last_daily_and_monthly_together() -> None:
    # One backup a day for two years: 30 daily (28 October to today, the 10 newest
    # among them) + one for each month from December 2025 to September 2026 (the
    # newest of November and October, 26 and 31 October, are daily ones already).
    moments = [NOW - timedelta(days=day) for day in range(730)]
    kept = backups_to_keep(stamps(moments), RetentionPolicy(), NOW)
    assert set(range(30)) <= kept
    monthly = sorted(moments[key] for key in kept - set(range(30)))
    assert [(m.year, m.month, m.day) for m in monthly][:2] == [(2025, 12, 31), (2026, 1, 31)]
    assert len(monthly) == 10


def test_the_numbers_are_configurable() -> None:
    moments = [NOW - timedelta(hours=i) for i in range(50)]
    policy = RetentionPolicy(keep_last=3, daily_days=1, monthly_months=0)
    assert backups_to_keep(stamps(moments), policy, NOW) == {0, 1, 2}


def test_a_policy_never_keeps_none() -> None:
    assert RetentionPolicy(keep_last=0, daily_days=-5, monthly_months=-1) == RetentionPolicy(
        keep_last=1, daily_days=0, monthly_months=0
    )
    moments = [NOW - timedelta(days=400 + i) for i in range(3)]
    policy = RetentionPolicy(keep_last=0, daily_days=0, monthly_months=0)
    assert backups_to_keep(stamps(moments), policy, NOW) == {0}


def test_backups_dated_after_now_are_kept_when_the_clock_is_set_back() -> None:
    moments = [NOW + timedelta(days=day) for day in range(1, 40)]
    reset_clock = datetime(2000, 1, 1)
    policy = RetentionPolicy(keep_last=2, daily_days=0, monthly_months=0)
    assert backups_to_delete(stamps(moments), policy, reset_clock) == []


@given(
    st.lists(
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2026, 11, 26, 12)),
        max_size=60,
    ),
    st.integers(0, 15),
    st.integers(0, 40),
    st.integers(0, 15),
)
def test_keep_and_delete_split_the_backups(
    moments: list[datetime], last: int, days: int, months: int
) -> None:
    policy = RetentionPolicy(keep_last=last, daily_days=days, monthly_months=months)
    items = stamps(moments)
    kept = backups_to_keep(items, policy, NOW)
    deleted = backups_to_delete(items, policy, NOW)
    assert kept.isdisjoint(deleted)
    assert kept | set(deleted) == set(range(len(moments)))
    if moments:
        newest = max(items, key=lambda item: item[1])[1]
        assert any(moments[key] == newest for key in kept)
    assert len(kept) <= policy.keep_last + policy.daily_days + policy.monthly_months


def test_the_newest_backup_of_each_milestone_is_always_kept() -> None:
    # Backups taken before two upgrades, a year and more ago: out of every window.
    moments = [NOW - timedelta(minutes=i) for i in range(3)] + [
        NOW - timedelta(days=400),
        NOW - timedelta(days=401),
        NOW - timedelta(days=500),
    ]
    policy = RetentionPolicy(keep_last=1, daily_days=0, monthly_months=0)
    milestones = {3: "0002_assemblies", 4: "0002_assemblies", 5: "0001_initial"}
    kept = backups_to_keep(stamps(moments), policy, NOW, milestones)
    assert kept == {0, 3, 5}
    assert backups_to_delete(stamps(moments), policy, NOW, milestones) == [4, 2, 1]
    assert backups_to_keep(stamps(moments), policy, NOW) == {0}
