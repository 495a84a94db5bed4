"""Reads of dossiers, each scoped to what the caller may see: an applicant their own, an agent
the dossiers of the services they work in, the national supervisor and auditors all."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.utils import timezone

from idara.accounts.models import NATIONAL_ROLES, SERVICE_ROLES, Membership
from idara.clock.calendar import public_holidays
from idara.dossiers import legal
from idara.dossiers.models import (
    OPEN_STATUSES,
    Channel,
    Dossier,
    Event,
    HolidayOverride,
    Opinion,
    Purpose,
    Receipt,
    Status,
)
from idara.identity.models import MANDATE_IN_FORCE, CompanyMember


def holidays_around(start: date, end: date) -> frozenset[date]:
    """Public holidays from `start`'s year to the year after `end`, with the overrides."""
    overrides = HolidayOverride.objects.filter(day__year__gte=start.year)
    added = [o.day for o in overrides if o.observed]
    removed = [o.day for o in overrides if not o.observed]
    return public_holidays(range(start.year, end.year + 2), added=added, removed=removed)


def _roles(user) -> list[tuple[str, int | None]]:
    """The user's (role, service) pairs, read once per user object: a page asks several times,
    and the signed-in user object lives only as long as its request."""
    if not hasattr(user, "_roles"):
        user._roles = list(Membership.objects.filter(user=user).values_list("role", "service_id"))
    return user._roles


def agent_service_ids(user) -> list[int]:
    return [service for role, service in _roles(user) if role in SERVICE_ROLES]


def sees_everything(user) -> bool:
    return any(role in NATIONAL_ROLES for role, _ in _roles(user))


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Real dossiers only: practice dossiers of the training mode show nowhere else than in
    `practice_dossiers`."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    base = _with_relations(Dossier.objects.filter(practice=False))
    if sees_everything(user):
        return base
    services = agent_service_ids(user)
    # An asked service sees the dossier it must give its opinion on.
    asked = Opinion.objects.filter(asked_service_id__in=services).values("dossier_id")
    return base.filter(_own(user) | Q(service_id__in=services) | Q(pk__in=asked))


def _own(user) -> Q:
    """The applicant's; when someone else filed it, once claimed by its code (services.claims),
    or at once for an account whose CNIE the national identity vouched for; what a
    representative filed under a mandate still in force (identity.mandates); and a company's,
    for each of its members (identity.companies)."""
    mine = Q(applicant=user)
    if not user.national_identity_subject:  # a CNIE the national identity vouched for needs no code
        mine &= Q(claim_code__isnull=True)
    represented = Q(mandate__representative=user, mandate__state__in=MANDATE_IN_FORCE)
    # A subquery, not a join: a company's other members must not repeat its dossiers' rows.
    companies = CompanyMember.objects.effective_for(user).values("company_id")
    return mine | represented | Q(company_id__in=companies)


