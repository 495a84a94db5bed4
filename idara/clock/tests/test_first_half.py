"""The first half of a deadline (R2, R5): "on the day a request is sent, the days counted so
far, suspensions excluded, are at most half of N as set, without any extension (floor(N/2) for
an odd N; a reading)." """

from datetime import date, timedelta

import pytest

from idara.clock import within_first_half

STARTED = date(2026, 3, 2)  # the file became complete on Monday 2 March 2026


def test_the_last_day_of_the_first_half_and_the_day_after():
    # 60 days: 3 March to 1 April are the first 30 counted days.
    assert within_first_half(STARTED, 60, date(2026, 4, 1), working_days=False)
    assert not within_first_half(STARTED, 60, date(2026, 4, 2), working_days=False)


def test_an_odd_deadline_has_floor_n_over_2_in_its_first_half():
    assert within_first_half(STARTED, 15, STARTED + timedelta(days=7), working_days=False)
    assert not within_first_half(STARTED, 15, STARTED + timedelta(days=8), working_days=False)


def test_the_day_the_clock_starts_is_within_it():
    assert within_first_half(STARTED, 1, STARTED, working_days=False)
    assert within_first_half(STARTED, 0, STARTED, working_days=False)


def test_suspended_days_are_not_counted():
    stopped = [(date(2026, 3, 10), date(2026, 3, 14))]  # 5 days stand still
    assert within_first_half(STARTED, 60, date(2026, 4, 6), working_days=False, suspensions=stopped)
    assert not within_first_half(
        STARTED, 60, date(2026, 4, 7), working_days=False, suspensions=stopped
    )


def test_working_days_count_only_working_days():
    # 10 working days: the first half is 5 of them, 3 to 9 March (the weekend does not count).
    assert within_first_half(STARTED, 10, date(2026, 3, 9), working_days=True)
    assert not within_first_half(STARTED, 10, date(2026, 3, 10), working_days=True)
    holiday = {date(2026, 3, 4)}
    assert within_first_half(STARTED, 10, date(2026, 3, 10), working_days=True, holidays=holiday)


def test_a_request_before_the_clock_starts_is_an_error():
    with pytest.raises(ValueError):
        within_first_half(STARTED, 60, date(2026, 3, 1), working_days=False)
