"""A national data set for the benchmarks: every collectivity, the catalogue, agents, and N
dossiers with real-looking histories over several years — filed, some asked for documents,
building permits with the commission's opinions, decided on time or late, refused, tacitly
accepted, still open — written in bulk (`bulk.BulkWriter`).

Dates and the legal clock are the real ones (`clock.due_date`, `clock.elapsed_days`); receipt
numbers run per commune and year without gaps, as filings give them."""

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from idara.accounts.models import Membership, Role, User
from idara.catalog import selectors as catalog
from idara.catalog.models import Offering, Procedure
from idara.catalog.services import import_national_file
from idara.clock import due_date, elapsed_days
from idara.documents.pdf import new_verification_code
from idara.dossiers.models import (
    ApplicantRequest,
    Channel,
    Dossier,
    Event,
    Opinion,
    Receipt,
    ReceiptCounter,
    RequestKind,
    Status,
)
from idara.scale.bulk import BulkWriter
from idara.territories.models import COMMUNE_KINDS, Collectivity, Service, ServiceKind
from idara.territories.services import create_default_services, load_territories_file
from idara.vault.fields import seal_text

# The procedures a commune most often puts online, with their share of the filings.
PROCEDURES = {
    "extrait-acte-naissance": 40,
    "copie-integrale-acte-naissance": 15,
    "legalisation-signature": 15,
    "permis-construire-petits-projets": 8,
    "permis-refection": 8,
    "autorisation-exercice-activite-commerciale": 6,
    "permis-habiter": 4,
    "permis-demolir": 4,
}
PASSWORD = "bench-passphrase"  # noqa: S105 (the load data's accounts, for the benchmarks)
ANSWER_POOL = 200
OPINION_PROCEDURES = {"permis-construire-petits-projets"}


@dataclass
class Plan:
    dossiers: int
    years: int = 3
    seed: int = 5519
    past_due: int = 0  # open dossiers past their due date, never swept (the sweep's bench)


def generate(plan: Plan, say=print) -> dict:
    chance = random.Random(plan.seed)  # noqa: S311 (synthetic data, the same on every run)
    _reference_data(say)
    versions = _versions()
    communes = list(Collectivity.objects.filter(kind__in=COMMUNE_KINDS).order_by("code"))
    services = _services(communes)
    _offerings(communes, versions, services)
    agents = _agents(communes, services, say)
    citizens = _citizens(max(100, plan.dossiers // 40), say)
    answers = [seal_text(f'{{"address": "{n} rue de la Paix"}}') for n in range(ANSWER_POOL)]
    counts = _dossiers(plan, chance, communes, versions, services, agents, citizens, answers, say)
    _settle(say)
    return counts


def _settle(say) -> None:
    """Give the planner its statistics (and PostgreSQL its visibility map) at once, as
    autovacuum would some minutes later: a bench run straight after the load must not be
    planned on an empty table's estimates."""
    say("analysing the tables")
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:  # VACUUM cannot run inside a transaction
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def _reference_data(say) -> None:
    if not Collectivity.objects.exists():
        say("loading the 1,590 collectivities")
        load_territories_file()
    create_default_services()
    if not Procedure.objects.exists():
        say("loading the national catalogue")
        import_national_file()


def _versions() -> dict:
    found = {}
    for slug in PROCEDURES:
        version = catalog.version_in_force(catalog.procedure(slug))
        if version is not None:
            found[slug] = version
    return found


def _services(communes) -> dict:
    services = {}
    for service in Service.objects.filter(collectivity__in=communes):
        services[(service.collectivity_id, service.kind)] = service
    return services


def _offerings(communes, versions, services) -> None:
    have = set(Offering.objects.values_list("collectivity_id", "procedure_id"))
    today = timezone.localdate()
    Offering.objects.bulk_create(
        [
            Offering(
                collectivity=commune,
                procedure_id=version.procedure_id,
                online=True,
                online_since=today - timedelta(days=1000),
                service=services.get((commune.pk, version.service_kind)),
                local_fee_mad=20,
            )
            for commune in communes
            for version in versions.values()
            if (commune.pk, version.procedure_id) not in have
            and (commune.pk, version.service_kind) in services
        ],
        batch_size=2000,
    )


def _agents(communes, services, say) -> dict:
    """One agent for each service of each commune that handles the procedures:
    {(commune id, service kind): user id}."""
    say("creating the agents")
    wanted = {
        (commune, kind)
        for commune in communes
        for kind in (ServiceKind.CIVIL_STATUS, ServiceKind.URBANISM, ServiceKind.ECONOMIC_AFFAIRS)
        if (commune.pk, kind) in services
    }
    existing = set(User.objects.filter(email__startswith="agent.").values_list("email", flat=True))
    new = [(c, k) for c, k in wanted if _agent_email(c, k) not in existing]
    password = make_password(PASSWORD)
    User.objects.bulk_create(
        [
            User(email=_agent_email(c, k), password=password, full_name=f"Agent {c.code}")
            for c, k in new
        ],
        batch_size=2000,
    )
    ids = dict(User.objects.filter(email__startswith="agent.").values_list("email", "pk"))
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=ids[_agent_email(c, k)],
                role=Role.AGENT,
                collectivity=c,
                service=services[(c.pk, k)],
            )
            for c, k in new
        ],
        batch_size=2000,
    )
    return {(c.pk, k): ids[_agent_email(c, k)] for c, k in wanted}


