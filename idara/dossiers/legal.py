"""A dossier's legal state, computed from its dates at any moment (LAW.md R3, R5, R8, R9).

No job has to run for a dossier to be tacitly accepted: these functions say it the
moment the due date has passed; the sweep only writes it down and notifies.
"""

from datetime import date

from idara.catalog.rules import deadline_ceiling
from idara.clock import due_date, within_first_half
from idara.dossiers.models import OPEN_STATUSES, RequestKind, Status


def suspensions(dossier) -> list[tuple[date, date]]:
    """The clock: "A suspension (R2, R5) stops the clock from the day the request reaches the
    user to the day the answer arrives, both included" (the requests answered)."""
    return [(r.requested_on, r.answered_on) for r in dossier.requests.all() if r.answered_on]


def open_request(dossier):
    """The request that awaits the applicant's answer, if any (one at a time: while it is
    open the dossier is awaiting the applicant and nothing else can be asked)."""
    return next((r for r in dossier.requests.all() if r.answered_on is None), None)


def awaiting_applicant(dossier) -> bool:
    """The clock: "While an answer is awaited there is no due date." """
    return open_request(dossier) is not None


def asked_before(dossier, kind: str) -> bool:
    """R5: "three requests, each once": a kind already asked of this dossier is not asked
    again."""
    return any(r.kind == kind for r in dossier.requests.all())


# R3: "the user then has 30 days from filing to bring them, or the file is returned";
# R5 (a): "the user having 30 days from receiving it or the file is returned".
COMPLETION_DAYS = 30
REPLACEMENT_DAYS = 30
# R9 (art. 21): the president "answers within 15 days"; referred to the wali or governor, "who
# writes to the president to decide within 10 days of receiving the letter".
APPEAL_ANSWER_DAYS = 15
AFTER_GOVERNOR_LETTER_DAYS = 10
# R8 (art. 19 §2): the president delivers a tacitly accepted act "within 7 days" of the request
# for it; (art. 20) the wali or governor delivers the attestation within 10 days of the user's
# request reaching them.
ACT_DELIVERY_DAYS = 7
ATTESTATION_DAYS = 10
# R11 (art. 24): a document that cannot be obtained is told to the user "within 15 days of
# filing".
NOT_OBTAINED_NOTICE_DAYS = 15


def completion_due_on(dossier, holidays) -> date | None:
    """R3: the last day to bring the missing documents of a file being filed (a full deadline
    of 30 days from the filing); None for a file complete when filed."""
    if not dossier.missing_documents:
        return None
    return due_date(dossier.filed_on, COMPLETION_DAYS, working_days=False, holidays=holidays)


def replacement_due_on(request, holidays) -> date | None:
    """R5 (a): the last day to send the replaced documents, a full deadline of 30 days from
    the day the request reached the applicant; None for the other kinds of request."""
    if request.kind != RequestKind.REPLACE_DOCUMENT:
        return None
    return due_date(request.requested_on, REPLACEMENT_DAYS, working_days=False, holidays=holidays)


def returned(dossier, today: date, holidays) -> bool:
    """R3: a file still being filed past its 30 days "is `returned` from the next day"; R5 (a):
    so is a file whose document to replace has not come in the 30 days of the request."""
    if dossier.status == Status.BEING_FILED:
        return today > completion_due_on(dossier, holidays)
    if dossier.status == Status.AWAITING_APPLICANT:
        request = open_request(dossier)
        due = replacement_due_on(request, holidays) if request else None
        return due is not None and today > due
    return False


def clock_started_on(dossier) -> date | None:
    """R3: "The deadline starts only when the file is complete": the day the last missing
    document arrived, or the filing day when nothing was missing (a row that old code wrote
    during an upgrade has no completion day and nothing missing); None while being filed."""
    if dossier.complete_on is not None:
        return dossier.complete_on
    return None if dossier.missing_documents else dossier.filed_on


def legal_due_date(dossier, holidays) -> date | None:
    """R3: "The deadline starts only when the file is complete": none before, and none while
    an answer is awaited."""
    if dossier.status == Status.ESCALATED:
        return after_governor_letter_due_on(dossier, holidays)
    if dossier.attestation_of_id is not None:
        return attestation_due_on(dossier, holidays)
    started = clock_started_on(dossier)
    if started is None or awaiting_applicant(dossier):
        return None
    counted = _counted(dossier, started, dossier.deadline_days, dossier.working_days, holidays)
    if not dossier.working_days:
        return counted
    return min(counted, ceiling_due_date(dossier, started, holidays))


def ceiling_due_date(dossier, started: date, holidays) -> date:
    """R4 (art. 16; decree 2-22-385): "a fiche whose own text counts working days keeps that
    count, but its due date is never later than the ceiling's, counted in calendar days"
    (60 days, 30 for an act needed for an investment), with the same stops and extension."""
    ceiling = dossier.ceiling_days or deadline_ceiling(investment_linked=False)
    return _counted(dossier, started, ceiling, False, holidays)


def _counted(dossier, started: date, days: int, working_days: bool, holidays) -> date:
    return due_date(
        started,
        days,
        working_days=working_days,
        holidays=holidays,
        suspensions=suspensions(dossier),
        extension_days=dossier.extension_days,
    )


