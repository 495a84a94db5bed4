"""Training mode: the agent's inbox shows practice dossiers instead of real ones until the
agent leaves it (see idara.dossiers.practice)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from idara.dossiers import practice, selectors

PRACTICE = "practice"  # the session's key: the agent is in training mode


def in_training(request) -> bool:
    return bool(request.session.get(PRACTICE))


@never_cache
@login_required
def training(request):
    """Training mode: practice dossiers in the inbox instead of the real ones, until the agent
    leaves it."""
    if not selectors.agent_service_ids(request.user):
        raise Http404(_("Nothing was found at this address."))
    if request.method == "POST" and request.POST.get("mode") == "leave":
        request.session.pop(PRACTICE, None)
        messages.success(request, _("You left the training mode: these are your real dossiers."))
        return redirect("backoffice:inbox")
    if request.method == "POST":
        made = practice.start_practice(request.user)
        request.session[PRACTICE] = True
        messages.success(
            request,
            ngettext(
                "Training mode: %(n)s new practice dossier is in your inbox.",
                "Training mode: %(n)s new practice dossiers are in your inbox.",
                made,
            )
            % {"n": made},
        )
        return redirect("backoffice:inbox")
    return render(request, "backoffice/training.html", {"training": in_training(request)})
