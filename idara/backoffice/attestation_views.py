"""R8 (Law 55-19 art. 20; decree 2-22-141): the wali's or governor's side of a request for the
attestation of a silence: write to the president, join his explanations, deliver the
attestation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.backoffice.appeal_views import letter_from
from idara.documents.models import Kind as IssuedKind
from idara.dossiers import selectors, services
from idara.dossiers.models import Dossier
from idara.dossiers.services import FilingRefused
from idara.dossiers.states import TransitionRefused


def _steps(request, kept: Dossier, errors: dict) -> str:
    step = request.POST.get("step")
    if step == "letter":
        services.record_letter_to_president(request.user, kept, letter_from(request, errors))
        return _("The letter is recorded: the attestation cites it.")
    if step == "explanations":
        services.record_explanations(
            request.user,
            kept,
            request.POST.get("explanations", ""),
            request.FILES.get("explanations_pdf"),
        )
        return _("The president's explanations are joined to the request.")
    if step == "deliver":
        services.deliver_attestation(request.user, kept)
        return _("The attestation is delivered: the applicant finds it in their space.")
    raise Http404(_("Nothing was found at this address."))


@never_cache
@login_required
def attestation_request(request, dossier_id):
    try:
        kept = selectors.attestation_requests(request.user, answered=True).get(pk=dossier_id)
    except Dossier.DoesNotExist:
        raise Http404(_("Nothing was found at this address."))
    errors: dict = {}
    if request.method == "POST":
        try:
            done = _steps(request, kept, errors)
        except FilingRefused as refused:
            errors |= refused.errors
        except TransitionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, done)
            return redirect("backoffice:attestation_request", dossier_id=kept.pk)
    attested = kept.attestation_of
    return render(
        request,
        "backoffice/attestation_request.html",
        {
            "kept": kept,
            "attested": attested,
            "legal": selectors.legal_view(kept),
            "act_due": selectors.act_due_on(attested),
            "errors": errors,
            "posted": request.POST,
            "files": kept.files.all(),
            "attestation": attested.issued.filter(kind=IssuedKind.TACIT_ACCEPTANCE).first(),
        },
    )
