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


def test_the_filing_day_is_day_0_and_counting_starts_the_next_day():
    """ "The filing day is day 0; counting starts the next day." """
    assert due_date(MON, 1, working_days=False) == TUE
    assert due_date(MON, 0, working_days=False) == MON


def test_calendar_days_every_day_counts():
    """ "Calendar days: every day counts." """
    assert due_date(MON, 3, working_days=False) == THU
    assert due_date(date(2026, 1, 5), 30, working_days=False) == date(2026, 2, 4)


def test_working_days_skip_saturdays_sundays_and_public_holidays():
    """ "Working days: Saturdays, Sundays and public holidays do not." """
    assert due_date(THU, 2, working_days=True) == NEXT_MON
    assert due_date(THU, 2, working_days=True, holidays={NEXT_MON}) == date(2026, 3, 10)


def test_a_request_for_documents_stops_the_clock_both_days_included():
    """ "from the day it is sent to the day the documents arrive, both included, no day counts." """
    # Filed Monday, 5 calendar days: due Saturday, moved to Monday. Documents asked Tuesday,
    # received Wednesday: two days do not count, so the count ends on Monday, a working day.
    assert due_date(MON, 5, working_days=False) == NEXT_MON
    assert due_date(MON, 4, working_days=False, suspensions=[(TUE, WED)]) == NEXT_MON
    assert due_date(MON, 3, working_days=False, suspensions=[(TUE, TUE)]) == FRI


def test_one_extension_adds_its_days_counted_the_same_way():
    """ "One extension (where the fiche allows it) adds its days once, counted the same way." """
    assert due_date(MON, 2, working_days=True, extension_days=3) == due_date(
        MON, 5, working_days=True
    )
    assert due_date(MON, 4, working_days=True, extension_days=1) == NEXT_MON


def test_a_due_date_on_a_weekend_or_holiday_moves_to_the_next_working_day():
    """ "A due date that falls on a Saturday, a Sunday or a public holiday moves to the next day
    that is none of these, whichever way the days were counted." """
    assert due_date(MON, 5, working_days=False) == NEXT_MON  # Saturday
    assert due_date(MON, 6, working_days=False) == NEXT_MON  # Sunday
    assert due_date(MON, 3, working_days=False, holidays={THU}) == FRI
    assert due_date(FRI, 0, working_days=False, holidays={NEXT_MON}) == FRI
    assert due_date(SAT, 0, working_days=True, holidays={NEXT_MON}) == date(2026, 3, 10)


def test_a_suspension_before_the_filing_day_or_ending_before_it_starts_is_an_error():
    """ "A suspension that starts before the filing day, or ends before it starts, is an error." """
    with pytest.raises(SuspensionError, match="before the filing day"):
        due_date(TUE, 5, working_days=False, suspensions=[(MON, WED)])
    with pytest.raises(SuspensionError, match="before it starts"):
        due_date(MON, 5, working_days=False, suspensions=[(WED, TUE)])
    assert due_date(MON, 1, working_days=False, suspensions=[(MON, MON)]) == TUE


def test_sixty_days_across_new_year_and_a_holiday():
    """A 60-day deadline filed on 2 December 2025 in calendar days: 31 January 2026 is a Saturday,
    so the due date moves to Monday 2 February; with 11 January (Manifesto of Independence) as a
    holiday nothing changes, since calendar days count holidays."""
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
def test_the_due_date_is_a_working_day_on_or_after_the_filing_day(filed, n, working, holidays):
    due = due_date(filed, n, working_days=working, holidays=holidays)
    assert due >= filed
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


@given(dates, st.integers(1, 90), holiday_sets)
def test_in_working_days_exactly_n_working_days_are_counted(filed, n, holidays):
    due = due_date(filed, n, working_days=True, holidays=holidays)
    counted = [filed + timedelta(days=k) for k in range(1, (due - filed).days + 1)]
    assert sum(is_working_day(d, holidays) for d in counted) == n


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
def test_calendar_days_land_exactly_n_days_later_unless_moved_off_a_weekend(filed, n):
    due = due_date(filed, n, working_days=False)
    assert 0 <= (due - filed).days - n <= 2
