"""The decision: express, motivated when it refuses (R7), or tacit (R8)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from idara.accounts.selectors import can_administer
from idara.audit.services import record
from idara.documents.issuing import draw_again_when_notified, kind_on_acceptance
from idara.documents.models import Kind as IssuedKind
from idara.dossiers import decision_checks, legal, selectors
from idara.dossiers.models import Dossier, MotivationTemplate, Status
from idara.dossiers.services.moves import MIN_MOTIVATION, add_event, move, not_decided_by_silence
from idara.dossiers.states import TransitionRefused


def review(agent, dossier: Dossier) -> Dossier:
    return move(dossier, "review", agent, kind="in_review")


def check_decision(dossier: Dossier, action: str, motivation: str = "") -> None:
    """Whether the decision `action` ("accept" or "refuse") may be taken now; raises
    TransitionRefused with the reason. The page asks for a confirmation only after it."""
    if action == "refuse" and len((motivation or "").strip()) < MIN_MOTIVATION:
        raise TransitionRefused(
            _("A refusal must be motivated in writing (at least %(n)s characters).")
            % {"n": MIN_MOTIVATION}
        )
    not_decided_by_silence(dossier)
    decision_checks.check(dossier, action)


def accept(agent, dossier: Dossier, issuing: str = "") -> Dossier:
    """Accept, issuing the decision (or the permit, or, for an order from a register, the
    document asked)."""
    check_decision(dossier, "accept")
    return move(
        dossier,
        "accept",
        agent,
        kind="accepted",
        issuing=issuing or kind_on_acceptance(dossier),
        decided_at=timezone.now(),
    )


def refuse(agent, dossier: Dossier, motivation: str) -> Dossier:
    """L8: "A refusal without a written motivation is impossible"."""
    motivation = (motivation or "").strip()
    check_decision(dossier, "refuse", motivation)
    return move(
        dossier,
        "refuse",
        agent,
        issuing=IssuedKind.REFUSAL,
        kind="refused",
        note=motivation,
        decided_at=timezone.now(),
        motivation=motivation,
    )


def close(agent, dossier: Dossier) -> Dossier:
    """File away a decided dossier once what it decided has been delivered."""
    return move(dossier, "close", agent, kind="closed")


def withdraw(applicant, dossier: Dossier) -> Dossier:
    return move(dossier, "withdraw", applicant, kind="withdrawn")


def accept_tacitly(dossier: Dossier, today=None, holidays=None) -> bool:
    """R8 (art. 19): write down an acceptance the law already holds; False when there is none
    (so running the sweep twice changes nothing the second time). A sweep passes the
    holidays of every year it covers, read once. Nothing is issued: the act comes when the
    applicant asks for it (`tacit.request_act`)."""
    today = today or timezone.localdate()
    holidays = holidays or selectors.holidays_around(dossier.filed_on, today)
    due = legal.legal_due_date(dossier, holidays)
    if not legal.tacitly_accepted(dossier, due, today):
        return False
    move(
        dossier,
        "accept_tacitly",
        None,
        kind="tacitly_accepted",
        said={
            "said": gettext_noop("Accepted by silence: no decision by %(due)s."),
            "values": {"due": due.isoformat()},
        },
    )
    return True


def save_motivation_template(actor, collectivity, title: str, text: str) -> MotivationTemplate:
    if not can_administer(actor, collectivity):
        raise PermissionDenied(_("You do not administer this collectivity."))
    title, text = title.strip(), text.strip()
    if not title or len(text) < MIN_MOTIVATION:
        raise TransitionRefused(
            _("Give the template a title and a text of at least %(n)s characters.")
            % {"n": MIN_MOTIVATION}
        )
    with transaction.atomic():
        template = MotivationTemplate.objects.create(
            collectivity=collectivity, title=title, text=text
        )
        record(actor, "motivation_template.created", template, collectivity=collectivity)
    return template


def motivation_from(dossier: Dossier, template_id, free_text: str) -> str:
    """The refusal's written reasons: the chosen template of the dossier's collectivity, then
    what the agent adds for this dossier."""
    template = MotivationTemplate.objects.filter(
        pk=template_id or 0, collectivity_id=dossier.collectivity_id
    ).first()
    parts = [template.text if template else "", (free_text or "").strip()]
    return "\n\n".join(p for p in parts if p)


def refusal_reached(dossier: Dossier, day, how: str, actor=None) -> bool:
    """R7, R9: write down the day the refusal reached the applicant, the first of: opened in
    their space, handed at the counter, its e-mail or SMS delivered; False when it was written
    already (or the dossier was not refused), so that only the first counts."""
    with transaction.atomic():
        first = Dossier.objects.filter(
            pk=dossier.pk, decision=Status.REFUSED, refusal_received_on=None
        ).update(refusal_received_on=day)
        if not first:
            return False
        dossier = Dossier.objects.select_related("collectivity").get(pk=dossier.pk)
        add_event(dossier, "refusal_received", actor, said=how)
        refusal = dossier.issued.filter(kind=IssuedKind.REFUSAL).first()
        if refusal is not None:
            draw_again_when_notified(refusal)
        record(
            actor,
            "dossier.refusal_received",
            dossier,
            collectivity=dossier.collectivity,
            data={"on": day.isoformat(), "how": how},
        )
    return True


def hand_refusal(agent, dossier: Dossier) -> bool:
    """R7: the refusal handed to the applicant at the counter, today."""
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    how = gettext_noop("handed at the counter")
    return refusal_reached(dossier, timezone.localdate(), how, agent)


def refusal_opened(applicant, dossier: Dossier) -> bool:
    """R7: the applicant opened the refused dossier in their space (a page or the API)."""
    if dossier.applicant_id != applicant.pk or dossier.refusal_received_on is not None:
        return False
    how = gettext_noop("opened in their space")
    return refusal_reached(dossier, timezone.localdate(), how, applicant)


def refusal_message_delivered(message) -> None:
    """R7: an e-mail or SMS about a refused dossier, written after the refusal, was delivered."""
    dossier = Dossier.objects.filter(
        reference=message.about, decision=Status.REFUSED, refusal_received_on=None
    ).first()
    if dossier is None or dossier.decided_at is None or message.created_at < dossier.decided_at:
        return
    email, sms = gettext_noop("its e-mail delivered"), gettext_noop("its SMS delivered")
    how = email if message.channel == "email" else sms
    refusal_reached(dossier, timezone.localdate(message.sent_at), how)
