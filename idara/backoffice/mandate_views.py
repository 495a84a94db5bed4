"""The mandate an application was filed under: the agent reads its proof and checks it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.backoffice.dossier_views import _worked
from idara.dossiers.states import TransitionRefused
from idara.identity import mandates

CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@never_cache
@login_required
@require_POST
def check(request, dossier_id):
    worked = _worked(request, dossier_id)
    if worked.mandate is None:
        raise Http404(_("Nothing was found at this address."))
    valid = request.POST.get("valid") == "yes"
    try:
        mandates.check(
            request.user, worked.mandate, valid=valid, reason=request.POST.get("reason", "")
        )
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("The mandate is checked.") if valid else _("The mandate is refused.")
        )
    return redirect("backoffice:dossier", dossier_id=worked.pk)


@never_cache
@login_required
def document(request, dossier_id):
    worked = _worked(request, dossier_id, reading=True)
    if worked.mandate is None or not worked.mandate.document:
        raise Http404(_("Nothing was found at this address."))
    kept = worked.mandate.document
    extension = kept.name.rsplit(".", 1)[-1]
    response = FileResponse(kept.open("rb"), content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'inline; filename="mandate.{extension}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
