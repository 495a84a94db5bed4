"""R9 (Law 55-19 art. 21) in the demo: in each demo commune, a refused building permit whose
appeal awaits the president's answer, one whose appeal was referred to the governor past its
15 days, and one to which the governor's letter gave the president 10 days. Made through the
services; only the dates are moved into the past, so that the 15 days have run."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from idara.dossiers import services
from idara.dossiers.models import Dossier
from idara.dossiers.services import GovernorLetter

GROUNDS = (
    "Le projet respecte la hauteur R+1 : le plan coté joint au dossier le montre, la hauteur "
    "de 8,50 m comprend l'acrotère."
)
# Days ago: the refusal reached the applicant, then the appeal was filed.
REFUSED, APPEALED = 24, 22


def load_commune_appeals(citizen, governor, refused: list[Dossier], letter_pdf: bytes) -> None:
    waiting, referred, written = refused
    for dossier in refused:
        services.refusal_opened(citizen, dossier)
    services.appeal(citizen, waiting, GROUNDS)  # the president's 15 days run
    for dossier in (referred, written):
        _back(dossier, REFUSED)
        appeal = _filed_back(services.appeal(citizen, dossier, GROUNDS), APPEALED)
        services.escalate(citizen, appeal)
    letter = GovernorLetter(
        f"DEMO-{written.reference}",
        timezone.localdate(),
        SimpleUploadedFile("lettre.pdf", letter_pdf, "application/pdf"),
    )
    services.record_governor_letter(governor, written.appeals.get(), letter)


def _back(refused: Dossier, days: int) -> None:
    """The refusal, and the day it reached the applicant, `days` into the past; its filing
    five days before (within the permit's deadline, so that the refusal came in time)."""
    decided = timezone.now() - timedelta(days=days)
    filed = decided - timedelta(days=5)
    Dossier.objects.filter(pk=refused.pk).update(
        submitted_at=filed,
        filed_on=timezone.localdate(filed),
        complete_on=timezone.localdate(filed),
        decided_at=decided,
        decided_on=timezone.localdate(decided),
        refusal_received_on=timezone.localdate(decided),
    )


def _filed_back(appeal: Dossier, days: int) -> Dossier:
    moved = timezone.now() - timedelta(days=days)
    day = timezone.localdate(moved)
    Dossier.objects.filter(pk=appeal.pk).update(submitted_at=moved, filed_on=day, complete_on=day)
    appeal.refresh_from_db()
    services.refresh_due_date(appeal)
    return appeal
