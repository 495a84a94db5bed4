"""The legal clock of Law 55-19: pure date arithmetic, no Django (LAW.md, "How the clock counts").

It is the only place that counts days.
"""

from collections.abc import Collection, Sequence
from datetime import date, timedelta

__all__ = [
    "SuspensionError",
    "due_date",
    "elapsed_days",
    "is_working_day",
    "within_first_half",
]

DAY = timedelta(days=1)
SATURDAY, SUNDAY = 5, 6


class SuspensionError(ValueError):
    """A suspension that starts before the starting day, or ends before it starts."""


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    """ "Where a fiche's own text counts working days, Saturdays, Sundays and public holidays
    do not." """
    return day.weekday() not in (SATURDAY, SUNDAY) and day not in holidays


def due_date(
    filed_on: date,
    days: int,
    *,
    working_days: bool,
    holidays: Collection[date] = (),
    suspensions: Sequence[tuple[date, date]] = (),
    extension_days: int = 0,
) -> date:
    """The last day of a deadline of `days` days whose clock starts on `filed_on` (the day of
    the event the article names: the day the file became complete, a request reached the
    user, a refusal was received...).

    - "Full deadlines (art. 31 ...): neither the day of the event nor the last day of the
      period counts, so a deadline of N days ends at the end of the (N + 1)th day that counts
      after the day of the event: in calendar days with no suspension, D + N + 1."
    - "Law 55-19 counts calendar days: every day counts. Where a fiche's own text counts
      working days, Saturdays, Sundays and public holidays do not."
    - "A suspension (R2, R5) stops the clock from the day the request reaches the user to the
      day the answer arrives, both included ... counting then resumes for what remained."
    - "One extension (R6) adds its days once, counted the same way."
    - "A last day that falls on a Saturday, a Sunday or a public holiday moves to the next day
      that is none of these."
    """
    if days < 0 or extension_days < 0:
        raise ValueError("days and extension_days cannot be negative")
    holidays = frozenset(holidays)
    stopped = _stopped_days(filed_on, suspensions)
    day, remaining = filed_on, days + extension_days + 1
    while remaining:
        day += DAY
        if _counts(day, stopped, working_days, holidays):
            remaining -= 1
    while not is_working_day(day, holidays):
        day += DAY
    return day


def elapsed_days(
    filed_on: date,
    until: date,
    suspensions: Sequence[tuple[date, date]] = (),
    *,
    working_days: bool = False,
    holidays: Collection[date] = (),
) -> int:
    """How many days have counted from the day after `filed_on` to `until` included, the days
    the clock stood still left out: a dossier's processing time in the transparency figures
    (calendar days), and the days run so far for the first half of a deadline."""
    if until < filed_on:
        raise ValueError("the count cannot end before the day it starts")
    holidays = frozenset(holidays)
    stopped = _stopped_days(filed_on, suspensions)
    return sum(
        1
        for n in range(1, (until - filed_on).days + 1)
        if _counts(filed_on + DAY * n, stopped, working_days, holidays)
    )


def within_first_half(
    filed_on: date,
    days: int,
    on: date,
    *,
    working_days: bool,
    holidays: Collection[date] = (),
    suspensions: Sequence[tuple[date, date]] = (),
) -> bool:
    """Whether a request sent on `on` is within the first half of the deadline (R2, R5):
    "on the day a request is sent, the days counted so far, suspensions excluded, are at most
    half of N as set, without any extension (floor(N/2) for an odd N)". A request sent on the
    day the clock starts is within it."""
    counted = elapsed_days(filed_on, on, suspensions, working_days=working_days, holidays=holidays)
    return counted <= days // 2


def _counts(day: date, stopped: frozenset[date], working_days: bool, holidays) -> bool:
    return day not in stopped and (not working_days or is_working_day(day, holidays))


def _stopped_days(filed_on: date, suspensions: Sequence[tuple[date, date]]) -> frozenset[date]:
    """Every day on which the clock stands still; each suspension checked first."""
    stopped = set()
    for requested_on, received_on in suspensions:
        if requested_on < filed_on:
            raise SuspensionError(
                f"a suspension cannot start ({requested_on}) before the starting day ({filed_on})"
            )
        if received_on < requested_on:
            raise SuspensionError(
                f"a suspension cannot end ({received_on}) before it starts ({requested_on})"
            )
        stopped.update(requested_on + DAY * n for n in range((received_on - requested_on).days + 1))
    return frozenset(stopped)
