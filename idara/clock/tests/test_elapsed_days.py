"""Processing days, as the transparency figures count them with the clock's own rule:
"A suspension (R2, R5) stops the clock from the day the request reaches the user to the day the
answer arrives, both included" """

from datetime import date

import pytest

from idara.clock import SuspensionError, elapsed_days

FILED = date(2026, 3, 2)


def test_calendar_days_from_the_day_after_filing():
    assert elapsed_days(FILED, date(2026, 3, 12)) == 10
    assert elapsed_days(FILED, FILED) == 0


def test_the_days_the_clock_stood_still_are_left_out_both_included():
    stopped = [(date(2026, 3, 4), date(2026, 3, 6))]  # 3 days
    assert elapsed_days(FILED, date(2026, 3, 12), stopped) == 7


def test_a_decision_before_the_filing_or_a_backward_suspension_is_an_error():
    with pytest.raises(ValueError):
        elapsed_days(FILED, date(2026, 3, 1))
    with pytest.raises(SuspensionError):
        elapsed_days(FILED, date(2026, 3, 12), [(date(2026, 3, 6), date(2026, 3, 4))])
