"""The agent's first screens: the inbox by legal due date and a dossier's decisions.
(The full back office — filters, opinions, counter filing — comes with its own issue.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.dossiers import selectors, services
from idara.dossiers.models import Dossier
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
            "events": worked.events.all(),
        },
    )


ACTIONS = {
    "review": lambda request, d: services.review(request.user, d),
    "accept": lambda request, d: services.accept(request.user, d),
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
