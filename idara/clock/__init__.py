"""The legal clock of Law 55-19: pure date arithmetic, no Django (LAW.md, "How the clock counts").

It is the only place that counts days.
"""

from collections.abc import Collection, Sequence
from datetime import date, timedelta

__all__ = ["SuspensionError", "due_date", "elapsed_days", "is_working_day"]

DAY = timedelta(days=1)
SATURDAY, SUNDAY = 5, 6


class SuspensionError(ValueError):
    """A suspension that starts before the filing day, or ends before it starts."""


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    """ "Working days: Saturdays, Sundays and public holidays do not [count]." """
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
    """The legal due date of a dossier filed on `filed_on`.

    - "The filing day is day 0; counting starts the next day."
    - "Calendar days: every day counts. Working days: Saturdays, Sundays and public holidays
      do not."
    - A request for missing documents "stops the clock: from the day it is sent to the day the
      documents arrive, both included, no day counts."
    - "One extension ... adds its days once, counted the same way."
    - "A due date that falls on a Saturday, a Sunday or a public holiday moves to the next day
      that is none of these, whichever way the days were counted."
    """
    if days < 0 or extension_days < 0:
        raise ValueError("days and extension_days cannot be negative")
    holidays = frozenset(holidays)
    stopped = _stopped_days(filed_on, suspensions)
    day, remaining = filed_on, days + extension_days
    while remaining:
        day += DAY
        if day in stopped or (working_days and not is_working_day(day, holidays)):
            continue
        remaining -= 1
    while not is_working_day(day, holidays):
        day += DAY
    return day


def elapsed_days(filed_on: date, until: date, suspensions: Sequence[tuple[date, date]] = ()) -> int:
    """How many calendar days a dossier took, from its filing to `until`, the days the clock
    stood still excluded: what the transparency figures call its processing time."""
    if until < filed_on:
        raise ValueError("a dossier cannot be decided before it is filed")
    stopped = _stopped_days(filed_on, suspensions)
    return sum(
        1 for n in range(1, (until - filed_on).days + 1) if filed_on + DAY * n not in stopped
    )


def _stopped_days(filed_on: date, suspensions: Sequence[tuple[date, date]]) -> frozenset[date]:
    """Every day on which the clock stands still; each suspension checked first."""
    stopped = set()
    for requested_on, received_on in suspensions:
        if requested_on < filed_on:
            raise SuspensionError(
                f"a suspension cannot start ({requested_on}) before the filing day ({filed_on})"
            )
        if received_on < requested_on:
            raise SuspensionError(
                f"a suspension cannot end ({received_on}) before it starts ({requested_on})"
            )
        stopped.update(requested_on + DAY * n for n in range((received_on - requested_on).days + 1))
    return frozenset(stopped)
