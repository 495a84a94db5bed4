"""The rules of Law 55-19 that the catalogue enforces (LAW.md L1, L6, L7, L10).

Each rule is one function; figures that vary by procedure live in the catalogue.
"""

import re
from datetime import date

from idara.catalog.document_types import forbidden
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


def extension_days_allowed(extension_basis: str, extension_days: int) -> int:
    """R6 (art. 17; decree 2-22-386; decree 2-22-141 art. 5(b)): "One extension, only where
    the act is listed as needing a technical expertise or a public enquiry": the days a
    dossier may be extended by, none unless a text lists the act."""
    return extension_days if (extension_basis or "").strip() else 0


# Matched on folded text (no accents, case or hamza): "légalisée", "مصححة الإمضاء",
# "copie certifiée conforme", "مطابقة للأصل"… ("légaliser" names the act of legalising, which
# the legalisation procedure itself is about, not a copy it requires).
_LEGALISED_OR_CERTIFIED = re.compile(
    r"legalise(e|es|s)?\b|copie certifiee|certifiee conforme|copie conforme|conforme a l original|"
    r"تصحيح الامضا|مصحح(ه)? الامضا|مصادق علي|مطابق(ه)? للاصل|مشهود بمطابقت"
)


def asks_legalised_or_certified_copy(document_name: str) -> bool:
    """R2 (art. 7): "One copy of each document; no legalised signatures; no certified
    copies": the catalogue refuses a required document worded as one, in French or Arabic."""
    return bool(_LEGALISED_OR_CERTIFIED.search(fold(document_name)))


def document_may_be_required(document_type: str, names: tuple[str, ...]) -> bool:
    """R1, R2: a document is required by its type, and no type or wording of a legalised or
    certified copy may be."""
    return not forbidden(document_type) and not any(
        asks_legalised_or_certified_copy(n) for n in names
    )


def document_applies(required_when: dict | None, answers: dict) -> bool:
    """R1: "A document may be required only when an answer of the form makes it apply (a shop
    does not give a restaurant's kitchen plan)"."""
    if not required_when:
        return True
    return answers.get(required_when["field"]) in required_when["in"]


def sworn_statement_may_replace(document) -> bool:
    """R2 (art. 7): "A declaration on honour (تصريح بالشرف) may replace a document where the
    fiche says so"; never a document the administration holds or issues itself."""
    return bool(document.sworn_statement_allowed)


def condition_fits_form(required_when: dict | None, form_schema: dict) -> bool:
    """A condition names a choice of the form and answers that choice offers."""
    if required_when is None:
        return True
    field = form_schema.get("properties", {}).get(required_when.get("field"), {})
    answers = required_when.get("in")
    return (
        bool(answers) and isinstance(answers, list) and set(answers) <= set(field.get("enum", []))
    )


def silence_is_acceptance(published: bool | None) -> bool:
    """L7: silence past the deadline means acceptance only "for the acts that decree
    n° 2-22-141 lists"; an act the catalogue does not mark as listed is not accepted by silence."""
    return published is True


def version_in_force(versions, on: date):
    """L1: a dossier "is bound to the version of the fiche in force when it was filed":
    the latest version whose effective date has come."""
    in_force = [v for v in versions if v.effective_from <= on]
    return max(in_force, key=lambda v: (v.effective_from, v.number), default=None)
