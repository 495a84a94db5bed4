"""The pages between Idara and the payment provider: the sandbox's checkout (demo only), the
page that sends the payer to CMI's gateway, and CMI's server-to-server callback."""

from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from idara.payments.models import Payment, PaymentStatus
from idara.payments.providers import PROVIDERS, provider
from idara.payments.services import settle


def _gateway_origin() -> str:
    address = urlsplit(settings.CMI_GATEWAY_URL)
    return f"{address.scheme}://{address.netloc}"


def _payers_pending(request, reference: str, name: str) -> Payment:
    """The signed-in payer's own pending payment with this provider; 404 for anyone else."""
    if provider() is None or provider().name != name:
        raise Http404(_("Nothing was found at this address."))
    payment = (
        Payment.objects.select_related("dossier__applicant")
        .filter(reference=reference, provider=name, status=PaymentStatus.PENDING)
        .filter(dossier__applicant=request.user)
        .first()
    )
    if payment is None:
        raise Http404(_("Nothing was found at this address."))
    return payment


@never_cache
@login_required
def sandbox_checkout(request, reference):
    payment = _payers_pending(request, reference, "sandbox")
    if request.method == "POST":
        outcome = "paid" if request.POST.get("outcome") == "paid" else "cancelled"
        # The sandbox signs its answer; Idara checks the signature as for any provider.
        signature = PROVIDERS["sandbox"].signature(reference, outcome)
        settle({"reference": reference, "outcome": outcome, "signature": signature})
        return redirect("portal:my_dossier", dossier_id=payment.dossier_id)
    return render(request, "payments/sandbox_checkout.html", {"payment": payment})


@never_cache
@login_required
@csp_update({"form-action": [_gateway_origin()]})
def cmi_checkout(request, reference):
    """A form the payer posts to CMI's gateway: with JavaScript off, one button. The page's
    policy lets this one form leave for the gateway; it carries no CSRF token of Idara's."""
    payment = _payers_pending(request, reference, "cmi")
    back = request.build_absolute_uri(
        reverse("portal:my_dossier", kwargs={"dossier_id": payment.dossier_id})
    )
    fields = PROVIDERS["cmi"].form(
        payment,
        callback_url=request.build_absolute_uri(reverse("payments:cmi_callback")),
        ok_url=back,
        fail_url=back,
        language=get_language(),
    )
    context = {"payment": payment, "fields": fields, "gateway": settings.CMI_GATEWAY_URL}
    return render(request, "payments/cmi_checkout.html", context)


@csrf_exempt
@require_POST
def cmi_callback(request):
    """CMI calls here, server to server: "ACTION=POSTAUTH" takes the money of a payment
    confirmed and signed; anything else is answered "FAILURE"."""
    if provider() is None or provider().name != "cmi":
        raise Http404
    try:
        payment = settle(request.POST.dict())
    except (PermissionDenied, Payment.DoesNotExist):
        return HttpResponse("FAILURE", content_type="text/plain")
    answer = "ACTION=POSTAUTH" if payment.status == PaymentStatus.PAID else "FAILURE"
    return HttpResponse(answer, content_type="text/plain")