def may_still_ask(dossier, day: date, holidays) -> bool:
    """R5 (art. 10 §2, 14, 7(4)): a request to the applicant is made "only within the first
    half of the deadline": on `day`, the days counted since the file was complete, the clock's
    stops left out, are at most half the deadline as set, without its extension."""
    started = clock_started_on(dossier)
    if started is None:
        return False  # being filed: the deadline has not started, the receipt lists what lacks
    return within_first_half(
        started,
        dossier.deadline_days,
        day,
        working_days=dossier.working_days,
        holidays=holidays,
        suspensions=suspensions(dossier),
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


def legal_status(dossier, due: date | None, today: date, holidays) -> str:
    if tacitly_accepted(dossier, due, today):
        return Status.TACITLY_ACCEPTED
    if returned(dossier, today, holidays):
        return Status.RETURNED
    return dossier.status


def silent_refusal(dossier, due: date | None, today: date) -> bool:
    """L9: "a silence that is not an acceptance" past the due date, which may be appealed."""
    return (
        not dossier.silence_means_acceptance
        and dossier.status in OPEN_STATUSES
        and due is not None
        and today > due
    )


def may_escalate(appeal, due: date | None, today: date) -> bool:
    """R9 (art. 21): "without an answer, the user may refer it to the wali or governor": an
    appeal still unanswered once its 15 days have passed."""
    return (
        appeal.appeal_of_id is not None
        and appeal.status in (Status.SUBMITTED, Status.IN_REVIEW)
        and due is not None
        and today > due
    )


def appeal_answer_due_on(appeal, holidays) -> date:
    """R9 (art. 21): the president "answers within 15 days" of the appeal reaching him (the day
    it was filed online): the figures count an appeal answered by then as answered in time."""
    return due_date(appeal.filed_on, APPEAL_ANSWER_DAYS, working_days=False, holidays=holidays)


def after_governor_letter_due_on(appeal, holidays) -> date | None:
    """R9 (art. 21): the wali or governor "writes to the president to decide within 10 days of
    receiving the letter"; no due date until the letter is written."""
    if appeal.governor_letter_on is None:
        return None
    return due_date(
        appeal.governor_letter_on, AFTER_GOVERNOR_LETTER_DAYS, working_days=False, holidays=holidays
    )


def appeal_starts_on(dossier, today: date) -> date:
    """R9 (art. 21, 22): the 30 days run "from the day the refusal reached the user", not from
    the day it was signed; a refusal that has not reached them yet has not started its days,
    so they are counted from today at the earliest."""
    return dossier.refusal_received_on or today


def appeal_open_until(dossier, due: date | None, today: date, holidays) -> date | None:
    """R9: a refusal, or a silence that is not an acceptance, "may be appealed within 30 days of
    the deadline's passing or of receiving the refusal" (the procedure's appeal deadline,
    counted by the clock as a full deadline); None when it may not be appealed."""

    if dossier.appeal_of_id is not None or dossier.attestation_of_id is not None:
        return None  # an appeal is not appealed again here, nor is the governor's attestation
    if dossier.status == Status.REFUSED and dossier.decided_at:
        start = appeal_starts_on(dossier, today)
    elif silent_refusal(dossier, due, today):
        start = due
    else:
        return None
    until = appeal_last_day(dossier, start, holidays)
    return until if today <= until else None


def appeal_last_day(dossier, start: date, holidays) -> date:
    """R9: the last day of the appeal's "30 days" (the fiche's appeal deadline), a full
    deadline from `start`: the day the refusal was received, or the deadline's end."""
    return due_date(start, dossier.appeal_days, working_days=False, holidays=holidays)


def may_request_act(dossier, status: str) -> bool:
    """R8 (art. 19 §2): once the silence is an acceptance, "on the user's request, the president
    delivers the act": a dossier whose legal status is tacitly accepted, its act neither asked
    nor delivered yet."""
    return (
        status == Status.TACITLY_ACCEPTED
        and dossier.act_requested_on is None
        and dossier.act_delivered_on is None
    )


def act_due_on(dossier, holidays) -> date | None:
    """R8 (art. 19 §2): the president delivers the act "within 7 days of the request" for it (a
    full deadline from the day the user asked); None before the user asked."""
    if dossier.act_requested_on is None:
        return None
    return due_date(
        dossier.act_requested_on, ACT_DELIVERY_DAYS, working_days=False, holidays=holidays
    )


def may_ask_attestation(dossier, act_due: date | None, today: date, asked: bool) -> bool:
    """R8 (art. 20): "If he does not, the user may ask the wali or governor for an attestation of
    the silence": the act asked, not delivered, its 7 days passed, no attestation asked yet."""
    return (
        act_due is not None and dossier.act_delivered_on is None and today > act_due and not asked
    )


def attestation_due_on(attestation_request, holidays) -> date:
    """R8 (art. 20): the wali or governor delivers the attestation "within 10 days of receiving
    the user's request" (a full deadline from the day the request reached the province)."""
    return due_date(
        attestation_request.filed_on, ATTESTATION_DAYS, working_days=False, holidays=holidays
    )


def not_obtained_told_by(dossier, holidays) -> date:
    """R11 (art. 24): "if one cannot be obtained, the user is told within 15 days of filing, with
    the reason": the last day to tell them (a full deadline from the filing)."""
    return due_date(
        dossier.filed_on, NOT_OBTAINED_NOTICE_DAYS, working_days=False, holidays=holidays
    )
