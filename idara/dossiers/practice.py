"""Training mode: an agent wary of the new software practises every action of the back office
on practice dossiers of their own services' procedures, without touching a real one.

Practice dossiers go through the same services as real ones, so what the agent learns is what
happens; but they take no receipt number, issue no document, notify nobody, are never listed
outside the training mode and are counted in no figure."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from idara.accounts.models import User
from idara.catalog import selectors as catalog
from idara.catalog.form_schema import example_answers
from idara.catalog.models import Offering
from idara.documents.pdf import render_pdf
from idara.dossiers import legal, selectors, services
from idara.dossiers.models import OPEN_STATUSES, Dossier, RequestKind

PRACTICE_APPLICANT = "practice.applicant@idara.invalid"
MOST_PROCEDURES = 8
SPECIMEN_TEXT = "Document d'exercice — وثيقة للتمرين"


def practice_applicant() -> User:
    """The applicant of every practice dossier: an account nobody can sign in to."""
    applicant, created = User.objects.get_or_create(
        email=PRACTICE_APPLICANT,
        defaults={"full_name": "Citoyen d'exercice — مواطن للتمرين", "is_active": False},
    )
    if created:
        applicant.set_unusable_password()
        applicant.save(update_fields=["password"])
    return applicant


def specimen_pdf() -> bytes:
    return render_pdf("documents/specimen.html", {"text": SPECIMEN_TEXT})


@transaction.atomic
def start_practice(agent) -> int:
    """A practice dossier for each procedure the agent's services offer online (at most
    MOST_PROCEDURES), unless one is still open; how many were made."""
    offerings = Offering.objects.filter(
        service_id__in=selectors.agent_service_ids(agent), online=True
    ).select_related("procedure", "collectivity", "service")
    pending = set(
        selectors.practice_dossiers(agent)
        .filter(status__in=OPEN_STATUSES)
        .values_list("service_id", "procedure_version__procedure_id")
    )
    wanted = [o for o in offerings if (o.service_id, o.procedure_id) not in pending]
    if not wanted:
        return 0
    applicant, specimen = practice_applicant(), specimen_pdf()
    made = 0
    for offering in wanted[:MOST_PROCEDURES]:
        try:
            with transaction.atomic():
                _file(agent, offering, applicant, specimen)
        except services.FilingRefused:
            continue  # a form whose example does not pass: the other procedures still come
        made += 1
    return made


def _file(agent, offering: Offering, applicant, specimen: bytes) -> Dossier:
    version = catalog.version_in_force(offering.procedure)
    return services.file_practice_dossier(
        agent,
        offering,
        applicant,
        example_answers(version.form_schema),
        {d.code: _upload(d.code, specimen) for d in version.documents.all() if d.mandatory},
    )


def answer_for_the_applicant(agent, dossier: Dossier) -> Dossier:
    """The practice applicant answers what the agent asked: every document to replace, or a
    word for a question."""
    specimen = specimen_pdf()
    request = legal.open_request(dossier)
    if request.kind == RequestKind.REPLACE_DOCUMENT:
        files = {code: _upload(code, specimen) for code in request.documents}
        return services.answer_as_practice_applicant(agent, dossier, files)
    return services.answer_as_practice_applicant(agent, dossier, {}, _("Practice answer."))


def _upload(code: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{code}.pdf", content, content_type="application/pdf")
