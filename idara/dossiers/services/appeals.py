"""R9: the appeal of a refusal or of a silence that is no acceptance."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from idara.audit.services import record
from idara.dossiers import legal, selectors
from idara.dossiers.models import Dossier, Purpose, Status
from idara.dossiers.services.files import FilingRefused, store
from idara.dossiers.services.linked import Linked, file_linked
from idara.dossiers.services.messages import notify_change
from idara.dossiers.services.moves import add_event, move, set_due_on
from idara.dossiers.states import TransitionRefused
from idara.dossiers.uploads import UploadRefused, check_upload

MIN_GROUNDS = 20
LETTER_MAX_MB = 10


def appeal(applicant, dossier: Dossier, grounds: str) -> Dossier:
    """R9 (art. 21): "For an act of a collectivity the appeal goes to its president, who
    answers within 15 days": a linked dossier at the same collectivity, in its appeals
    service, with its own receipt and a 15-day deadline."""
    dossier = Dossier.objects.select_related("collectivity__parent", "procedure_version").get(
        pk=dossier.pk
    )
    if dossier.applicant_id != applicant.pk:
        raise PermissionDenied(_("You may not act on this dossier."))
    if selectors.legal_view(dossier).appeal_until is None:
        raise TransitionRefused(
            _("This dossier cannot be appealed, or the appeal deadline has passed.")
        )
    if dossier.appeals.exists():
        raise TransitionRefused(_("This dossier was already appealed."))
    grounds = (grounds or "").strip()
    if len(grounds) < MIN_GROUNDS:
        raise TransitionRefused(
            _("Explain the grounds of the appeal (at least %(n)s characters).") % {"n": MIN_GROUNDS}
        )
    return file_linked(
        applicant,
        dossier,
        Linked(
            service=appeals_service(dossier.collectivity),
            days=legal.APPEAL_ANSWER_DAYS,
            data={"grounds": grounds, "appealed": dossier.reference},
            link="appeal_of",
            filed_note=gettext_noop("Appeal of %(reference)s"),
            event="appealed",
        ),
    )


def appeals_service(collectivity):
    """The collectivity's service that handles appeals (for a commune, its president's; for a
    province or prefecture, the governor's), opened the first time."""
    from idara.territories.models import Service, ServiceKind
    from idara.territories.services import SERVICE_NAMES

    name_fr, name_ar = SERVICE_NAMES[ServiceKind.APPEALS]
    service, created = Service.objects.get_or_create(
        collectivity=collectivity,
        kind=ServiceKind.APPEALS,
        defaults={"name_fr": name_fr, "name_ar": name_ar},
    )
    if created:
        record(None, "service.created", service, collectivity=collectivity, data={"for": "appeals"})
    return service


def escalate(applicant, appeal_dossier: Dossier) -> Dossier:
    """R9 (art. 21): "without an answer, the user may refer it to the wali or governor": once
    the president's 15 days have passed, the applicant refers the appeal to the governor of the
    collectivity's province or prefecture."""
    today = timezone.localdate()
    if not legal.may_escalate(appeal_dossier, selectors.legal_view(appeal_dossier).due, today):
        raise TransitionRefused(
            _("The president's 15 days have not passed, or this is no appeal awaiting an answer.")
        )
    return move(appeal_dossier, "escalate", applicant, kind="escalated", escalated_on=today)


@dataclass(frozen=True)
class GovernorLetter:
    number: str
    written_on: date
    pdf: object  # an uploaded file


def record_governor_letter(agent, appeal_dossier: Dossier, letter: GovernorLetter) -> Dossier:
    """R9 (art. 21): the wali or governor "writes to the president to decide within 10 days of
    receiving the letter": their agent records it (number, date, the letter itself), and the
    president's 10 days run from that day."""
    appeal_dossier = Dossier.objects.select_related("collectivity__parent").get(
        pk=appeal_dossier.pk
    )
    if not selectors.is_governor_agent(agent, appeal_dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    errors = letter_errors(letter, appeal_dossier.escalated_on)
    if appeal_dossier.status != Status.ESCALATED:
        errors["__all__"] = [_("Only an appeal referred to the governor takes their letter.")]
    governor = appeal_dossier.collectivity.parent
    return keep_letter(agent, appeal_dossier, letter, errors, governor, "governor_letter")


def keep_letter(agent, dossier: Dossier, letter, errors: dict, governor, notice: str) -> Dossier:
    """R8, R9: record the wali's or governor's letter to the president on the dossier (an
    escalated appeal, a request for an attestation): its number, its date, the PDF itself."""
    checked = checked_letter(letter.pdf, errors)
    with transaction.atomic():
        kept = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if kept.governor_letter_on is not None:
            raise TransitionRefused(_("The governor's letter was already recorded."))
        kept.governor_letter_number, kept.governor_letter_on = letter.number, letter.written_on
        set_due_on(kept)
        kept.save(update_fields=["governor_letter_number", "governor_letter_on", "due_on"])
        stored = store(kept, "governor-letter", checked, agent, Purpose.LETTER)
        add_event(kept, "governor_letter", agent, letter.number)
        record(
            agent,
            "dossier.governor_letter",
            kept,
            collectivity=governor,
            data={
                "number": letter.number,
                "on": letter.written_on.isoformat(),
                "sha256": stored.sha256,
            },
        )
        notify_change(kept, notice)
    return kept


def letter_errors(letter: GovernorLetter, since: date | None) -> dict[str, list[str]]:
    """A letter has a number and a date between the matter reaching the governor and today."""
    errors: dict[str, list[str]] = {}
    if not (letter.number or "").strip():
        errors["number"] = [_("Give the letter's number.")]
    if since and not since <= letter.written_on <= timezone.localdate():
        errors["written_on"] = [_("The letter's date is between the referral and today.")]
    return errors


def checked_letter(pdf, errors: dict):
    if pdf is None:
        errors["pdf"] = [_("Attach the letter (PDF).")]
    else:
        try:
            checked = check_upload(pdf, ["application/pdf"], LETTER_MAX_MB)
        except UploadRefused as refusal:
            errors["pdf"] = [refusal.message]
    if errors:
        raise FilingRefused(errors)
    return checked
