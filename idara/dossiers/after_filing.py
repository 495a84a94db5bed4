"""What a module does when one of its procedures is filed (a permit's commission is asked
for its opinions), in the filing's own transaction: nothing happens unless the filing is
committed, and the filing is not committed unless it happened. Practice dossiers skip it."""

from collections.abc import Callable

AfterFiling = Callable[[object], None]  # (dossier)
_STEPS: list[AfterFiling] = []


def register(step: AfterFiling) -> AfterFiling:
    if step not in _STEPS:
        _STEPS.append(step)
    return step


def run(dossier) -> None:
    for step in _STEPS:
        step(dossier)
