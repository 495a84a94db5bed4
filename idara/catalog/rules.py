"""The rules of Law 55-19 that the catalogue enforces (LAW.md L1, L6, L7, L10).

Each rule is one function; figures that vary by procedure live in the catalogue.
"""

import re
from datetime import date

from idara.text import fold

GENERAL_CEILING_DAYS = 60
INVESTMENT_CEILING_DAYS = 30


class RuleBroken(ValueError):
    """A fiche that the law does not allow. `field` names what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def deadline_ceiling(investment_linked: bool) -> int:
    """L6: "The administration answers within the procedure's deadline, at most 60 days
    (30 days for acts linked to investment)." """
    return INVESTMENT_CEILING_DAYS if investment_linked else GENERAL_CEILING_DAYS


def deadline_within_ceiling(days: int | None, investment_linked: bool) -> bool:
    """L6: "The catalogue refuses a deadline above the ceiling of its category." """
    return days is None or days <= deadline_ceiling(investment_linked)


def deadline_in_force(published_days: int | None, investment_linked: bool) -> int:
    """L6: "A procedure whose deadline is not published takes the ceiling, shown as such." """
    if published_days is None:
        return deadline_ceiling(investment_linked)
    return published_days


# Matched on folded text (no accents, case or hamza): "légalisée", "مصححة الإمضاء"…
_LEGALISATION = re.compile(r"legalis|تصحيح الامضا|مصحح(ه)? الامضا|مصادق علي")


def requires_legalisation(document_name: str) -> bool:
    """L10: "Copies need no legalisation": "No procedure may require a legalised copy"."""
    return bool(_LEGALISATION.search(fold(document_name)))


def silence_is_acceptance(published: bool | None) -> bool:
    """L7: silence past the deadline means acceptance only "for the acts that decree
    n° 2-22-141 lists"; an act the catalogue does not mark as listed is not accepted by silence."""
    return published is True


def version_in_force(versions, on: date):
    """L1: a dossier "is bound to the version of the fiche in force when it was filed":
    the latest version whose effective date has come."""
    in_force = [v for v in versions if v.effective_from <= on]
    return max(in_force, key=lambda v: (v.effective_from, v.number), default=None)
