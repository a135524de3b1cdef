"""desdesk.domain.attendance_rules: roll-call counts, absence runs and attendance rates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desdesk.domain import assembly_rules
from desdesk.domain.assembly_rules import AssemblyRules, over_exclusion_threshold
from desdesk.domain.attendance_rules import (
    AttendanceCount,
    MemberAttendance,
    consecutive_absences,
    count_attendance,
    member_attendance,
)
from desdesk.domain.enums import AttendanceStatus

PRIMARY = AttendanceStatus.PRESENT_PRIMARY
SUBSTITUTE = AttendanceStatus.PRESENT_SUBSTITUTE
PROXY = AttendanceStatus.PROXY
JUSTIFIED = AttendanceStatus.ABSENT_JUSTIFIED
ABSENT = AttendanceStatus.ABSENT

histories = st.lists(st.one_of(st.none(), st.sampled_from(list(AttendanceStatus))), max_size=30)


def test_the_attendance_api_is_also_in_assembly_rules() -> None:
    assert assembly_rules.count_attendance is count_attendance
    assert assembly_rules.consecutive_absences is consecutive_absences
    assert assembly_rules.member_attendance is member_attendance


# count_attendance


def test_roll_call_is_counted_by_status() -> None:
    statuses = [PRIMARY, PRIMARY, SUBSTITUTE, PROXY, PROXY, PROXY, JUSTIFIED, ABSENT, None]
    count = count_attendance(statuses, members=12)
    assert count == AttendanceCount(
        members=12,
        present_primary=2,
        present_substitute=1,
        represented=3,
        absent_justified=1,
        absent=1,
    )
    assert count.present == 3
    assert count.voters == 6
    assert count.not_recorded == 4  # the None and three members without a row


def test_empty_roll_call_has_everyone_not_recorded() -> None:
    count = count_attendance([], members=5)
    assert (count.present, count.voters, count.not_recorded) == (0, 0, 5)


def test_not_recorded_is_never_negative() -> None:
    assert count_attendance([ABSENT, ABSENT, ABSENT], members=2).not_recorded == 0


def test_count_accepts_any_iterable() -> None:
    assert count_attendance(iter([PRIMARY, PROXY]), members=2).voters == 2


@given(histories)
def test_counts_add_up_to_the_members(statuses: list[AttendanceStatus | None]) -> None:
    count = count_attendance(statuses, members=len(statuses))
    recorded = count.voters + count.absent_justified + count.absent
    assert recorded + count.not_recorded == len(statuses)
    assert count.not_recorded == statuses.count(None)


# consecutive_absences


@pytest.mark.parametrize(
    ("history", "run"),
    [
        ([], 0),
        ([ABSENT], 1),
        ([ABSENT, ABSENT, ABSENT], 3),
        ([PRIMARY, ABSENT, ABSENT], 2),
        ([ABSENT, ABSENT, PRIMARY], 0),
        ([ABSENT, ABSENT, SUBSTITUTE], 0),  # a substitute present is present
        ([ABSENT, SUBSTITUTE, ABSENT], 1),
        ([ABSENT, ABSENT, PROXY], 0),  # a proxy is represented, not absent
        ([ABSENT, PROXY, ABSENT, ABSENT], 2),
        ([ABSENT, JUSTIFIED, ABSENT], 3),  # justified absences count by default
        ([JUSTIFIED, JUSTIFIED, JUSTIFIED], 3),
        ([ABSENT, None, ABSENT], 2),  # not recorded neither breaks nor extends the run
        ([PRIMARY, None, None], 0),
        ([PRIMARY, ABSENT, None, None, ABSENT, None], 2),
        ([None, None], 0),
    ],
)
def test_consecutive_absences_are_the_trailing_run(
    history: list[AttendanceStatus | None], run: int
) -> None:
    assert consecutive_absences(history) == run


@pytest.mark.parametrize(
    ("history", "run"),
    [
        ([ABSENT, JUSTIFIED, ABSENT], 1),
        ([ABSENT, ABSENT, JUSTIFIED], 0),
        ([JUSTIFIED, ABSENT, None, ABSENT], 2),
    ],
)
def test_justified_absences_can_end_the_run_instead(
    history: list[AttendanceStatus | None], run: int
) -> None:
    assert consecutive_absences(history, count_justified=False) == run


@given(histories)
def test_the_run_never_exceeds_the_recorded_absences(
    history: list[AttendanceStatus | None],
) -> None:
    run = consecutive_absences(history)
    assert 0 <= run <= history.count(ABSENT) + history.count(JUSTIFIED)
    assert consecutive_absences([*history, PRIMARY]) == 0
    assert consecutive_absences([*history, ABSENT]) == run + 1
    assert consecutive_absences([*history, None]) == run


def test_exclusion_threshold_is_reached_at_the_threshold() -> None:
    rules = AssemblyRules()
    assert not over_exclusion_threshold(2, rules)
    assert over_exclusion_threshold(3, rules)
    assert over_exclusion_threshold(4, rules)
    strict = AssemblyRules(exclusion_threshold=5)
    assert not over_exclusion_threshold(4, strict)
    assert over_exclusion_threshold(5, strict)


def test_a_member_at_the_threshold_through_a_substitute_gap_is_not_flagged() -> None:
    history = [ABSENT, ABSENT, SUBSTITUTE, ABSENT, ABSENT]
    assert not over_exclusion_threshold(consecutive_absences(history), AssemblyRules())


# member_attendance


def test_member_attendance_summarises_the_history() -> None:
    history = [PRIMARY, SUBSTITUTE, PROXY, JUSTIFIED, ABSENT, None, ABSENT]
    record = member_attendance(history)
    assert record == MemberAttendance(
        convened=7,
        present_primary=1,
        present_substitute=1,
        represented=1,
        absent_justified=1,
        absent=2,
        current_absence_run=3,
    )
    assert record.present == 2
    assert record.attended == 3
    assert record.not_recorded == 1
    assert record.rate == pytest.approx(3 / 6)  # the unrecorded assembly is left out


@pytest.mark.parametrize(
    ("history", "rate"),
    [
        ([PRIMARY, PRIMARY, ABSENT, ABSENT], 0.5),
        ([SUBSTITUTE, PROXY], 1.0),  # substitutes and proxies both count as taking part
        ([JUSTIFIED, ABSENT], 0.0),
        ([PRIMARY, None, None, None], 1.0),
    ],
)
def test_attendance_rate(history: list[AttendanceStatus | None], rate: float) -> None:
    assert member_attendance(history).rate == pytest.approx(rate)


@pytest.mark.parametrize("history", [[], [None], [None, None]])
def test_no_rate_without_recorded_assemblies(history: list[AttendanceStatus | None]) -> None:
    assert member_attendance(history).rate is None


@given(histories)
def test_rate_is_a_share(history: list[AttendanceStatus | None]) -> None:
    record = member_attendance(history)
    assert record.convened == len(history)
    assert record.current_absence_run == consecutive_absences(history)
    if record.rate is not None:
        assert 0.0 <= record.rate <= 1.0
