"""The clock, rule by rule (LAW.md, "How the clock counts"), then its invariants (hypothesis).

No Django here: the clock is pure arithmetic.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idara.clock import SuspensionError, due_date, is_working_day

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 3, d) for d in range(2, 9))  # 2-8 March 2026
NEXT_MON = date(2026, 3, 9)


def test_law_md_example_a_complete_file_with_60_days():
    """ "a complete file filed on Monday 2 March 2026 with a 60-day deadline counts 3 March to
    1 May as its 60 days; its last day is Saturday 2 May, which moves to Monday 4 May." """
    assert due_date(date(2026, 3, 2), 60, working_days=False) == date(2026, 5, 4)


def test_law_md_example_15_days_and_a_suspension():
    """ "Filed on Tuesday 3 February 2026 with 15 days and a suspension from 6 to 9 February, it
    counts 4 and 5 February, then 10 to 22 February: its last day is Monday 23 February." """
    assert due_date(
        date(2026, 2, 3), 15, working_days=False, suspensions=[(date(2026, 2, 6), date(2026, 2, 9))]
    ) == date(2026, 2, 23)


def test_a_full_deadline_ends_with_the_n_plus_first_day_that_counts():
    """ "neither the day of the event nor the last day of the period counts, so a deadline of
    N days ends at the end of the (N + 1)th day that counts after the day of the event: in
    calendar days with no suspension, D + N + 1." """
    assert due_date(MON, 1, working_days=False) == WED
    assert due_date(MON, 2, working_days=False) == THU
    assert due_date(date(2026, 1, 5), 30, working_days=False) == date(2026, 2, 5)


def test_calendar_days_every_day_counts():
    """ "Law 55-19 counts calendar days: every day counts." """
    assert due_date(MON, 3, working_days=False, holidays={TUE, WED}) == FRI


def test_working_days_skip_saturdays_sundays_and_public_holidays():
    """ "Where a fiche's own text counts working days, Saturdays, Sundays and public holidays
    do not." """
    assert due_date(WED, 2, working_days=True) == NEXT_MON  # Thursday, Friday, then Monday
    assert due_date(WED, 2, working_days=True, holidays={NEXT_MON}) == date(2026, 3, 10)


def test_a_suspension_stops_the_clock_both_days_included_and_it_resumes_for_what_remained():
    """ "A suspension (R2, R5) stops the clock from the day the request reaches the user to the
    day the answer arrives, both included ... counting then resumes for what remained." """
    assert due_date(MON, 2, working_days=False) == THU
    assert due_date(MON, 2, working_days=False, suspensions=[(TUE, TUE)]) == FRI
    assert due_date(MON, 1, working_days=False, suspensions=[(TUE, WED)]) == FRI


def test_one_extension_adds_its_days_counted_the_same_way():
    """ "One extension (R6) adds its days once, counted the same way." """
    assert due_date(MON, 2, working_days=True, extension_days=3) == due_date(
        MON, 5, working_days=True
    )
    assert due_date(MON, 3, working_days=True, extension_days=1) == NEXT_MON


def test_a_last_day_on_a_weekend_or_holiday_moves_to_the_next_working_day():
    """ "A last day that falls on a Saturday, a Sunday or a public holiday moves to the next day
    that is none of these" """
    assert due_date(MON, 4, working_days=False) == NEXT_MON  # Saturday
    assert due_date(MON, 5, working_days=False) == NEXT_MON  # Sunday
    assert due_date(MON, 2, working_days=False, holidays={THU}) == FRI
    assert due_date(THU, 0, working_days=False, holidays={FRI}) == NEXT_MON


def test_a_suspension_before_the_starting_day_or_ending_before_it_starts_is_an_error():
    """ "A suspension that starts before the starting day, or ends before it starts, is an
    error." """
    with pytest.raises(SuspensionError, match="before the starting day"):
        due_date(TUE, 5, working_days=False, suspensions=[(MON, WED)])
    with pytest.raises(SuspensionError, match="before it starts"):
        due_date(MON, 5, working_days=False, suspensions=[(WED, TUE)])
    assert due_date(MON, 1, working_days=False, suspensions=[(MON, MON)]) == WED


def test_sixty_days_across_new_year_and_a_holiday():
    """A 60-day deadline from 2 December 2025 in calendar days: its last day is Sunday
    1 February 2026, moved to Monday 2 February; 11 January (Manifesto of Independence) is a
    holiday, which calendar days count."""
    assert due_date(date(2025, 12, 2), 60, working_days=False) == date(2026, 2, 2)
    assert due_date(
        date(2025, 12, 2), 60, working_days=False, holidays={date(2026, 1, 11)}
    ) == date(2026, 2, 2)


days = st.integers(min_value=0, max_value=90)
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
holiday_sets = st.frozensets(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 6, 30)), max_size=30
)


@st.composite
def suspended(draw):
    filed = draw(dates)
    start = filed + timedelta(days=draw(st.integers(0, 60)))
    end = start + timedelta(days=draw(st.integers(0, 40)))
    return filed, (start, end)


@given(dates, days, st.booleans(), holiday_sets)
def test_the_last_day_is_a_working_day_after_the_starting_day(filed, n, working, holidays):
    due = due_date(filed, n, working_days=working, holidays=holidays)
    assert due > filed
    assert is_working_day(due, holidays)


@given(dates, days, st.booleans(), holiday_sets)
def test_one_more_day_never_brings_the_due_date_earlier(filed, n, working, holidays):
    assert due_date(filed, n + 1, working_days=working, holidays=holidays) >= due_date(
        filed, n, working_days=working, holidays=holidays
    )


@given(dates, days, st.integers(0, 30), st.booleans(), holiday_sets)
def test_an_extension_counts_like_more_days(filed, n, extension, working, holidays):
    assert due_date(
        filed, n, working_days=working, holidays=holidays, extension_days=extension
    ) == due_date(filed, n + extension, working_days=working, holidays=holidays)


@given(dates, st.integers(0, 90), holiday_sets)
def test_in_working_days_the_last_day_is_the_n_plus_first_working_day(filed, n, holidays):
    due = due_date(filed, n, working_days=True, holidays=holidays)
    counted = [filed + timedelta(days=k) for k in range(1, (due - filed).days + 1)]
    assert sum(is_working_day(d, holidays) for d in counted) == n + 1


@given(suspended(), days, st.booleans(), holiday_sets)
def test_a_suspension_never_brings_the_due_date_earlier_nor_delays_it_more_than_its_length(
    filed_and_suspension, n, working, holidays
):
    filed, (start, end) = filed_and_suspension
    plain = due_date(filed, n, working_days=working, holidays=holidays)
    stopped = due_date(
        filed, n, working_days=working, holidays=holidays, suspensions=[(start, end)]
    )
    assert stopped >= plain
    if not working and start > plain:
        assert stopped == plain  # a suspension after the due date changes nothing


@given(dates, days)
def test_calendar_days_end_on_d_plus_n_plus_1_unless_moved_off_a_weekend(filed, n):
    due = due_date(filed, n, working_days=False)
    assert 1 <= (due - filed).days - n <= 3
