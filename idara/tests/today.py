"""`make test TODAY=2027-12-31` (pytest --today): the whole session runs on another day.

time-machine moves the clock of the test process (the code under test, the live server's
thread, the fixtures) from the start of the session, and lets it tick: a test that fixes its
own date still does so inside. The programs the tests start (Chromium, Redis, the gunicorn of
the fault tests) keep the real date, as another machine would. libfaketime was tried first: it
moves every process, but Chromium's zygote hangs, Redis's allocator recurses into it, and
Python's timed waits never return under its monotonic clock.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

CASABLANCA = ZoneInfo("Africa/Casablanca")


def parse_today(text: str) -> datetime:
    """ "2027-12-31" (noon) or "2027-12-31 23:30", in Casablanca's time."""
    moment = datetime.fromisoformat(text.strip())
    if len(text.strip()) == 10:
        moment = moment.replace(hour=12)
    return moment.replace(tzinfo=CASABLANCA) if moment.tzinfo is None else moment


def move_the_clock(text: str) -> None:
    """Until the process ends: nothing stops it."""
    time_machine.travel(parse_today(text), tick=True).start()


# A plugin of its own (pyproject's addopts), so the option exists before any conftest is read.
def pytest_addoption(parser):
    parser.addoption(
        "--today",
        default="",
        help='run the session on this day, in Casablanca: "2027-12-31" or "2027-12-31 23:30"',
    )


def pytest_configure(config):
    text = config.getoption("--today")
    if text:
        try:
            move_the_clock(text)
        except ValueError:
            raise pytest.UsageError(f"--today: not a day: {text}")


def pytest_report_header(config):
    now = datetime.now(CASABLANCA).strftime("%Y-%m-%d %H:%M %Z")
    moved = config.getoption("--today")
    return f"today: {now} in Casablanca" + (f" (moved by --today {moved})" if moved else "")
