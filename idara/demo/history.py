"""Demo history: the dossiers the communes of the demo provinces decided over the last two
quarters, so that the transparency portal has figures to publish and a ranking to show. They
are written in bulk (as an archive is imported), then the indicators are rebuilt from them
and the collectivities ranked: every figure shown comes from these dossiers."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from idara.accounts.models import User
from idara.audit.services import record
from idara.catalog import selectors as catalog
from idara.clock import due_date, elapsed_days
from idara.documents.pdf import new_verification_code
from idara.dossiers.models import Channel, Dossier, Event, Receipt, ReceiptCounter, Status
from idara.territories.models import COMMUNE_KINDS, Collectivity
from idara.transparency import indicators

PROVINCES = ("01.151.", "09.581.")  # Chefchaouen, Tiznit
PROCEDURES = ("extrait-acte-naissance", "permis-construire-petits-projets", "permis-refection")
ARCHIVE = "archives@demo.idara.ma"
DAYS_BACK = 200


@transaction.atomic
def load_demo_history(seed: int = 55_19) -> int:
    """Dossiers for every commune of the demo provinces; none again if they exist."""
    applicant, created = User.objects.get_or_create(
        email=ARCHIVE, defaults={"full_name": "Archives de démonstration"}
    )
    if not created:
        return 0
    applicant.set_unusable_password()
    applicant.save()
    chance = random.Random(seed)  # noqa: S311 (demo figures, the same on every machine)
    versions = [catalog.version_in_force(catalog.procedure(slug)) for slug in PROCEDURES]
    communes = Collectivity.objects.filter(parent__code__in=PROVINCES, kind__in=COMMUNE_KINDS)
    count = 0
    for commune in communes:
        count += _commune_history(commune, versions, applicant, chance)
    indicators.rebuild()
    record(None, "demo.history_loaded", None, data={"dossiers": count})
    return count


def _commune_history(commune, versions, applicant, chance) -> int:
    """Dossiers filed over the last DAYS_BACK days; the commune answers on time with its own
    diligence, so that communes differ."""
    diligence = chance.uniform(0.45, 0.98)
    today = timezone.localdate()
    dossiers = []
    for _n in range(chance.randint(25, 90)):
        version = chance.choice(versions)
        service = commune.services.filter(kind=version.service_kind).first()
        if service is None:
            continue
        filed_on = today - timedelta(days=chance.randint(1, DAYS_BACK))
        dossiers.append(_dossier(commune, service, version, applicant, filed_on, diligence, chance))
    _number(commune, dossiers)
    Dossier.objects.bulk_create(dossiers, batch_size=500)
    Receipt.objects.bulk_create(
        (
            Receipt(
                dossier=d,
                collectivity=commune,
                year=d.filed_on.year,
                number=int(d.reference.rsplit("-", 1)[1]),
                verification_code=new_verification_code(),
                issued_at=d.submitted_at,
            )
            for d in dossiers
        ),
        batch_size=500,
    )
    Event.objects.bulk_create(_events(dossiers), batch_size=1000)
    return len(dossiers)


def _dossier(commune, service, version, applicant, filed_on, diligence, chance) -> Dossier:
    days = version.deadline_days or 60
    working = bool(version.deadline_working_days)
    due = due_date(filed_on, days, working_days=working)
    dossier = Dossier(
        collectivity=commune,
        service=service,
        procedure_version=version,
        applicant=applicant,
        filed_by=applicant,
        channel=chance.choice([Channel.ONLINE, Channel.ONLINE, Channel.COUNTER]),
        data={},
        submitted_at=timezone.make_aware(datetime.combine(filed_on, time(10))),
        filed_on=filed_on,
        deadline_days=days,
        working_days=working,
        silence_means_acceptance=bool(version.silence_means_acceptance),
        appeal_days=version.appeal_days,
        due_on=due,
    )
    _decide(dossier, due, diligence, chance)
    return dossier


def _decide(dossier: Dossier, due, diligence: float, chance) -> None:
    today = timezone.localdate()
    took = (
        chance.randint(1, (due - dossier.filed_on).days)
        if chance.random() < diligence
        else ((due - dossier.filed_on).days + chance.randint(1, 25))
    )
    decided_on = dossier.filed_on + timedelta(days=took)
    silent = decided_on > due and dossier.silence_means_acceptance and chance.random() < 0.5
    if silent:
        decided_on = due
    if decided_on >= today:
        return  # still open
    status = (
        Status.TACITLY_ACCEPTED
        if silent
        else chance.choice([Status.ACCEPTED] * 5 + [Status.REFUSED])
    )
    dossier.status, dossier.decision, dossier.decided_on = status, status, decided_on
    dossier.processing_days = elapsed_days(dossier.filed_on, decided_on)
    if not silent:
        dossier.decided_at = timezone.make_aware(datetime.combine(decided_on, time(11)))
    if status == Status.REFUSED:
        dossier.motivation = "Dossier incomplet au regard du plan d'aménagement (archive)."


def _number(commune, dossiers: list[Dossier]) -> None:
    """References from the commune's receipt counter of each year, with no gap."""
    dossiers.sort(key=lambda d: d.submitted_at)
    for year in sorted({d.filed_on.year for d in dossiers}):
        counter, _created = ReceiptCounter.objects.get_or_create(collectivity=commune, year=year)
        for dossier in (d for d in dossiers if d.filed_on.year == year):
            counter.last += 1
            dossier.reference = f"{commune.code.rstrip('.')}-{year}-{counter.last:06d}"
        counter.save(update_fields=["last"])


def _events(dossiers):
    for dossier in dossiers:
        yield Event(dossier=dossier, at=dossier.submitted_at, kind="filed", status=Status.SUBMITTED)
        if dossier.decision:
            at = dossier.decided_at or timezone.make_aware(
                datetime.combine(dossier.decided_on, time(23, 59))
            )
            yield Event(dossier=dossier, at=at, kind=dossier.decision, status=dossier.status)
