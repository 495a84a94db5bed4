"""Demo dossiers in every status in both demo communes, made through the same services as real
ones; only their dates are moved into the past, so that deadlines have run. Moving a filing's
date behind the services' back moves it out of the month its figures were counted in (a
dossier filed today and moved six days back on the 2nd of a month), so the indicators are
rebuilt from the dossiers afterwards, as after an archive is imported."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from idara.accounts.models import User
from idara.catalog import selectors as catalog
from idara.civil_status.delivery import deliver
from idara.demo.accounts import CHEFCHAOUEN, COMMISSIONS, GOVERNORS, TIZNIT
from idara.demo.appeals import load_commune_appeals
from idara.demo.permits import CAFE, backdate, load_commune_permits
from idara.demo.tacit import load_commune_tacit
from idara.documents.pdf import render_pdf
from idara.dossiers import services
from idara.dossiers.models import Dossier
from idara.dossiers.services import Filing
from idara.payments.services import record_counter_payment
from idara.territories.models import ServiceKind
from idara.territories.selectors import collectivity
from idara.transparency import indicators, law_states

AGENTS = {CHEFCHAOUEN: "agent@demo.idara.ma", TIZNIT: "agent.tiznit@demo.idara.ma"}
EXTRACT = (
    "extrait-acte-naissance",
    {
        "family_name": "El Idrissi",
        "given_name": "Amina",
        "birth_date": "1990-04-12",
        "act_number": 1234,
        "act_year": 1990,
        "relation": "self",
        "copies": 1,
    },
)


SHOP = ("autorisation-exercice-activite-commerciale", CAFE | {"trade_name": "Épicerie Al Baraka"})


def _demo_pdf() -> bytes:
    return render_pdf(
        "documents/specimen.html", {"text": "Document de démonstration — وثيقة للعرض"}
    )


@transaction.atomic
def load_demo_dossiers() -> int:
    """Some twenty-five dossiers per demo commune, in every status, permits at every stage of their
    commission; none again if they exist."""
    citizen = User.objects.get(email="citizen@demo.idara.ma")
    if Dossier.objects.filter(applicant=citizen).exists():
        return 0
    pdf = _demo_pdf()
    for code, agent_email in AGENTS.items():
        _load_commune(collectivity(code), citizen, User.objects.get(email=agent_email), pdf)
    indicators.rebuild()
    law_states.rebuild()
    return Dossier.objects.filter(applicant=citizen).count()


def _load_commune(commune, citizen, agent, pdf: bytes) -> None:
    def file(procedure, days_ago=0, leave_out=0):
        slug, data = procedure
        version = catalog.version_in_force(catalog.procedure(slug))
        required = [d for d in version.documents.all() if d.mandatory][leave_out:]
        files = {d.code: SimpleUploadedFile(f"{d.code}.pdf", pdf) for d in required}
        dossier = services.file_dossier(
            citizen, citizen, Filing(catalog.procedure(slug), commune, dict(data), files)
        )[0]
        return backdate(dossier, days_ago) if days_ago else dossier

    file(EXTRACT)  # submitted
    _issue(agent, file(EXTRACT, 1))
    services.withdraw(citizen, file(EXTRACT, 2))
    services.close(agent, _issue(agent, file(EXTRACT, 6)))
    # Filed with a document missing (R3): being filed, 30 days to bring it; not brought in
    # time, returned.
    file(SHOP, 3, leave_out=1)
    services.return_file(file(SHOP, 40, leave_out=1))
    body = User.objects.get(email=COMMISSIONS[commune.code])
    bodies = {ServiceKind.URBAN_AGENCY: body, ServiceKind.CIVIL_PROTECTION: body}
    # In review, awaiting documents, accepted, refused, accepted by silence: permits.
    refused = load_commune_permits(commune, citizen, agent, bodies, pdf)
    governor = User.objects.get(email=GOVERNORS[commune.code])
    load_commune_appeals(citizen, governor, refused[1:], pdf)
    load_commune_tacit(commune, citizen, governor, pdf)


def _issue(agent, order: Dossier) -> Dossier:
    """An extract ordered, paid at the bureau's till, and issued from the register."""
    record_counter_payment(agent, order, order.fee_mad, f"DEMO-{order.reference}")
    deliver(agent, order)
    order.refresh_from_db()
    return order
