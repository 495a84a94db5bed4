"""What a module does once a file of one of its procedures is complete (a permit's commission
is asked for its opinions): at filing when nothing is missing, else when the last missing
document arrives (R3, art. 10 §1: the file is examined from then, its clock starting that day).
It runs in that step's own transaction: nothing happens unless it is committed, and it is not
committed unless it happened. Practice dossiers skip it."""

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
