"""R9 (Law 55-19 art. 21): the wali's or governor's side of an appeal the president left
unanswered: their agent writes to the president and records the letter here."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.dossiers import selectors, services
from idara.dossiers.models import Dossier
from idara.dossiers.services import FilingRefused, GovernorLetter
from idara.dossiers.states import TransitionRefused


@never_cache
@login_required
def governor_letter(request, dossier_id):
    try:
        appeal = selectors.escalated_appeals(request.user).get(pk=dossier_id)
    except Dossier.DoesNotExist:
        raise Http404(_("Nothing was found at this address."))
    errors = {}
    if request.method == "POST":
        try:
            services.record_governor_letter(request.user, appeal, letter_from(request, errors))
        except FilingRefused as refused:
            errors |= refused.errors
        except TransitionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The letter is recorded: the president has 10 days."))
            return redirect("backoffice:inbox")
    return render(
        request,
        "backoffice/governor_letter.html",
        {"appeal": appeal, "appealed": appeal.appeal_of, "errors": errors, "posted": request.POST},
    )


def letter_from(request, errors: dict) -> GovernorLetter:
    """The letter to the president as the governor's agent typed it (R8, R9)."""
    try:
        written_on = date.fromisoformat(request.POST.get("written_on", ""))
    except ValueError:
        errors["written_on"] = [_("Enter a valid date.")]
        written_on = date.min
    return GovernorLetter(
        request.POST.get("number", "").strip(), written_on, request.FILES.get("pdf")
    )
