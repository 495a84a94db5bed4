"""The state machine applied: who may act, and everything a transition entails, in one
transaction (the timeline, the audit log, the due date, the decision's figures, the message)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.clock import elapsed_days
from idara.documents.issuing import issue
from idara.dossiers import legal, movements, selectors
from idara.dossiers.models import Dossier, Event, Status
from idara.dossiers.services.messages import notify_change
from idara.dossiers.states import (
    APPLICANT,
    APPLICANT_OR_AGENT,
    SYSTEM,
    TransitionRefused,
    transition,
)

MIN_MOTIVATION = 20


def add_event(dossier: Dossier, kind: str, actor, note: str = "", **data) -> Event:
    """A line on the dossier's timeline, with the status it has now: `note` as a person wrote
    it, `data` what the platform says, in each reader's language (dossiers.timeline)."""
    return Event.objects.create(
        dossier=dossier,
        at=timezone.now(),
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        status=dossier.status,
        note=note,
        data=data or None,
    )


def refresh_due_date(dossier: Dossier) -> None:
    """Store the due date computed from the dossier's dates (for sorting the inboxes)."""
    set_due_on(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(due_on=dossier.due_on)


def set_due_on(dossier: Dossier) -> None:
    today = timezone.localdate()
    holidays = selectors.holidays_around(dossier.filed_on, today + timedelta(days=366))
    dossier.due_on = legal.legal_due_date(dossier, holidays)


def move(
    dossier: Dossier,
    action: str,
    actor,
    *,
    kind: str,
    note: str = "",
    said: dict | None = None,
    issuing: str = "",
    **changes,
) -> Dossier:
    """Apply a transition of the state machine: check who acts, write everything it entails;
    `said`: the timeline line's data (add_event)."""
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update()
            .select_related("applicant", "collectivity", "procedure_version")
            .get(pk=dossier.pk)
        )
        move = transition(action, dossier.status)
        check_actor(move.by, actor, dossier)
        for name, value in changes.items():
            setattr(dossier, name, value)
        before, dossier.status = dossier.status, move.target
        set_due_on(dossier)
        if action in DECISIONS:
            record_decision(dossier, action)
        dossier.save()
        movements.moved(dossier, before)
        add_event(dossier, kind, actor, note, **(said or {}))
        record(
            actor,
            f"dossier.{kind}",
            dossier,
            collectivity=dossier.collectivity,
            data={"status": dossier.status} | {k: str(v) for k, v in changes.items()},
        )
        if issuing:
            issue_for(dossier, issuing)
        notify_change(dossier, kind)
    return dossier


DECISIONS = {"accept", "refuse", "accept_tacitly"}


def record_decision(dossier: Dossier, action: str) -> None:
    """The decision as the figures count it: a tacit acceptance is taken on its due date."""
    day = dossier.due_on if action == "accept_tacitly" else timezone.localdate()
    dossier.decision, dossier.decided_on = dossier.status, day
    # Counted from the day the clock started, the file complete (R3).
    started = legal.clock_started_on(dossier)
    dossier.processing_days = elapsed_days(started, day, legal.suspensions(dossier))


def issue_for(dossier: Dossier, kind: str) -> None:
    if dossier.practice:  # nothing that verifies by QR code may come out of training
        return
    issue(dossier, kind, dossier.collectivity)


def check_actor(by: str, actor, dossier: Dossier) -> None:
    if by == SYSTEM:
        return
    applicant = actor is not None and actor.pk == dossier.applicant_id
    if by == APPLICANT:
        allowed = applicant
    elif by == APPLICANT_OR_AGENT:
        allowed = applicant or (actor is not None and selectors.is_agent_of(actor, dossier))
    else:
        allowed = actor is not None and selectors.is_agent_of(actor, dossier)
    if not allowed:
        raise PermissionDenied(_("You may not act on this dossier."))


def not_decided_by_silence(dossier: Dossier) -> None:
    """L7: once the due date has passed in silence, the dossier is accepted: no later decision
    can undo it."""
    view = selectors.legal_view(dossier)
    if view.status == Status.TACITLY_ACCEPTED:
        raise TransitionRefused(
            _("The due date has passed: the law holds this dossier as accepted by silence.")
        )


def schedule_receipt_pdf(receipt_id: int) -> None:
    from idara.dossiers.tasks import make_receipt_pdf

    make_receipt_pdf.delay(receipt_id)