def _with_relations(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    # The requests are read by every legal state (the clock's suspensions, R5).
    return dossiers.select_related(
        "collectivity", "service", "procedure_version__procedure", "applicant", "receipt"
    ).prefetch_related("requests")


def practice_dossiers(user) -> QuerySet[Dossier]:
    """Training mode: the practice dossiers of the services the user works in."""
    return _with_relations(
        Dossier.objects.filter(practice=True, service_id__in=agent_service_ids(user))
    )


def backoffice_dossier(user, dossier_id) -> Dossier:
    """A dossier the user may open in the back office, real or for practice; raises
    Dossier.DoesNotExist for anyone else."""
    return (visible_dossiers(user) | practice_dossiers(user)).get(pk=dossier_id)


def dossier_for(user, dossier_id) -> Dossier:
    """One dossier the user may see; raises Dossier.DoesNotExist for anyone else."""
    return visible_dossiers(user).get(pk=dossier_id)


def my_dossiers(user) -> QuerySet[Dossier]:
    return visible_dossiers(user).filter(_own(user)).order_by("-submitted_at")


@dataclass(frozen=True)
class InboxFilter:
    q: str = ""
    procedure: str = ""
    status: str = ""
    service: int | None = None
    mine: bool = False
    overdue: bool = False
    collectivity: str = ""


def inbox(user, wanted: InboxFilter = InboxFilter(), practice=False) -> QuerySet[Dossier]:
    """The open dossiers to work, the most urgent first, filtered as asked: an agent's those of
    their services; the national supervisor's and the auditors' those of every collectivity.
    In training mode (`practice`), the agent's practice dossiers instead."""
    if practice:
        scope = practice_dossiers(user)
    elif sees_everything(user):
        scope = visible_dossiers(user)
    else:  # the services' own dossiers: a part of what the agent sees, and counted on the index
        scope = _with_relations(
            Dossier.objects.filter(practice=False, service_id__in=agent_service_ids(user))
        )
    found = scope.filter(status__in=OPEN_STATUSES)
    if wanted.collectivity:
        found = found.filter(collectivity__code=wanted.collectivity)
    if wanted.q:
        found = found.filter(
            Q(reference__icontains=wanted.q) | Q(applicant__full_name__icontains=wanted.q)
        )
    if wanted.procedure:
        found = found.filter(procedure_version__procedure__slug=wanted.procedure)
    if wanted.status:
        found = found.filter(status=wanted.status)
    if wanted.service:
        found = found.filter(service_id=wanted.service)
    if wanted.mine:
        found = found.filter(assigned_to=user)
    if wanted.overdue:
        found = found.filter(due_on__lt=timezone.localdate())
    return found.order_by(F("due_on").asc(nulls_last=True), "submitted_at")


def inbox_list(user, wanted: InboxFilter = InboxFilter(), practice=False) -> QuerySet[Dossier]:
    """The back office's inbox list: the inbox without the requests for an attestation, which
    have their own queue above it (R8, `attestation_requests`)."""
    return inbox(user, wanted, practice).filter(attestation_of=None)


def is_agent_of(user, dossier: Dossier) -> bool:
    return dossier.service_id in agent_service_ids(user)


@dataclass(frozen=True)
class Repetition:
    """R10: a filing after a refusal of the same procedure to the same applicant, and what
    changed since (the answers' labels, the documents' codes)."""

    refused: Dossier
    answers: list[str]
    documents: list[str]

    @property
    def nothing_changed(self) -> bool:
        return not (self.answers or self.documents)


def repeated_after_refusal(dossier: Dossier) -> Repetition | None:
    """R10 (art. 15): "Requests repeated by the same user for an act already refused may go
    unanswered, unless the conditions or the documents have changed": the latest refusal of
    this procedure to this applicant at this collectivity, filed before, with what changed."""
    refused = (
        Dossier.objects.filter(
            applicant_id=dossier.applicant_id,
            collectivity_id=dossier.collectivity_id,
            procedure_version__procedure_id=dossier.procedure_version.procedure_id,
            decision=Status.REFUSED,
            appeal_of=None,
            practice=False,
            submitted_at__lt=dossier.submitted_at,
        )
        .order_by("-submitted_at")
        .first()
    )
    if refused is None or dossier.appeal_of_id is not None:
        return None
    return Repetition(refused, _changed_answers(refused, dossier), _changed_files(refused, dossier))


def _changed_answers(before: Dossier, after: Dossier) -> list[str]:
    from idara.catalog.form_schema import localized

    properties = after.procedure_version.form_schema.get("properties", {})
    names = sorted(set(before.data) | set(after.data))
    return [
        localized(properties.get(name, {}).get("x-label")) or name
        for name in names
        if before.data.get(name) != after.data.get(name)
    ]


def _changed_files(before: Dossier, after: Dossier) -> list[str]:
    def hashes(dossier):
        found: dict[str, set[str]] = {}
        for code, sha256 in dossier.files.values_list("document_code", "sha256"):
            found.setdefault(code, set()).add(sha256)
        return found

    old, new = hashes(before), hashes(after)
    return sorted(code for code in set(old) | set(new) if old.get(code) != new.get(code))


def is_governor_agent(user, appeal: Dossier) -> bool:
    """R9: an agent of the appeals service of the province or prefecture the appeal's
    collectivity belongs to: the wali's or governor's, to whom it may be referred."""
    return _governor_services(user).filter(collectivity_id=appeal.collectivity.parent_id).exists()


def escalated_appeals(user) -> QuerySet[Dossier]:
    """R9: the appeals referred to the user's governor, the oldest referral first."""
    provinces = _governor_services(user).values("collectivity_id")
    return (
        Dossier.objects.filter(
            status=Status.ESCALATED, practice=False, collectivity__parent_id__in=provinces
        )
        .select_related("collectivity", "appeal_of", "procedure_version")
        .order_by("escalated_on", "submitted_at")
    )


def _governor_services(user):
    from idara.territories.models import Service, ServiceKind

    return Service.objects.filter(pk__in=agent_service_ids(user), kind=ServiceKind.APPEALS)


def may_read_in_backoffice(user, dossier: Dossier) -> bool:
    """The dossier's page in the back office: its service's agents act on it, the national
    supervisor and the auditors read it."""
    return is_agent_of(user, dossier) or sees_everything(user)


@dataclass(frozen=True)
class LegalView:
    due: date | None
    status: str
    days_left: int | None
    appeal_until: date | None
    complete_by: date | None  # R3: the last day to bring the missing documents
    answer_by: date | None  # R5 (a): the last day to send a document to replace
    act_due: date | None = None  # R8: the president's 7 days to deliver the act asked for
    may_request_act: bool = False
    may_ask_attestation: bool = False


def legal_view(dossier: Dossier, today: date | None = None, holidays=None) -> LegalView:
    today = today or timezone.localdate()
    if holidays is None:
        holidays = holidays_around(dossier.filed_on, today)
    due = legal.legal_due_date(dossier, holidays)
    status = legal.legal_status(dossier, due, today, holidays)
    act_due = legal.act_due_on(dossier, holidays)
    return LegalView(
        due=due,
        status=status,
        days_left=(due - today).days if due else None,
        appeal_until=legal.appeal_open_until(dossier, due, today, holidays),
        complete_by=(
            legal.completion_due_on(dossier, holidays)
            if dossier.status == Status.BEING_FILED
            else None
        ),
        answer_by=_answer_by(dossier, holidays),
        act_due=act_due,
        may_request_act=legal.may_request_act(dossier, status),
        may_ask_attestation=legal.may_ask_attestation(
            dossier, act_due, today, act_due is not None and dossier.attestation_requests.exists()
        ),
    )


def act_due_on(dossier: Dossier) -> date | None:
    """R8: the last day of the president's 7 days to deliver the act asked for."""
    asked = dossier.act_requested_on
    if asked is None:
        return None
    return legal.act_due_on(dossier, holidays_around(asked, asked + timedelta(days=15)))


def acts_to_deliver(user) -> QuerySet[Dossier]:
    """R8: the tacitly accepted dossiers of the user's services whose applicant asked for the
    act, not yet delivered, the oldest request first."""
    return (
        _with_relations(
            Dossier.objects.filter(
                practice=False, service_id__in=agent_service_ids(user), act_delivered_on=None
            )
        )
        .exclude(act_requested_on=None)
        .order_by("act_requested_on", "submitted_at")
    )


def attestation_requests(user, answered=False) -> QuerySet[Dossier]:
    """R8: the requests for an attestation of silence filed with the user's services (the
    governor's), still to answer (with `answered`, those answered too), the most urgent
    first."""
    found = Dossier.objects.filter(practice=False, service_id__in=agent_service_ids(user))
    if not answered:
        found = found.filter(status__in=OPEN_STATUSES)
    return (
        _with_relations(found)
        .exclude(attestation_of=None)
        .select_related("attestation_of__collectivity")
        .order_by(F("due_on").asc(nulls_last=True), "submitted_at")
    )


def refusal_appeal_last_day(dossier: Dossier) -> date | None:
    """R7, R9: the last day to appeal a refusal that reached the applicant (what its decision
    document says once drawn again); None before it reached them."""
    received = dossier.refusal_received_on
    if received is None:
        return None
    holidays = holidays_around(received, received + timedelta(days=2 * dossier.appeal_days))
    return legal.appeal_last_day(dossier, received, holidays)


def replacement_due_on(request) -> date | None:
    """R5 (a): the last day to replace the documents a request names (None for the other
    kinds), reading the holidays of its 30 days."""
    holidays = holidays_around(request.requested_on, request.requested_on + timedelta(days=61))
    return legal.replacement_due_on(request, holidays)


def not_obtained_told_by(dossier: Dossier) -> date:
    """R11: the last day to tell the applicant that a document could not be obtained."""
    holidays = holidays_around(dossier.filed_on, dossier.filed_on + timedelta(days=31))
    return legal.not_obtained_told_by(dossier, holidays)


def completion_due_on(dossier: Dossier) -> date | None:
    """R3: the last day to bring the missing documents of a file being filed."""
    holidays = holidays_around(dossier.filed_on, dossier.filed_on + timedelta(days=61))
    return legal.completion_due_on(dossier, holidays)


def _answer_by(dossier: Dossier, holidays) -> date | None:
    request = legal.open_request(dossier)
    return legal.replacement_due_on(request, holidays) if request else None


def still_missing(dossier: Dossier) -> list[str]:
    """R3: the documents listed missing at filing that have not been brought since."""
    if legal.clock_started_on(dossier) is not None:
        return []
    brought = set(
        dossier.files.filter(purpose=Purpose.COMPLETION).values_list("document_code", flat=True)
    )
    return [code for code in dossier.missing_documents if code not in brought]


def missing_fiche_documents(dossier: Dossier) -> list:
    """R3: the fiche's documents still missing from a file being filed, in the fiche's order."""
    missing = still_missing(dossier)
    return [d for d in dossier.procedure_version.documents.all() if d.code in missing]


def overdue_dossiers() -> QuerySet[Dossier]:
    """Real dossiers still open past their legal due date."""
    return Dossier.objects.filter(
        practice=False, status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()
    )


def legal_views(dossiers, today: date | None = None) -> dict:
    """The legal state of many dossiers ({pk: LegalView}), reading the holidays once."""
    today = today or timezone.localdate()
    dossiers = list(dossiers)
    if not dossiers:
        return {}
    holidays = holidays_around(min(d.filed_on for d in dossiers), today)
    return {d.pk: legal_view(d, today, holidays) for d in dossiers}


def receipt_by_code(code: str) -> Receipt | None:
    return (
        Receipt.objects.select_related("dossier__procedure_version", "collectivity")
        .filter(verification_code=code)
        .first()
    )


def opinions_to_give(user) -> QuerySet[Opinion]:
    """The opinions asked of the user's services and not yet given, the most urgent first."""
    return (
        Opinion.objects.filter(
            asked_service_id__in=agent_service_ids(user), answered_at=None, dossier__practice=False
        )
        .select_related("dossier__procedure_version", "asked_service")
        .order_by("due_on")
    )


def opinion_for(user, opinion_id) -> Opinion:
    """Raises Opinion.DoesNotExist for anyone outside the asked service."""
    return Opinion.objects.select_related("dossier", "asked_service").get(
        pk=opinion_id, asked_service_id__in=agent_service_ids(user), dossier__practice=False
    )


def services_to_ask(dossier: Dossier):
    """The other services of the dossier's collectivity and of its supervising authority, the
    collectivity's first; not the appeals', which judges decisions rather than advising on
    them."""
    from idara.territories.models import Service, ServiceKind

    units = [dossier.collectivity_id, dossier.collectivity.parent_id]
    return (
        Service.objects.filter(collectivity_id__in=units)
        .exclude(pk=dossier.service_id)
        .exclude(kind=ServiceKind.APPEALS)
        .select_related("collectivity")
        .order_by(Case(When(collectivity_id=dossier.collectivity_id, then=0), default=1), "kind")
    )


@dataclass(frozen=True)
class Adoption:
    """How far a collectivity's agents have taken up the platform over a period."""

    agents: int
    agents_active: int
    filed_online: int
    filed_at_counter: int

    @property
    def online_share(self) -> int | None:
        """Per cent of the period's dossiers filed by the applicants themselves."""
        filed = self.filed_online + self.filed_at_counter
        return round(100 * self.filed_online / filed) if filed else None


def adoption(collectivity, since) -> Adoption:
    """Agents who worked at least one dossier on the platform since `since`, among the
    collectivity's agents; the dossiers filed online (or through the API) and at the counter."""
    agents = (
        Membership.objects.filter(
            collectivity=collectivity, role__in=SERVICE_ROLES, user__is_active=True
        )
        .values("user_id")
        .order_by()
    )
    active = (
        Event.objects.filter(
            dossier__collectivity=collectivity,
            dossier__practice=False,
            at__gte=since,
            actor_id__in=agents,
        )
        .values("actor_id")
        .order_by()
    )
    filed = Dossier.objects.filter(
        collectivity=collectivity, submitted_at__gte=since, practice=False
    )
    counts = {row["channel"]: row["n"] for row in filed.values("channel").annotate(n=Count("pk"))}
    return Adoption(
        agents=agents.distinct().count(),
        agents_active=active.distinct().count(),
        filed_online=counts.get(Channel.ONLINE, 0) + counts.get(Channel.API, 0),
        filed_at_counter=counts.get(Channel.COUNTER, 0),
    )


@dataclass(frozen=True)
class Obtained:
    """R11: one document obtained (or tried) for the user, for their "who consulted my data"."""

    fetch: object
    document: str  # its name in the active language


def obtained_for(user, limit: int = 200) -> list[Obtained]:
    """R11: "Every fetch is in the user's 'who consulted my data' log": the documents the
    administration obtained, or tried to, for the user's applications, the latest first."""
    from idara.catalog.models import RequiredDocument
    from idara.dossiers.models import DocumentFetch

    fetches = list(
        DocumentFetch.objects.filter(dossier__applicant=user, dossier__practice=False)
        .select_related("dossier")
        .order_by("-consented_at", "-id")[:limit]
    )
    versions = {f.dossier.procedure_version_id for f in fetches}
    names = {
        (d.version_id, d.code): d.name
        for d in RequiredDocument.objects.filter(version_id__in=versions)
    }
    return [
        Obtained(f, names.get((f.dossier.procedure_version_id, f.document_code), f.document_code))
        for f in fetches
    ]


def opinions_awaited(dossier: Dossier):
    """The opinions asked about the dossier and not given yet, the first due first."""
    return (
        dossier.opinions.filter(answered_at__isnull=True)
        .select_related("asked_service__collectivity")
        .order_by("due_on")
    )
