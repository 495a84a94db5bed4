"""R8 (Law 55-19 art. 19, 20) in the demo: in each demo commune, building permits left
unanswered past their deadline, one at each step: accepted by silence, its act not asked yet;
the act asked, the president's 7 days running; the 7 days passed without the act (the applicant
may ask the governor); the attestation asked, awaiting the governor's letter; and the
attestation delivered. Made through the services; only the dates are moved into the past."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from idara.demo.permits import file_permit
from idara.dossiers import services
from idara.dossiers.models import Dossier

# Days ago: the permit was filed, then its applicant asked for the act.
FILED, ASKED = 60, 12


def load_commune_tacit(commune, citizen, governor, specimen: bytes) -> None:
    services.accept_tacitly(file_permit(commune, citizen, specimen, 25))  # the act not asked
    services.request_act(citizen, file_permit(commune, citizen, specimen, 30))  # 7 days run
    _act_asked_back(file_permit(commune, citizen, specimen, FILED), citizen)
    waiting = _act_asked_back(file_permit(commune, citizen, specimen, FILED), citizen)
    services.ask_attestation(citizen, waiting)
    delivered = _act_asked_back(file_permit(commune, citizen, specimen, FILED), citizen)
    request = services.ask_attestation(citizen, delivered)
    letter = services.GovernorLetter(
        f"DEMO-{request.reference}",
        timezone.localdate(),
        SimpleUploadedFile("lettre.pdf", specimen, "application/pdf"),
    )
    services.record_letter_to_president(governor, request, letter)
    services.record_explanations(
        governor, request, "Le dossier attendait l'avis de l'agence urbaine, qui n'est pas venu."
    )
    services.deliver_attestation(governor, request)


def _act_asked_back(permit: Dossier, citizen) -> Dossier:
    """The act asked for `ASKED` days ago: the president's 7 days have passed."""
    services.request_act(citizen, permit)
    asked = timezone.localdate() - timedelta(days=ASKED)
    Dossier.objects.filter(pk=permit.pk).update(act_requested_on=asked)
    permit.refresh_from_db()
    return permit
