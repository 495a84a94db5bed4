"""The agent's first screens: the inbox by legal due date and a dossier's decisions.
(The full back office — filters, opinions, counter filing — comes with its own issue.)"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.accounts.selectors import is_national_supervisor
from idara.dossiers import selectors, services
from idara.dossiers.models import Dossier, HolidayOverride
from idara.dossiers.states import TransitionRefused


@never_cache
@login_required
def inbox(request):
    dossiers = list(selectors.inbox(request.user)[:200])
    rows = [(d, selectors.legal_view(d)) for d in dossiers]
    return render(request, "backoffice/inbox.html", {"rows": rows})


def _worked(request, dossier_id) -> Dossier:
    try:
        dossier = selectors.dossier_for(request.user, dossier_id)
    except Dossier.DoesNotExist:
        raise Http404(_("Nothing was found at this address."))
    if not selectors.is_agent_of(request.user, dossier):
        raise Http404(_("Nothing was found at this address."))
    return dossier


@never_cache
@login_required
def dossier(request, dossier_id):
    worked = _worked(request, dossier_id)
    return render(
        request,
        "backoffice/dossier.html",
        {
            "dossier": worked,
            "legal": selectors.legal_view(worked),
            "documents": worked.procedure_version.documents.all(),
            "files": worked.files.all(),
            "document_names": {d.code: d.name for d in worked.procedure_version.documents.all()},
            "events": worked.events.all(),
        },
    )


ACTIONS = {
    "review": lambda request, d: services.review(request.user, d),
    "accept": lambda request, d: services.accept(request.user, d),
    "close": lambda request, d: services.close(request.user, d),
    "refuse": lambda request, d: services.refuse(
        request.user, d, request.POST.get("motivation", "")
    ),
    "extend": lambda request, d: services.extend(request.user, d, request.POST.get("reason", "")),
    "request_documents": lambda request, d: services.request_documents(
        request.user, d, request.POST.getlist("documents"), request.POST.get("note", "")
    ),
}


@require_POST
@login_required
def act(request, dossier_id, action):
    worked = _worked(request, dossier_id)
    if action not in ACTIONS:
        raise Http404(_("Nothing was found at this address."))
    try:
        ACTIONS[action](request, worked)
    except (TransitionRefused, PermissionDenied) as refused:
        messages.error(request, getattr(refused, "message", str(refused)))
    else:
        messages.success(request, _("Done."))
    return redirect("backoffice:dossier", dossier_id=worked.pk)


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