def _agent_email(commune, kind) -> str:
    return f"agent.{kind}.{commune.code.rstrip('.')}@load.idara.ma"


def _citizens(count: int, say) -> list[int]:
    say(f"creating {count} citizens")
    password = make_password(PASSWORD)
    start = User.objects.filter(email__startswith="citizen.").count()
    User.objects.bulk_create(
        [
            User(email=f"citizen.{n}@load.idara.ma", password=password, full_name=f"Citoyen {n}")
            for n in range(start, count)
        ],
        batch_size=5000,
    )
    return list(
        User.objects.filter(email__startswith="citizen.", email__endswith="@load.idara.ma")
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )


@transaction.atomic
def _dossiers(plan, chance, communes, versions, services, agents, citizens, answers, say) -> dict:
    writers = {m: BulkWriter(m) for m in (Dossier, Receipt, Event, Opinion, ApplicantRequest)}
    today = timezone.localdate()
    slugs = [s for s in PROCEDURES if s in versions]
    weights = [PROCEDURES[s] for s in slugs]
    # Larger communes file more: a weight per commune, drawn once.
    sizes = [chance.paretovariate(1.2) for _ in communes]
    # Numbers go on from the counters already there: a second run adds, it never collides.
    counters = {(c, y): n for c, y, n in ReceiptCounter.objects.values_list(
        "collectivity_id", "year", "last")}  # fmt: skip
    opinion_services = _opinion_services(communes, services)
    say(f"writing {plan.dossiers + plan.past_due} dossiers")
    picks = chance.choices(range(len(communes)), weights=sizes, k=plan.dossiers)
    for n, index in enumerate(picks):
        commune = communes[index]
        version = versions[chance.choices(slugs, weights=weights)[0]]
        filed_on = today - timedelta(days=chance.randint(1, 365 * plan.years))
        _one(writers, chance, commune, version, services, agents, citizens, answers,
             filed_on, counters, opinion_services, today)  # fmt: skip
        if n and n % 500_000 == 0:
            say(f"  {n} dossiers")
    due = [v for v in versions.values() if v.silence_means_acceptance] or list(versions.values())
    for _ in range(plan.past_due):
        commune = communes[chance.randrange(len(communes))]
        version = chance.choice(due)
        filed_on = _filed_for_past_due(version, today)
        _one(writers, chance, commune, version, services, agents, citizens, answers,
             filed_on, counters, opinion_services, today, keep_open=True)  # fmt: skip
    for writer in writers.values():
        writer.flush()
    _save_counters(counters)
    return {m._meta.label: w.written for m, w in writers.items()}


def _filed_for_past_due(version, today):
    """The latest filing day whose due date has passed by today (weekends and holidays move
    a due date forward, so the search goes back from the deadline)."""
    days = version.deadline_days or 60
    working = bool(version.deadline_working_days)
    filed = today - timedelta(days=days)
    while due_date(filed, days, working_days=working) >= today:
        filed -= timedelta(days=1)
    return filed


def _opinion_services(communes, services) -> dict:
    provincial = {
        s.collectivity_id: s.pk for s in Service.objects.filter(kind=ServiceKind.URBAN_AGENCY)
    }
    return {c.pk: provincial.get(c.parent_id) for c in communes}


