"""Moving the tests' clock to another day at the same local time."""

from datetime import date, datetime

import time_machine
from django.utils import timezone


def on(day: date, *, tick: bool = True):
    """Travel to `day` at the local time it is now, the clock ticking (the live server's
    requests see it too). Counted in local time, not by adding days to UTC: Morocco's offset
    changes during Ramadan, and a day added in UTC may then land on the day before."""
    now = timezone.localtime()
    return time_machine.travel(timezone.make_aware(datetime.combine(day, now.time())), tick=tick)
