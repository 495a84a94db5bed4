"""The agent's screens: the inbox by legal due date, a dossier's page and its actions,
opinions to give, and the calendar of public holidays."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.accounts.models import User
from idara.accounts.selectors import is_national_supervisor
from idara.backoffice.training_views import in_training
from idara.catalog import selectors as catalog
from idara.catalog.models import Offering
from idara.civil_status.delivery import deliver
from idara.civil_status.ordering import order_for
from idara.civil_status.panel import panel_for
from idara.dossiers import practice, selectors, services, timeline
from idara.dossiers.api import file_response
from idara.dossiers.legal import asked_before, may_still_ask, open_request
from idara.dossiers.models import (
    OPEN_STATUSES,
    Dossier,
    ExtensionKind,
    HolidayOverride,
    MotivationTemplate,
    Opinion,
    RequestKind,
    Status,
    Verdict,
)
from idara.dossiers.selectors import holidays_around
from idara.dossiers.services import FilingRefused
from idara.dossiers.services.moves import MIN_MOTIVATION
from idara.dossiers.states import TransitionRefused, agent_actions
from idara.notifications.selectors import messages_about
from idara.payments.selectors import is_settled
from idara.payments.services import record_counter_payment
from idara.permits.panel import panel_for as permit_panel
from idara.refusals import Refused
from idara.territories.models import Service


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Reference or applicant"), required=False, max_length=100
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    procedure = forms.ChoiceField(label=gettext_lazy("Procedure"), required=False)
    service = forms.TypedChoiceField(
        label=gettext_lazy("Service"), required=False, coerce=int, empty_value=None
    )
    mine = forms.BooleanField(label=gettext_lazy("Assigned to me"), required=False)
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    collectivity = forms.RegexField(
        label=gettext_lazy("Collectivity code"),
        regex=r"^[0-9.]{1,16}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Enter a collectivity code, such as 01.051.07.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", gettext_lazy("All"))]
        self.fields["status"].choices = everything + [(s, Status(s).label) for s in OPEN_STATUSES]
        services_ = Service.objects.filter(pk__in=selectors.agent_service_ids(user))
        self.fields["service"].choices = everything + [(s.pk, s.name) for s in services_]
        if selectors.sees_everything(user):
            procedures = catalog.procedures()
            del self.fields["service"], self.fields["mine"]
        else:
            offered = Offering.objects.filter(service__in=services_, online=True)
            procedures = [o.procedure for o in offered.select_related("procedure")]
            del self.fields["collectivity"]
        versions = {p.slug: catalog.version_in_force(p) for p in procedures}
        names = {slug: v.name for slug, v in versions.items() if v is not None}
        self.fields["procedure"].choices = everything + sorted(names.items(), key=lambda c: c[1])

    def wanted(self) -> selectors.InboxFilter:
        return (
            selectors.InboxFilter(**self.cleaned_data)
            if self.is_valid()
            else selectors.InboxFilter()
        )


URGENCY_DAYS = 7


def urgency(legal) -> str:
    """overdue, due this week, or fine: shown in colour and in words."""
    if legal.days_left is None:
        return "stopped"
    if legal.days_left < 0:
        return "overdue"
    return "soon" if legal.days_left <= URGENCY_DAYS else "fine"


@never_cache
@login_required
def inbox(request):
    form = InboxFilterForm(request.GET or None, user=request.user)
    found = selectors.inbox_list(request.user, form.wanted(), practice=in_training(request))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    views = selectors.legal_views(page)
    rows = [(d, views[d.pk], urgency(views[d.pk])) for d in page]
    return render(
        request,
        "backoffice/inbox.html",
        {
            "rows": rows,
            "page": page,
            "form": form,
            "opinions": selectors.opinions_to_give(request.user)[:50],
            "escalated": selectors.escalated_appeals(request.user)[:50],
            "acts": _with_act_due(selectors.acts_to_deliver(request.user)[:50]),
            "attestations": selectors.attestation_requests(request.user)[:50],
            "today": timezone.localdate(),
            "training": in_training(request),
        },
    )


def _with_act_due(dossiers) -> list[tuple[Dossier, object]]:
    """R8: each dossier whose act was asked for, with the last day of its 7 days."""
    return [(d, selectors.act_due_on(d)) for d in dossiers]


def _worked(request, dossier_id, *, reading=False) -> Dossier:
    """The dossier an agent of its service works on; with `reading`, also the one the
    supervisor or an auditor reads."""
    try:
        dossier = selectors.backoffice_dossier(request.user, dossier_id)
    except Dossier.DoesNotExist:
        raise Http404(_("Nothing was found at this address."))
    allowed = selectors.may_read_in_backoffice if reading else selectors.is_agent_of
    if not allowed(request.user, dossier):
        raise Http404(_("Nothing was found at this address."))
    return dossier


DECISIONS = {"review", "accept", "deliver", "refuse", "close", "ask_applicant", "extend"}


def possible_actions(dossier: Dossier, legal) -> set[str]:
    """The decisions the page offers: those the state machine allows from both the stored
    status and the legal one (a dossier accepted by silence offers none)."""
    possible = agent_actions(dossier.status) & agent_actions(legal.status)
    today = timezone.localdate()
    holidays = holidays_around(dossier.filed_on, today)
    if not (kinds_left_to_ask(dossier) and may_still_ask(dossier, today, holidays)):
        possible.discard("ask_applicant")
    if dossier.status == Status.AWAITING_APPLICANT:  # R5: answered, or originals seen, here
        possible.add("answer_request")
    if dossier.extension_allowed_days and not dossier.extension_days and "accept" in possible:
        possible.add("extend")
    if dossier.status in OPEN_STATUSES:
        possible |= {"assign", "ask_opinion", "message"}
    if dossier.decision == Status.REFUSED and dossier.refusal_received_on is None:
        possible.add("hand_refusal")  # R7: handed at the counter, the appeal's days start
    if dossier.act_requested_on and not dossier.act_delivered_on:  # R8: the act asked for
        possible.add("deliver_act")
        if not is_settled(dossier):
            possible.add("record_payment")
    if legal.status == Status.BEING_FILED:  # R3: brought at the counter
        possible.add("complete_file")
    if dossier.practice and dossier.status == Status.AWAITING_APPLICANT:
        possible.add("practice_answer")
    if order_for(dossier.procedure.slug) and "accept" in possible:
        # An order from the register is accepted by issuing the document it asks for.
        possible = (possible - {"accept"}) | {"deliver"}
        if not is_settled(dossier):
            possible.add("record_payment")
    if "accept" in possible and dossier.fee_mad and not is_settled(dossier):
        # The fee is paid before the document is issued: online, or at the till.
        possible.add("record_payment")
    return possible


# A decision is taken in two steps: the page first says what is still pending (the opinions
# not given), then the agent confirms. The checks that would refuse it run at the first step.
DECIDED_ON_CONFIRMATION = {"accept": "accept", "refuse": "refuse", "deliver": "accept"}


@dataclass(frozen=True)
class Confirming:
    action: str
    typed: dict
    opinions_awaited: list


@never_cache
@login_required
def dossier(request, dossier_id):
    worked = _worked(request, dossier_id, reading=True)
    acting = selectors.is_agent_of(request.user, worked)
    if acting and worked.attestation_of_id:  # R8: the governor's steps have their own page
        return redirect("backoffice:attestation_request", dossier_id=worked.pk)
    return _page(request, worked, acting)


def _page(
    request,
    worked: Dossier,
    acting: bool,
    refused: Refused | None = None,
    confirming: Confirming | None = None,
):
    """The dossier's page; after a refused action, with its reason beside the form that was
    sent and what the agent typed still in it; before a decision, asking to confirm it."""
    legal = selectors.legal_view(worked)
    possible = possible_actions(worked, legal) if acting else set()
    return render(
        request,
        "backoffice/dossier.html",
        {
            "dossier": worked,
            "legal": legal,
            "possible": possible,
            "decisions": possible & DECISIONS,
            "register": panel_for(worked),
            "permit": permit_panel(worked),
            "acting": acting,
            "documents": worked.procedure_version.documents.all(),
            "missing": selectors.missing_fiche_documents(worked),
            "repetition": selectors.repeated_after_refusal(worked),
            "act_due": selectors.act_due_on(worked),
            "fetches": worked.fetches.all(),
            "kinds_left": kinds_left_to_ask(worked),
            "extension_kinds": ExtensionKind,
            "open_request": open_request(worked),
            "asked_documents": _asked_documents(worked),
            "files": worked.files.all(),
            "document_names": {d.code: d.name for d in worked.procedure_version.documents.all()},
            "events": timeline.for_agents(worked),
            "messages_sent": messages_about(worked)[:50],
            "colleagues": User.objects.filter(memberships__service_id=worked.service_id).distinct(),
            "opinions": worked.opinions.select_related("asked_service__collectivity"),
            "services_to_ask": selectors.services_to_ask(worked),
            "templates": MotivationTemplate.objects.filter(collectivity_id=worked.collectivity_id),
            "today": timezone.localdate(),
            "refused": refused,
            "confirming": confirming,
            "min_motivation": MIN_MOTIVATION,
        },
        status=400 if refused else 200,
    )


def kinds_left_to_ask(dossier: Dossier) -> list:
    """R5: the kinds of request not yet made of this dossier (each is made once)."""
    return [kind for kind in RequestKind if not asked_before(dossier, kind)]


def _asked_documents(dossier: Dossier) -> list:
    """The fiche's documents the open request names."""
    request = open_request(dossier)
    codes = request.documents if request else []
    return [d for d in dossier.procedure_version.documents.all() if d.code in codes]


