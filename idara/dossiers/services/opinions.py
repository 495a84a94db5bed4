"""Another service's opinion on a dossier, asked and given."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.clock import due_date
from idara.dossiers import selectors
from idara.dossiers.models import Dossier, Opinion, Purpose, Verdict
from idara.dossiers.services.files import store
from idara.dossiers.services.moves import add_event
from idara.dossiers.states import TransitionRefused
from idara.dossiers.uploads import UploadRefused, check_upload

MAX_OPINION_DAYS = 30


def ask_opinion(agent, dossier: Dossier, service, question: str, days: int) -> Opinion:
    """Ask another service for its opinion, due in `days` days (counted by the clock)."""
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    question = (question or "").strip()
    if not question:
        raise TransitionRefused(_("Write the question."))
    if service.pk == dossier.service_id:
        raise TransitionRefused(_("Ask another service than the dossier's own."))
    if not 1 <= days <= MAX_OPINION_DAYS:
        raise TransitionRefused(
            _("An opinion is due within 1 to %(n)s days.") % {"n": MAX_OPINION_DAYS}
        )
    with transaction.atomic():
        return request_opinion(agent, dossier, service, question, days)


def request_opinion(
    asker, dossier: Dossier, service, question: str, days: int, *, binding: bool = False
) -> Opinion:
    """Record that an opinion is asked, due `days` calendar days from today; `asker` is None
    when the platform asks (a permit's commission, at filing). Run inside a transaction."""
    today = timezone.localdate()
    holidays = selectors.holidays_around(today, today + timedelta(days=days))
    opinion = Opinion.objects.create(
        dossier=dossier,
        asked_service=service,
        asked_by=asker,
        question=question,
        asked_on=today,
        due_on=due_date(today, days, working_days=False, holidays=holidays),
        binding=binding,
    )
    add_event(dossier, "opinion_asked", asker, question, service=service.pk)
    record(
        asker,
        "dossier.opinion_asked",
        dossier,
        collectivity=dossier.collectivity,
        data={"service": service.pk, "due_on": opinion.due_on.isoformat(), "binding": binding},
    )
    return opinion


OPINION_FILE_TYPES = ["application/pdf", "image/jpeg", "image/png"]


OPINION_FILE_MAX_MB = 20


def answer_opinion(
    agent, opinion: Opinion, answer: str, verdict: str, conditions: str = "", files=()
) -> Opinion:
    """An agent of the asked service answers, once: favourable, favourable with conditions
    or unfavourable, with its reason and documents; the answer joins the dossier."""
    if opinion.asked_service_id not in selectors.agent_service_ids(agent):
        raise PermissionDenied(_("You may not act on this dossier."))
    answer, conditions = (answer or "").strip(), (conditions or "").strip()
    checked = _check_opinion(answer, verdict, conditions, files)
    with transaction.atomic():
        opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
        if opinion.answered_at:
            raise TransitionRefused(_("This opinion was already given."))
        opinion.answer, opinion.verdict, opinion.conditions = answer, verdict, conditions
        opinion.answered_by, opinion.answered_at = agent, timezone.now()
        opinion.save()
        for upload in checked:
            store(opinion.dossier, "opinion", upload, agent, Purpose.OPINION, opinion)
        add_event(
            opinion.dossier,
            "opinion_given",
            agent,
            answer,
            service=opinion.asked_service_id,
            verdict=verdict,
        )
        record(
            agent,
            "dossier.opinion_given",
            opinion.dossier,
            collectivity=opinion.dossier.collectivity,
            data={"opinion": opinion.pk, "verdict": verdict, "files": [c.sha256 for c in checked]},
        )
    return opinion


def _check_opinion(answer: str, verdict: str, conditions: str, files) -> list:
    if verdict not in Verdict.values:
        raise TransitionRefused(
            _("Choose the opinion: favourable, favourable with conditions, or unfavourable.")
        )
    if not answer:
        raise TransitionRefused(_("Write the opinion."))
    if verdict == Verdict.CONDITIONS and not conditions:
        raise TransitionRefused(_("Write the conditions of the favourable opinion."))
    try:
        return [check_upload(f, OPINION_FILE_TYPES, OPINION_FILE_MAX_MB) for f in files]
    except UploadRefused as refusal:
        raise TransitionRefused(refusal.message)
