"""Checks a module adds before a decision on its own procedures (a permit's commission must
have given its binding opinions). Each raises TransitionRefused with the reason; nothing is
decided then."""

from collections.abc import Callable

DecisionCheck = Callable[[object, str], None]  # (dossier, "accept" or "refuse")
_CHECKS: list[DecisionCheck] = []


def register(check: DecisionCheck) -> DecisionCheck:
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def check(dossier, action: str) -> None:
    for decision_check in _CHECKS:
        decision_check(dossier, action)
