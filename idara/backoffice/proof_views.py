"""The proof that an application's filer may act for its applicant (a mandate) or for a company:
the agent reads it and checks it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.backoffice.dossier_views import _worked
from idara.dossiers.states import TransitionRefused
from idara.identity import companies, mandates

CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@never_cache
@login_required
@require_POST
def check(request, dossier_id):
    worked = _worked(request, dossier_id)
    holder = _holder(worked)
    valid = request.POST.get("valid") == "yes"
    reason = request.POST.get("reason", "")
    checking = mandates.check if worked.mandate_id else companies.check
    try:
        checking(request.user, holder, valid=valid, reason=reason)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("The proof is checked.") if valid else _("The proof is refused.")
        )
    return redirect("backoffice:dossier", dossier_id=worked.pk)


@never_cache
@login_required
def document(request, dossier_id):
    kept = _holder(_worked(request, dossier_id, reading=True)).document
    if not kept:
        raise Http404(_("Nothing was found at this address."))
    extension = kept.name.rsplit(".", 1)[-1]
    response = FileResponse(kept.open("rb"), content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'inline; filename="proof.{extension}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _holder(dossier):
    holder = dossier.mandate or dossier.company
    if holder is None:
        raise Http404(_("Nothing was found at this address."))
    return holder