def _extend(request, dossier):
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise TransitionRefused(_("Enter a whole number."))
    return services.extend(
        request.user, dossier, request.POST.get("kind", ""), days, request.POST.get("reason", "")
    )


def _ask_applicant(request, dossier):
    kind = request.POST.get("kind", "")
    asked = services.Asked(
        kind=kind,
        documents=request.POST.getlist("documents"),
        reason=request.POST.get("reason", ""),
        question=request.POST.get("question", ""),
    )
    return services.ask_applicant(request.user, dossier, asked)


def _assign(request, dossier):
    agent = User.objects.filter(pk=request.POST.get("agent") or request.user.pk).first()
    if agent is None:
        raise TransitionRefused(_("This person does not work in the dossier's service."))
    return services.assign(request.user, dossier, agent)


def _ask_opinion(request, dossier):
    service = selectors.services_to_ask(dossier).filter(pk=request.POST.get("service") or 0).first()
    if service is None:
        raise TransitionRefused(_("Choose the service to ask."))
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        raise TransitionRefused(_("Enter a whole number."))
    return services.ask_opinion(
        request.user, dossier, service, request.POST.get("question", ""), days
    )


def _amount(text) -> Decimal | None:
    """An amount in dirhams as typed (a comma or a point), or None for anything else."""
    try:
        amount = Decimal((text or "").replace(",", ".").strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount >= 100_000_000:
        return None
    return amount.quantize(Decimal("0.01"))


ACTIONS = {
    "assign": _assign,
    "ask_opinion": _ask_opinion,
    "message": lambda request, d: services.write_to_applicant(
        request.user, d, request.POST.get("text", "")
    ),
    "review": lambda request, d: services.review(request.user, d),
    "accept": lambda request, d: services.accept(request.user, d),
    "close": lambda request, d: services.close(request.user, d),
    "refuse": lambda request, d: services.refuse(
        request.user,
        d,
        services.motivation_from(
            d, request.POST.get("template"), request.POST.get("motivation", "")
        ),
    ),
    "extend": _extend,
    "ask_applicant": _ask_applicant,
    "hand_refusal": lambda request, d: services.hand_refusal(request.user, d),
    "answer_request": lambda request, d: services.answer_request(
        request.user, d, dict(request.FILES.items()), request.POST.get("answer", "")
    ),
    "practice_answer": lambda request, d: practice.answer_for_the_applicant(request.user, d),
    "complete_file": lambda request, d: services.complete_file(
        request.user,
        d,
        {c: request.FILES[c] for c in selectors.still_missing(d) if c in request.FILES},
    ),
    "deliver": lambda request, d: deliver(request.user, d),
    "deliver_act": lambda request, d: services.deliver_act(request.user, d),
    "record_payment": lambda request, d: record_counter_payment(
        request.user, d, _amount(request.POST.get("amount")), request.POST.get("counter_receipt")
    ),
}


def _to_confirm(request, worked: Dossier, action: str) -> Confirming:
    motivation = ""
    if action == "refuse":
        motivation = services.motivation_from(
            worked, request.POST.get("template"), request.POST.get("motivation", "")
        )
    services.check_decision(worked, DECIDED_ON_CONFIRMATION[action], motivation)
    typed = {name: request.POST.get(name, "") for name in ("template", "motivation")}
    return Confirming(action, typed, list(selectors.opinions_awaited(worked)))


@require_POST
@login_required
def act(request, dossier_id, action):
    worked = _worked(request, dossier_id)
    if action not in ACTIONS:
        raise Http404(_("Nothing was found at this address."))
    try:
        if action in DECIDED_ON_CONFIRMATION and request.POST.get("confirmed") != "1":
            return _page(request, worked, True, confirming=_to_confirm(request, worked, action))
        ACTIONS[action](request, worked)
    except (TransitionRefused, PermissionDenied) as refused:
        reason = getattr(refused, "message", str(refused))
    except FilingRefused as refused:
        reason = " ".join(m for ms in refused.errors.values() for m in ms)
    else:
        messages.success(request, _("Done."))
        return redirect("backoffice:dossier", dossier_id=worked.pk)
    worked = _worked(request, dossier_id)  # as the refused action left it: unchanged
    return _page(request, worked, True, Refused(action, reason, request.POST))


class HolidayForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    observed = forms.TypedChoiceField(
        label=gettext_lazy("This day"),
        coerce=lambda v: v == "1",
        choices=[
            ("1", gettext_lazy("is a public holiday")),
            ("0", gettext_lazy("is not a public holiday")),
        ],
    )
    name = forms.CharField(label=gettext_lazy("Holiday"), max_length=120)
    reason = forms.CharField(
        label=gettext_lazy("Reason (the announcement)"), required=False, max_length=500
    )


@never_cache
@login_required
def holidays(request):
    if not is_national_supervisor(request.user):
        raise Http404(_("Nothing was found at this address."))
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_holiday(
                request.user,
                data["day"],
                observed=data["observed"],
                name=data["name"],
                reason=data["reason"],
            )
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The calendar was updated."))
            return redirect("backoffice:holidays")
    today = timezone.localdate()
    days = sorted(selectors.holidays_around(today.replace(month=1, day=1), today))
    return render(
        request,
        "backoffice/holidays.html",
        {
            "form": form,
            "days": [d for d in days if d.year in (today.year, today.year + 1)],
            "overrides": HolidayOverride.objects.order_by("-day")[:50],
        },
    )


@never_cache
@login_required
def opinion(request, opinion_id):
    try:
        asked = selectors.opinion_for(request.user, opinion_id)
    except Opinion.DoesNotExist:
        raise Http404(_("Nothing was found at this address."))
    if request.method == "POST":
        try:
            services.answer_opinion(
                request.user,
                asked,
                request.POST.get("answer", ""),
                request.POST.get("verdict", ""),
                request.POST.get("conditions", ""),
                request.FILES.getlist("files"),
            )
        except TransitionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your opinion joined the dossier."))
            return redirect("backoffice:inbox")
    dossier = asked.dossier
    return render(
        request,
        "backoffice/opinion.html",
        {
            "opinion": asked,
            "verdicts": Verdict.choices,
            "dossier": dossier,
            "files": dossier.files.all(),
            "document_names": {d.code: d.name for d in dossier.procedure_version.documents.all()},
        },
    )


@never_cache
@login_required
def dossier_file(request, dossier_id, file_id):
    """A document of a dossier, opened in the browser: for those who may read the dossier."""
    worked = _worked(request, dossier_id, reading=True)
    kept = worked.files.filter(pk=file_id).first()
    if kept is None:
        raise Http404(_("Nothing was found at this address."))
    return file_response(kept)
