"""desdesk.domain.assembly_rules: settings, quorum, proxies, convocation, votes, calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desdesk.domain.assembly_rules import (
    SETTING_RANGES,
    AssemblyRules,
    CalendarGap,
    QuorumState,
    add_months,
    convocation_warnings,
    count_attendance,
    describe_gap,
    notice_warning,
    past_date_warning,
    proxy_problem,
    quorum_message,
    quorum_required,
    quorum_state,
    required_majority_problem,
    resolution_passes,
    second_call_problem,
    six_month_gaps,
    task_is_overdue,
    unanimous_votes,
    vote_problems,
)
from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.i18n import set_language

DEFAULT = AssemblyRules()
FIRST, SECOND = Call.FIRST, Call.SECOND
PRIMARY = AttendanceStatus.PRESENT_PRIMARY
SUBSTITUTE = AttendanceStatus.PRESENT_SUBSTITUTE
PROXY = AttendanceStatus.PROXY
JUSTIFIED = AttendanceStatus.ABSENT_JUSTIFIED
ABSENT = AttendanceStatus.ABSENT

# Settings


def test_default_settings_follow_the_domain_and_are_valid() -> None:
    assert (
        AssemblyRules(
            notice_days=10,
            first_call_quorum_percent=50,
            second_call_quorum_minimum=1,
            proxies_per_member=3,
            exclusion_threshold=3,
        )
        == DEFAULT
    )
    assert DEFAULT.problems() == []


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("notice_days", -1, "Giorni di preavviso: indica un numero tra 0 e 90 (hai indicato -1)."),
        ("notice_days", 91, "tra 0 e 90 (hai indicato 91)"),
        ("first_call_quorum_percent", 100, "Quorum in prima convocazione (%)"),
        ("first_call_quorum_percent", -5, "tra 0 e 99"),
        ("second_call_quorum_minimum", 0, "Quorum in seconda convocazione"),
        ("proxies_per_member", -1, "Deleghe per aderente"),
        ("proxies_per_member", 21, "tra 0 e 20"),
        ("exclusion_threshold", 0, "Assenze consecutive per l'esclusione"),
    ],
)
def test_settings_out_of_range_are_refused_naming_the_range(
    field: str, value: int, words: str
) -> None:
    problems = AssemblyRules(**{field: value}).problems()
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message


@pytest.mark.parametrize("field", list(SETTING_RANGES))
def test_the_ends_of_each_range_are_accepted(field: str) -> None:
    low, high = SETTING_RANGES[field]
    assert AssemblyRules(**{field: low}).problems() == []
    assert AssemblyRules(**{field: high}).problems() == []


def test_every_wrong_setting_is_reported() -> None:
    rules = AssemblyRules(notice_days=-1, proxies_per_member=99, exclusion_threshold=0)
    assert [p.field for p in rules.problems()] == [
        "notice_days",
        "proxies_per_member",
        "exclusion_threshold",
    ]


def test_settings_problems_are_translated() -> None:
    set_language("en")
    (problem,) = AssemblyRules(notice_days=200).problems()
    assert problem.message.startswith("Days of notice:")


# Quorum


@pytest.mark.parametrize(
    ("members", "first", "second"),
    [(0, 1, 1), (1, 1, 1), (2, 2, 1), (9, 5, 1), (10, 6, 1), (11, 6, 1), (100, 51, 1)],
)
def test_default_quorum(members: int, first: int, second: int) -> None:
    assert quorum_required(members, FIRST, DEFAULT) == first
    assert quorum_required(members, SECOND, DEFAULT) == second


@pytest.mark.parametrize(
    ("members", "percent", "required"),
    [(10, 66, 7), (9, 66, 6), (3, 66, 2), (10, 0, 1), (10, 99, 10), (1, 99, 1), (12, 75, 10)],
)
def test_first_call_quorum_with_a_custom_percent(members: int, percent: int, required: int) -> None:
    rules = AssemblyRules(first_call_quorum_percent=percent)
    assert quorum_required(members, FIRST, rules) == required


@pytest.mark.parametrize(("members", "required"), [(0, 1), (1, 1), (2, 2), (5, 5), (10, 5)])
def test_second_call_minimum_never_exceeds_the_members(members: int, required: int) -> None:
    assert quorum_required(members, SECOND, AssemblyRules(second_call_quorum_minimum=5)) == required


def test_negative_members_are_a_bug() -> None:
    with pytest.raises(ValueError):
        quorum_required(-1, FIRST, DEFAULT)


@given(st.integers(0, 5000), st.integers(0, 99), st.sampled_from(list(Call)))
def test_quorum_is_monotonic_in_members(members: int, percent: int, call: Call) -> None:
    rules = AssemblyRules(first_call_quorum_percent=percent, second_call_quorum_minimum=3)
    assert quorum_required(members, call, rules) <= quorum_required(members + 1, call, rules)


@given(st.integers(0, 5000))
def test_default_first_call_quorum_is_the_smallest_majority(members: int) -> None:
    required = quorum_required(members, FIRST, DEFAULT)
    assert 2 * required > members
    assert 2 * (required - 1) <= members


@given(st.integers(1, 5000), st.integers(0, 99), st.integers(1, 9999))
def test_quorum_is_between_one_and_the_members(members: int, percent: int, minimum: int) -> None:
    rules = AssemblyRules(first_call_quorum_percent=percent, second_call_quorum_minimum=minimum)
    for call in Call:
        assert 1 <= quorum_required(members, call, rules) <= members


def test_quorum_state_counts_present_and_represented() -> None:
    statuses = [PRIMARY, PRIMARY, SUBSTITUTE, PROXY, PROXY, ABSENT, JUSTIFIED, None]
    count = count_attendance(statuses, members=10)
    state = quorum_state(count, FIRST, DEFAULT)
    assert state == QuorumState(required=6, counted=5)
    assert not state.reached
    assert state.missing == 1
    assert quorum_state(count, SECOND, DEFAULT).reached


def test_quorum_turns_reached_with_one_more() -> None:
    count = count_attendance([PRIMARY] * 5 + [SUBSTITUTE], members=10)
    state = quorum_state(count, FIRST, DEFAULT)
    assert state.reached
    assert state.missing == 0


def test_an_empty_district_never_has_a_quorum() -> None:
    count = count_attendance([], members=0)
    for call in Call:
        assert not quorum_state(count, call, DEFAULT).reached


def test_quorum_message_says_what_is_missing() -> None:
    assert quorum_message(QuorumState(required=6, counted=5)) == (
        "Quorum non raggiunto: manca 1 (5 presenti o rappresentati su 6 richiesti)."
    )
    assert "mancano 3 " in quorum_message(QuorumState(required=6, counted=3))
    assert quorum_message(QuorumState(required=6, counted=7)) == (
        "Quorum raggiunto: 7 presenti o rappresentati su 6 richiesti."
    )


# Proxies


def test_a_member_cannot_hold_its_own_proxy() -> None:
    reason = proxy_problem(PRIMARY, 0, DEFAULT, giver_id=7, holder_id=7)
    assert reason == "Un aderente non può delegare se stesso."


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (ABSENT, "risulta assente:"),
        (JUSTIFIED, "risulta assente giustificato"),
        (PROXY, "ha a sua volta delegato"),
        (None, "non risulta ancora presente"),
    ],
)
def test_the_holder_must_be_present(status: AttendanceStatus | None, words: str) -> None:
    reason = proxy_problem(status, 0, DEFAULT, giver_id=1, holder_id=2)
    assert reason is not None
    assert words in reason


def test_the_holder_at_the_limit_is_refused_with_the_numbers() -> None:
    reason = proxy_problem(PRIMARY, 3, DEFAULT, giver_id=1, holder_id=2)
    assert reason == "Ha già 3 deleghe: il limite del distretto è 3."
    one = proxy_problem(SUBSTITUTE, 1, AssemblyRules(proxies_per_member=1), 1, 2)
    assert one == "Ha già 1 delega: il limite del distretto è 1."


@pytest.mark.parametrize(("status", "held"), [(PRIMARY, 0), (SUBSTITUTE, 2), (PRIMARY, 2)])
def test_a_present_holder_under_the_limit_is_accepted(status: AttendanceStatus, held: int) -> None:
    assert proxy_problem(status, held, DEFAULT, giver_id=1, holder_id=2) is None


def test_a_district_without_proxies_refuses_them_all() -> None:
    reason = proxy_problem(PRIMARY, 0, AssemblyRules(proxies_per_member=0), 1, 2)
    assert reason == "Il distretto non ammette deleghe."


# Convocation

FIRST_CALL = datetime(2026, 3, 20, 18, 0)


def test_no_second_call_is_fine() -> None:
    assert second_call_problem(FIRST_CALL, None) is None


def test_second_call_on_another_later_day_is_fine() -> None:
    assert second_call_problem(FIRST_CALL, datetime(2026, 3, 21, 9, 0)) is None


@pytest.mark.parametrize("second", [datetime(2026, 3, 20, 19, 0), datetime(2026, 3, 20, 8, 0)])
def test_second_call_on_the_same_day_is_refused(second: datetime) -> None:
    assert second_call_problem(FIRST_CALL, second) == (
        "La seconda convocazione deve essere in un giorno diverso dalla prima."
    )


def test_second_call_before_the_first_is_refused_with_the_dates() -> None:
    reason = second_call_problem(FIRST_CALL, datetime(2026, 3, 19, 18, 0))
    assert reason == "La seconda convocazione (19/03/2026) deve essere dopo la prima (20/03/2026)."


@pytest.mark.parametrize(
    ("sent", "warned"),
    [(date(2026, 3, 10), False), (date(2026, 3, 1), False), (date(2026, 3, 11), True)],
)
def test_notice_from_the_sending_day(sent: date, warned: bool) -> None:
    warning = notice_warning(sent, FIRST_CALL.date(), DEFAULT, today=date(2026, 3, 15))
    assert (warning is not None) == warned


def test_short_notice_says_the_days() -> None:
    warning = notice_warning(date(2026, 3, 13), date(2026, 3, 20), DEFAULT, date(2026, 3, 13))
    assert warning == (
        "Preavviso troppo breve: 7 giorni tra l'invio (13/03/2026) e la prima convocazione "
        "(20/03/2026); il distretto ne prevede almeno 10 giorni."
    )


def test_unsent_convocation_counts_from_today() -> None:
    assert notice_warning(None, date(2026, 3, 20), DEFAULT, today=date(2026, 3, 10)) is None
    warning = notice_warning(None, date(2026, 3, 20), DEFAULT, today=date(2026, 3, 19))
    assert warning is not None
    assert warning.startswith("Se la invii oggi, il preavviso sarà di 1 giorno ")


def test_notice_accepts_datetimes_for_the_first_call() -> None:
    assert notice_warning(date(2026, 3, 1), FIRST_CALL, DEFAULT, date(2026, 3, 1)) is None


def test_sent_after_the_first_call_is_warned() -> None:
    warning = notice_warning(date(2026, 3, 21), date(2026, 3, 20), DEFAULT, date(2026, 3, 22))
    assert warning == (
        "La convocazione risulta inviata il 21/03/2026, dopo la prima convocazione del 20/03/2026."
    )


def test_a_district_without_notice_days_never_warns_of_notice() -> None:
    rules = AssemblyRules(notice_days=0)
    assert notice_warning(date(2026, 3, 20), date(2026, 3, 20), rules, date(2026, 3, 20)) is None


def test_past_date_warning() -> None:
    today = date(2026, 3, 21)
    assert past_date_warning(date(2026, 3, 21), today) is None
    assert past_date_warning(FIRST_CALL, today) == (
        "La prima convocazione è fissata il 20/03/2026, una data già passata."
    )


def test_convocation_warnings_do_not_repeat_the_past_date() -> None:
    today = date(2026, 3, 25)
    warnings = convocation_warnings(None, FIRST_CALL.date(), DEFAULT, today, new=True)
    assert warnings == [past_date_warning(FIRST_CALL.date(), today)]
    assert (
        convocation_warnings(date(2026, 3, 1), FIRST_CALL.date(), DEFAULT, today, new=False) == []
    )


# Votes


def test_votes_within_the_voters_are_fine() -> None:
    assert vote_problems(5, 2, 1, voters=8) == []
    assert vote_problems(0, 0, 0, voters=0) == []


def test_votes_over_the_voters_are_refused_with_both_numbers() -> None:
    (problem,) = vote_problems(6, 2, 1, voters=8)
    assert problem.field == "votes_for"
    assert problem.message == (
        "I voti espressi (9) superano gli aventi diritto presenti o rappresentati (8)."
    )


def test_negative_votes_are_refused_per_field() -> None:
    problems = vote_problems(-1, 2, -3, voters=8)
    assert [p.field for p in problems] == ["votes_for", "votes_abstained"]
    assert problems[0].message == "I voti favorevoli non possono essere negativi (hai indicato -1)."


@given(st.integers(0, 500), st.data())
def test_any_vote_triple_within_the_voters_has_no_problems(
    voters: int, data: st.DataObject
) -> None:
    in_favour = data.draw(st.integers(0, voters))
    against = data.draw(st.integers(0, voters - in_favour))
    abstained = data.draw(st.integers(0, voters - in_favour - against))
    assert vote_problems(in_favour, against, abstained, voters) == []
    assert vote_problems(in_favour, against, abstained + 1, voters) == [] or (
        in_favour + against + abstained == voters
    )


@given(st.integers(0, 500))
def test_unanimity_is_everyone_in_favour_and_passes(voters: int) -> None:
    votes = unanimous_votes(voters)
    assert votes == (voters, 0, 0)
    assert vote_problems(*votes, voters=voters) == []
    assert resolution_passes(*votes) == (voters > 0)


@pytest.mark.parametrize(
    ("votes", "passes"),
    [
        ((5, 4, 0), True),
        ((4, 4, 0), False),  # a tie fails
        ((3, 2, 10), True),  # abstentions do not count
        ((0, 0, 5), False),
        ((0, 0, 0), False),
    ],
)
def test_simple_majority_of_those_voting(votes: tuple[int, int, int], passes: bool) -> None:
    assert resolution_passes(*votes) is passes


@pytest.mark.parametrize(
    ("votes", "passes"),
    [
        ((2, 1, 0), True),  # 66.7 % > 66 %
        ((6, 3, 0), True),
        ((6, 3, 1), False),  # 60 %: abstentions count against a stronger majority
        ((66, 34, 0), False),  # exactly 66 % is not more than 66 %
        ((67, 33, 0), True),
        ((0, 0, 0), False),
    ],
)
def test_two_thirds_majority(votes: tuple[int, int, int], passes: bool) -> None:
    assert resolution_passes(*votes, required_majority_percent=66) is passes


def test_majority_percent_out_of_range_is_a_bug_and_a_problem() -> None:
    with pytest.raises(ValueError):
        resolution_passes(1, 0, 0, required_majority_percent=150)
    assert required_majority_problem(None) is None
    assert required_majority_problem(66) is None
    assert required_majority_problem(30) == (
        "La maggioranza richiesta è una percentuale tra 50 e 99 (hai indicato 30)."
    )


# The 6-month rule


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 10, 31), 3, date(2027, 1, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_add_months_clamps_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_assemblies_within_six_months_have_no_gap() -> None:
    dates = [date(2025, 8, 31), date(2026, 2, 28), date(2026, 8, 20)]
    assert six_month_gaps(dates, today=date(2026, 9, 1)) == []


def test_a_gap_of_six_months_and_a_day_is_flagged() -> None:
    gaps = six_month_gaps([date(2026, 3, 1), date(2025, 8, 31)], today=date(2026, 3, 2))
    assert gaps == [CalendarGap(after=date(2025, 8, 31), before=date(2026, 3, 1), days=182)]


def test_gap_to_today_only_when_nothing_is_planned_after() -> None:
    held = [date(2025, 1, 10), date(2025, 5, 10)]
    today = date(2026, 1, 10)
    assert six_month_gaps(held, today) == [
        CalendarGap(after=date(2025, 5, 10), before=None, days=245)
    ]
    planned = [*held, date(2026, 2, 1)]
    assert six_month_gaps(planned, today) == [
        CalendarGap(after=date(2025, 5, 10), before=date(2026, 2, 1), days=267)
    ]


def test_no_gap_to_today_within_the_months() -> None:
    assert six_month_gaps([date(2025, 8, 31)], today=date(2026, 2, 28)) == []
    assert six_month_gaps([date(2025, 8, 31)], today=date(2026, 3, 1))[0].before is None


def test_cancelled_assemblies_are_left_out_by_the_caller() -> None:
    held = date(2025, 1, 10)
    cancelled = date(2025, 5, 10)
    today = date(2025, 9, 1)
    assert six_month_gaps([held, cancelled], today) == []
    assert len(six_month_gaps([held], today)) == 1


def test_no_assemblies_at_all_is_one_open_gap() -> None:
    assert six_month_gaps([], date(2026, 1, 1)) == [CalendarGap(None, None, 0)]


def test_duplicates_and_order_do_not_matter() -> None:
    dates = [date(2026, 1, 1), date(2025, 1, 1), date(2026, 1, 1)]
    assert six_month_gaps(dates, date(2026, 1, 2)) == [
        CalendarGap(after=date(2025, 1, 1), before=date(2026, 1, 1), days=365)
    ]


def test_the_window_is_configurable() -> None:
    dates = [date(2026, 1, 1), date(2026, 5, 1)]
    assert len(six_month_gaps(dates, date(2026, 5, 2), months=3)) == 1
    with pytest.raises(ValueError):
        six_month_gaps(dates, date(2026, 5, 2), months=0)


@given(st.lists(st.dates(date(2000, 1, 1), date(2040, 1, 1)), max_size=12), st.dates())
def test_gaps_are_longer_than_the_rule(dates: list[date], today: date) -> None:
    for gap in six_month_gaps(dates, today):
        if gap.after is not None:
            end = gap.before or today
            assert end > add_months(gap.after, 6)
            assert gap.days == (end - gap.after).days > 180


def test_describe_gap() -> None:
    assert describe_gap(CalendarGap(date(2025, 5, 10), None, 245)) == (
        "Nessuna assemblea dal 10/05/2025 e nessuna in programma: "
        "ne va tenuta almeno una ogni 6 mesi."
    )
    between = describe_gap(CalendarGap(date(2025, 1, 1), date(2026, 1, 1), 365))
    assert "01/01/2025" in between
    assert "365 giorni" in between
    assert describe_gap(CalendarGap(None, None, 0), months=1).endswith("ogni 1 mese.")


# Tasks


@pytest.mark.parametrize(
    ("due", "done", "overdue"),
    [
        (date(2026, 3, 9), None, True),
        (date(2026, 3, 10), None, False),  # due today is not late yet
        (date(2026, 3, 11), None, False),
        (None, None, False),
        (date(2026, 3, 1), date(2026, 3, 5), False),  # done late is done
    ],
)
def test_task_is_overdue(due: date | None, done: date | None, overdue: bool) -> None:
    assert task_is_overdue(due, done, today=date(2026, 3, 10)) is overdue


def test_a_day_after_the_due_date_is_overdue() -> None:
    due = date(2026, 12, 31)
    assert task_is_overdue(due, None, due + timedelta(days=1))
