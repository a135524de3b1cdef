"""Attendance at assemblies: the roll call's counts and a member's record over time.

Pure functions over `AttendanceStatus` values; `None` stands for a member whose status
was not recorded (a roll call not finished, an old assembly typed in without one).
Everything here is also importable from `desdesk.domain.assembly_rules`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desdesk.domain.enums import AttendanceStatus

PRESENT_STATUSES = frozenset(
    {AttendanceStatus.PRESENT_PRIMARY, AttendanceStatus.PRESENT_SUBSTITUTE}
)
ABSENT_STATUSES = frozenset({AttendanceStatus.ABSENT, AttendanceStatus.ABSENT_JUSTIFIED})


@dataclass(frozen=True)
class AttendanceCount:
    """The roll call of one assembly, counted: what the live counter and the minutes show."""

    members: int
    present_primary: int
    present_substitute: int
    represented: int
    absent_justified: int
    absent: int

    @property
    def present(self) -> int:
        return self.present_primary + self.present_substitute

    @property
    def voters(self) -> int:
        """Members that count for the quorum and may vote: present or represented by proxy."""
        return self.present + self.represented

    @property
    def not_recorded(self) -> int:
        """Members still without a status (never negative, even with inconsistent input)."""
        recorded = self.voters + self.absent_justified + self.absent
        return max(self.members - recorded, 0)


def count_attendance(statuses: Iterable[AttendanceStatus | None], members: int) -> AttendanceCount:
    """Count the statuses of one roll call; `members` is how many were entitled to attend.

    `members` is given apart because members without a status row are still members
    (they show up in `not_recorded`); `None` entries are counted the same way.
    """
    tally = Counter(status for status in statuses if status is not None)
    return AttendanceCount(
        members=members,
        present_primary=tally[AttendanceStatus.PRESENT_PRIMARY],
        present_substitute=tally[AttendanceStatus.PRESENT_SUBSTITUTE],
        represented=tally[AttendanceStatus.PROXY],
        absent_justified=tally[AttendanceStatus.ABSENT_JUSTIFIED],
        absent=tally[AttendanceStatus.ABSENT],
    )


def consecutive_absences(
    history: Sequence[AttendanceStatus | None], count_justified: bool = True
) -> int:
    """The member's current run of consecutive absences (rule H2).

    `history` lists the member's status at the assemblies held while it was a member,
    oldest first. The run is the trailing sequence of absences: a substitute present is
    present and a proxy is represented, so either ends the run; `None` (not recorded)
    neither ends nor extends it, since nothing is known about that assembly.

    Justified absences count as absences by default: the toolkit's "dispersione della
    partecipazione" (3.3) is about members who do not take part, whatever the reason.
    With `count_justified=False` a justified absence ends the run instead, for statutes
    that only exclude after consecutive *unjustified* absences.
    """
    run = 0
    for status in reversed(history):
        if status is None:
            continue
        if status is AttendanceStatus.ABSENT or (
            status is AttendanceStatus.ABSENT_JUSTIFIED and count_justified
        ):
            run += 1
        else:
            break
    return run


@dataclass(frozen=True)
class MemberAttendance:
    """One member's attendance over a period (the attendance record, rules H2 and H3)."""

    convened: int
    present_primary: int
    present_substitute: int
    represented: int
    absent_justified: int
    absent: int
    current_absence_run: int

    @property
    def present(self) -> int:
        return self.present_primary + self.present_substitute

    @property
    def attended(self) -> int:
        """Assemblies where the member took part: present (either referent) or by proxy."""
        return self.present + self.represented

    @property
    def not_recorded(self) -> int:
        recorded = self.attended + self.absent_justified + self.absent
        return max(self.convened - recorded, 0)

    @property
    def rate(self) -> float | None:
        """Share of the recorded assemblies the member took part in; None if none recorded.

        Assemblies without a recorded status are left out of the denominator: a roll
        call that was never taken says nothing about the member, and must not lower
        its rate (nor everyone else's).
        """
        recorded = self.convened - self.not_recorded
        return self.attended / recorded if recorded else None


def member_attendance(history: Sequence[AttendanceStatus | None]) -> MemberAttendance:
    """Summarise a member's statuses, oldest first, at the assemblies it was convened to."""
    count = count_attendance(history, members=len(history))
    return MemberAttendance(
        convened=len(history),
        present_primary=count.present_primary,
        present_substitute=count.present_substitute,
        represented=count.represented,
        absent_justified=count.absent_justified,
        absent=count.absent,
        current_absence_run=consecutive_absences(history),
    )
