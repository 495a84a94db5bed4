"""R8 (Law 55-19 art. 19, 20; decree 2-22-141): after a silence that means acceptance, the act
on the user's request, then, past the president's 7 days, the wali's or governor's attestation.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from idara.audit.services import record
from idara.documents.issuing import issue, kind_on_acceptance
from idara.documents.models import Kind as IssuedKind
from idara.dossiers import legal, selectors
from idara.dossiers.models import OPEN_STATUSES, Dossier, Purpose
from idara.dossiers.services.appeals import (
    GovernorLetter,
    appeals_service,
    keep_letter,
    letter_errors,
)
from idara.dossiers.services.decisions import accept_tacitly
from idara.dossiers.services.files import FilingRefused, store
from idara.dossiers.services.linked import Linked, file_linked
from idara.dossiers.services.messages import notify_change
from idara.dossiers.services.moves import add_event, move
from idara.dossiers.states import TransitionRefused
from idara.dossiers.uploads import UploadRefused, check_upload

EXPLANATIONS_MAX_MB = 10


def request_act(applicant, dossier: Dossier) -> Dossier:
    """R8 (art. 19 §2): "on the user's request, the president delivers the act within 7 days":
    the silence is written down first if no sweep has yet, then the request, dated today."""
    if dossier.applicant_id != applicant.pk:
        raise PermissionDenied(_("You may not act on this dossier."))
    if not legal.may_request_act(dossier, selectors.legal_view(dossier).status):
        raise TransitionRefused(_("The act can be asked for only once, after a tacit acceptance."))
    accept_tacitly(dossier)
    with transaction.atomic():
        kept = Dossier.objects.select_for_update().select_related("collectivity").get(pk=dossier.pk)
        if kept.act_requested_on is not None:
            raise TransitionRefused(_("The act was already asked for."))
        kept.act_requested_on = timezone.localdate()
        kept.save(update_fields=["act_requested_on"])
        add_event(kept, "act_requested", applicant)
        record(applicant, "dossier.act_requested", kept, collectivity=kept.collectivity)
        notify_change(kept, "act_requested")
    return kept


def deliver_act(agent, dossier: Dossier) -> Dossier:
    """R8 (art. 19 §2): the president's service delivers the act asked for: the same document an
    express acceptance gives (the decision, or the permit), signed by the collectivity."""
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    with transaction.atomic():
        kept = Dossier.objects.select_for_update().select_related("collectivity").get(pk=dossier.pk)
        if kept.act_requested_on is None or kept.act_delivered_on is not None:
            raise TransitionRefused(_("No act was asked for, or it was delivered already."))
        kept.act_delivered_on = timezone.localdate()
        kept.save(update_fields=["act_delivered_on"])
        if not kept.practice:
            issue(kept, kind_on_acceptance(kept), kept.collectivity)
        add_event(kept, "act_delivered", agent)
        record(agent, "dossier.act_delivered", kept, collectivity=kept.collectivity)
        notify_change(kept, "act_delivered")
    return kept


def governor_of(collectivity):
    """R8 (art. 20): the wali or governor who attests a collectivity's silence: a commune's
    province or prefecture; a province's, a prefecture's or a region's own."""
    if collectivity.is_commune and collectivity.parent_id:
        return collectivity.parent
    return collectivity


def ask_attestation(applicant, dossier: Dossier) -> Dossier:
    """R8 (art. 20): the act not delivered in the president's 7 days, "the user may ask the wali
    or governor for an attestation of the silence": a request linked to the dossier, filed
    with the governor's service, with its receipt and its 10 days."""
    dossier = Dossier.objects.select_related("collectivity__parent").get(pk=dossier.pk)
    if dossier.applicant_id != applicant.pk:
        raise PermissionDenied(_("You may not act on this dossier."))
    if not legal.may_ask_attestation(
        dossier,
        selectors.act_due_on(dossier),
        timezone.localdate(),
        dossier.attestation_requests.exists(),
    ):
        raise TransitionRefused(
            _(
                "The attestation may be asked once the president's 7 days have passed "
                "without the act."
            )
        )
    return file_linked(
        applicant,
        dossier,
        Linked(
            service=appeals_service(governor_of(dossier.collectivity)),
            days=legal.ATTESTATION_DAYS,
            data={"attested": dossier.reference},
            link="attestation_of",
            filed_note=gettext_noop("Attestation of the silence on %(reference)s"),
            event="attestation_asked",
        ),
    )


def _governor_request(agent, attestation_request: Dossier) -> Dossier:
    kept = Dossier.objects.select_related("collectivity", "attestation_of__collectivity").get(
        pk=attestation_request.pk
    )
    if kept.attestation_of_id is None or not selectors.is_agent_of(agent, kept):
        raise PermissionDenied(_("You may not act on this dossier."))
    return kept


def record_letter_to_president(agent, attestation_request: Dossier, letter: GovernorLetter):
    """R8 (art. 20; decree 2-22-141 annex 2): the wali or governor "writes to the president for
    written explanations"; the attestation cites this letter's number and date."""
    kept = _governor_request(agent, attestation_request)
    errors = letter_errors(letter, kept.filed_on)
    if kept.status not in OPEN_STATUSES:
        errors["__all__"] = [_("This request was already answered.")]
    return keep_letter(agent, kept, letter, errors, kept.collectivity, "attestation_letter")


def record_explanations(agent, attestation_request: Dossier, text: str, pdf=None) -> Dossier:
    """R8 (art. 20): the president's written explanations, if he gives any, joined to the
    request (the attestation is delivered with or without them)."""
    kept = _governor_request(agent, attestation_request)
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["explanations"] = [_("Write what the president explained.")]
    if kept.governor_letter_on is None or kept.status not in OPEN_STATUSES:
        errors["__all__"] = [_("Explanations answer the governor's letter: record it first.")]
    checked = None
    if pdf is not None:
        try:
            checked = check_upload(pdf, ["application/pdf"], EXPLANATIONS_MAX_MB)
        except UploadRefused as refusal:
            errors["explanations_pdf"] = [refusal.message]
    if errors:
        raise FilingRefused(errors)
    with transaction.atomic():
        kept.president_explanations, kept.explanations_on = text, timezone.localdate()
        kept.save(update_fields=["president_explanations", "explanations_on"])
        if checked is not None:
            store(kept, "president-explanations", checked, agent, Purpose.EXPLANATIONS)
        add_event(kept, "explanations", agent)
        record(agent, "dossier.explanations", kept, collectivity=kept.collectivity)
    return kept


def deliver_attestation(agent, attestation_request: Dossier) -> Dossier:
    """R8 (art. 20; decree 2-22-141 art. 2, 3 and annex 2): the wali or governor delivers the
    attestation of the silence, after writing to the president; it is issued on the dossier it
    attests, in the province's name, and does not waive the fees still due."""
    kept = _governor_request(agent, attestation_request)
    if kept.governor_letter_on is None:
        raise TransitionRefused(
            _("Record the letter to the president first: the attestation cites it.")
        )
    with transaction.atomic():
        answered = move(
            kept, "accept", agent, kind="attestation_delivered", decided_at=timezone.now()
        )
        attested = kept.attestation_of
        if not attested.practice:
            issue(attested, IssuedKind.TACIT_ACCEPTANCE, kept.collectivity)
        add_event(attested, "attestation_delivered", agent, kept.reference)
        record(agent, "dossier.attestation_delivered", attested, collectivity=kept.collectivity)
        notify_change(attested, "attestation_delivered")
    return answered
