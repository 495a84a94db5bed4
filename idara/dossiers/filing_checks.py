"""Checks a module adds to the filing of its own procedures (the civil-status register checks
an order against the act it names). They run once the form itself is valid, and their
errors are shown like the form's: {field: [messages]}, nothing filed."""

from collections.abc import Callable

FilingCheck = Callable[[object, object], dict[str, list[str]]]
_CHECKS: list[FilingCheck] = []


def register(check: FilingCheck) -> FilingCheck:
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def errors_of(applicant, filing) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for check in _CHECKS:
        for name, messages in check(applicant, filing).items():
            errors.setdefault(name, []).extend(messages)
    return errors
