"""A dossier filed about another one (R8, R9): an appeal, or a request for the attestation of a
silence. It has its own receipt, number and deadline, at the authority it goes to."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from idara.audit.services import record
from idara.dossiers.models import Channel, Dossier
from idara.dossiers.services.filing import issue_receipt, number
from idara.dossiers.services.messages import notify_filed
from idara.dossiers.services.moves import add_event, schedule_receipt_pdf, set_due_on


@dataclass(frozen=True)
class Linked:
    """What the linked dossier is: where it goes, its deadline in days, the applicant's words,
    the link (`appeal_of` or `attestation_of`), and the events written on both dossiers."""

    service: object
    days: int
    data: dict
    link: str
    filed_note: str
    event: str


def file_linked(applicant, dossier: Dossier, linked: Linked) -> Dossier:
    """File the linked dossier with its receipt, in one transaction; its PDF after commit."""
    with transaction.atomic():
        filed = _create(applicant, dossier, linked)
        receipt = issue_receipt(filed)
        add_event(
            filed,
            "filed",
            applicant,
            channel=Channel.ONLINE,
            said=linked.filed_note,
            values={"reference": dossier.reference},
        )
        add_event(dossier, linked.event, applicant, filed.reference)
        record(
            applicant,
            f"dossier.{linked.event}",
            dossier,
            collectivity=dossier.collectivity,
            data={"linked": filed.reference},
        )
        notify_filed(filed)
    transaction.on_commit(lambda: schedule_receipt_pdf(receipt.pk))
    return filed


def _create(applicant, dossier: Dossier, linked: Linked) -> Dossier:
    now = timezone.now()
    authority = linked.service.collectivity
    filed = Dossier(
        collectivity=authority,
        service=linked.service,
        procedure_version=dossier.procedure_version,
        applicant=applicant,
        filed_by=applicant,
        channel=Channel.ONLINE,
        data=linked.data,
        submitted_at=now,
        filed_on=timezone.localdate(now),
        complete_on=timezone.localdate(now),
        deadline_days=linked.days,
        working_days=False,
        silence_means_acceptance=False,
        appeal_days=dossier.appeal_days,
        **{linked.link: dossier},
    )
    number(filed, authority)
    set_due_on(filed)
    filed.save(force_insert=True)
    return filed
