"""R9: the appeal of a refusal or of a silence that is no acceptance."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers import selectors
from idara.dossiers.models import Channel, Dossier
from idara.dossiers.services.filing import issue_receipt, number
from idara.dossiers.services.messages import notify_filed
from idara.dossiers.services.moves import add_event, schedule_receipt_pdf, set_due_on
from idara.dossiers.states import TransitionRefused

MIN_GROUNDS = 20


def appeal(applicant, dossier: Dossier, grounds: str) -> Dossier:
    """L9: "An appeal opens a linked dossier for the supervising authority, with its own
    deadline (30 days by default, per procedure)"."""
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
    supervisor = dossier.collectivity.parent
    with transaction.atomic():
        appeal_dossier = _create_appeal(applicant, dossier, supervisor, grounds)
        receipt = issue_receipt(appeal_dossier)
        add_event(
            appeal_dossier,
            "filed",
            applicant,
            _("Appeal of %(reference)s") % {"reference": dossier.reference},
        )
        add_event(dossier, "appealed", applicant, appeal_dossier.reference)
        record(
            applicant,
            "dossier.appealed",
            dossier,
            collectivity=dossier.collectivity,
            data={"appeal": appeal_dossier.reference},
        )
        notify_filed(appeal_dossier)
    transaction.on_commit(lambda: schedule_receipt_pdf(receipt.pk))
    return appeal_dossier


def _create_appeal(applicant, dossier: Dossier, supervisor, grounds: str) -> Dossier:
    now = timezone.now()
    appeal_dossier = Dossier(
        collectivity=supervisor,
        service=_appeals_service(supervisor),
        procedure_version=dossier.procedure_version,
        applicant=applicant,
        filed_by=applicant,
        channel=Channel.ONLINE,
        data={"grounds": grounds, "appealed": dossier.reference},
        submitted_at=now,
        filed_on=timezone.localdate(now),
        complete_on=timezone.localdate(now),
        deadline_days=dossier.appeal_days,
        working_days=False,
        silence_means_acceptance=False,
        appeal_days=dossier.appeal_days,
        appeal_of=dossier,
    )
    number(appeal_dossier, supervisor)
    set_due_on(appeal_dossier)
    appeal_dossier.save(force_insert=True)
    return appeal_dossier


def _appeals_service(supervisor):
    """The supervising authority's service that handles appeals, opened the first time."""
    from idara.territories.models import Service, ServiceKind

    service, created = Service.objects.get_or_create(
        collectivity=supervisor,
        kind=ServiceKind.OTHER,
        name_fr="Service des recours",
        defaults={"name_ar": "مصلحة الطعون"},
    )
    if created:
        record(None, "service.created", service, collectivity=supervisor, data={"for": "appeals"})
    return service