def _one(writers, chance, commune, version, services, agents, citizens, answers, filed_on,
         counters, opinion_services, today, keep_open=False) -> None:  # fmt: skip
    service = services.get((commune.pk, version.service_kind))
    if service is None:
        return
    days = version.deadline_days or 60
    working = bool(version.deadline_working_days)
    due = due_date(filed_on, days, working_days=working)
    year = filed_on.year
    key = (commune.pk, year)
    counters[key] = counters.get(key, 0) + 1
    number = counters[key]
    dossier_id = uuid.uuid4()
    submitted = datetime.combine(filed_on, time(8 + chance.randrange(9)), tzinfo=UTC)
    applicant = chance.choice(citizens)
    agent = agents.get((commune.pk, version.service_kind))
    fields = {
        "id": dossier_id,
        "reference": f"{commune.code.rstrip('.')}-{year}-{number:06d}",
        "collectivity_id": commune.pk,
        "service_id": service.pk,
        "procedure_version_id": version.pk,
        "applicant_id": applicant,
        "filed_by_id": applicant,
        "channel": Channel.ONLINE if chance.random() < 0.7 else Channel.COUNTER,
        "data": chance.choice(answers),
        "submitted_at": submitted,
        "filed_on": filed_on,
        "deadline_days": days,
        "working_days": working,
        "silence_means_acceptance": bool(version.silence_means_acceptance),
        "appeal_days": version.appeal_days,
        "fee_mad": 20,
        "due_on": due,
        "assigned_to_id": agent,
        "status": Status.SUBMITTED,
    }
    events = [("filed", submitted, Status.SUBMITTED, None)]
    requests = []
    if not keep_open:
        _history(fields, events, requests, chance, due, today, agent)
    writers[Dossier].add(**fields)
    for request in requests:
        writers[ApplicantRequest].add(dossier_id=dossier_id, **request)
    writers[Receipt].add(
        dossier_id=dossier_id,
        collectivity_id=commune.pk,
        year=year,
        number=number,
        verification_code=new_verification_code(),
        issued_at=submitted,
    )
    for kind, at, status, actor in events:
        writers[Event].add(dossier_id=dossier_id, at=at, kind=kind, status=status, actor_id=actor)
    asked = opinion_services.get(commune.pk)
    if version.procedure.slug in OPINION_PROCEDURES and asked:
        _opinion(writers[Opinion], dossier_id, asked, filed_on, fields, chance)


def _history(fields, events, requests, chance, due, today, agent) -> None:
    filed_on = fields["filed_on"]
    span = max((due - filed_on).days, 1)
    if chance.random() < 0.2:  # information asked, then answered: the clock stopped meanwhile
        asked = filed_on + timedelta(days=chance.randint(1, max(span // 2, 1)))
        if asked < today:
            request = {
                "kind": RequestKind.INFORMATION,
                "requested_by_id": agent,
                "requested_on": asked,
                "question": "Précisez la surface exploitée.",
            }
            requests.append(request)
            events.append(("applicant_asked", _at(asked), Status.AWAITING_APPLICANT, agent))
            fields["status"] = Status.AWAITING_APPLICANT
            received = asked + timedelta(days=chance.randint(1, 20))
            if received >= today:
                return
            request.update(answered_on=received, answer="120 m².")
            events.append(("applicant_answered", _at(received), Status.IN_REVIEW, None))
            fields["status"] = Status.IN_REVIEW
    late = chance.random() < 0.25
    took = span + chance.randint(1, 30) if late else chance.randint(1, span)
    decided_on = filed_on + timedelta(days=took)
    tacit = late and fields["silence_means_acceptance"] and chance.random() < 0.6
    if tacit:
        decided_on = due
    if decided_on >= today:
        return
    decision = (
        Status.TACITLY_ACCEPTED
        if tacit
        else (Status.REFUSED if chance.random() < 0.12 else Status.ACCEPTED)
    )
    fields.update(
        status=decision,
        decision=decision,
        decided_on=decided_on,
        processing_days=elapsed_days(filed_on, decided_on),
    )
    if not tacit:
        fields["decided_at"] = _at(decided_on)
    if decision == Status.REFUSED:
        fields["motivation"] = "Non conforme au plan d'aménagement."
    events.append((decision, _at(decided_on), decision, None if tacit else agent))


def _opinion(writer, dossier_id, service_id, filed_on, fields, chance) -> None:
    answered = fields["status"] not in (Status.SUBMITTED,) and chance.random() < 0.9
    writer.add(
        dossier_id=dossier_id,
        asked_service_id=service_id,
        question="Avis sur la conformité au plan d'aménagement.",
        asked_on=filed_on,
        due_on=filed_on + timedelta(days=15),
        binding=True,
        verdict=chance.choice(["favourable", "favourable", "conditions"]) if answered else "",
        answered_at=_at(filed_on + timedelta(days=chance.randint(2, 14))) if answered else None,
        answer="Avis rendu (données de charge)." if answered else "",
    )


def _at(day) -> datetime:
    return datetime.combine(day, time(11), tzinfo=UTC)


def _save_counters(counters: dict) -> None:
    existing = {(c.collectivity_id, c.year): c for c in ReceiptCounter.objects.all()}
    new, changed = [], []
    for (collectivity_id, year), last in counters.items():
        counter = existing.get((collectivity_id, year))
        if counter is None:
            new.append(ReceiptCounter(collectivity_id=collectivity_id, year=year, last=last))
        else:
            counter.last = last
            changed.append(counter)
    ReceiptCounter.objects.bulk_create(new, batch_size=5000)
    ReceiptCounter.objects.bulk_update(changed, ["last"], batch_size=5000)
