"""A dossier's legal state, computed from its dates at any moment (LAW.md L5, L7, L9).

No job has to run for a dossier to be tacitly accepted: these functions say it the
moment the due date has passed; the sweep only writes it down and notifies.
"""

from datetime import date

from django.utils import timezone

from idara.clock import due_date
from idara.dossiers.models import OPEN_STATUSES, Status


def suspensions(dossier) -> list[tuple[date, date]]:
    if dossier.documents_requested_on and dossier.documents_received_on:
        return [(dossier.documents_requested_on, dossier.documents_received_on)]
    return []


def awaiting_documents(dossier) -> bool:
    """L5 and the clock: "While the documents are awaited there is no due date." """
    return bool(dossier.documents_requested_on) and not dossier.documents_received_on


def legal_due_date(dossier, holidays) -> date | None:
    if awaiting_documents(dossier):
        return None
    return due_date(
        dossier.filed_on,
        dossier.deadline_days,
        working_days=dossier.working_days,
        holidays=holidays,
        suspensions=suspensions(dossier),
        extension_days=dossier.extension_days,
    )


def tacitly_accepted(dossier, due: date | None, today: date) -> bool:
    """L7: "At the due date with no decision, the dossier is tacitly accepted" — for the acts
    whose silence means acceptance, once the due date has passed with the dossier still open."""
    return (
        dossier.silence_means_acceptance
        and dossier.status in OPEN_STATUSES
        and due is not None
        and today > due
    )


def legal_status(dossier, due: date | None, today: date) -> str:
    if tacitly_accepted(dossier, due, today):
        return Status.TACITLY_ACCEPTED
    return dossier.status


def silent_refusal(dossier, due: date | None, today: date) -> bool:
    """L9: "a silence that is not an acceptance" past the due date, which may be appealed."""
    return (
        not dossier.silence_means_acceptance
        and dossier.status in OPEN_STATUSES
        and due is not None
        and today > due
    )


def appeal_open_until(dossier, due: date | None, today: date, holidays) -> date | None:
    """R9: a refusal, or a silence that is not an acceptance, "may be appealed within 30 days of
    the deadline's passing or of receiving the refusal" (the procedure's appeal deadline,
    counted by the clock as a full deadline); None when it may not be appealed."""

    if dossier.appeal_of_id is not None:
        return None  # an appeal is not appealed again here
    if dossier.status == Status.REFUSED and dossier.decided_at:
        start = timezone.localdate(dossier.decided_at)
    elif silent_refusal(dossier, due, today):
        start = due
    else:
        return None
    until = due_date(start, dossier.appeal_days, working_days=False, holidays=holidays)
    return until if today <= until else None
