"""The sandbox provider's checkout page, standing where a real provider's page would be."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.payments.models import Payment, PaymentStatus
from idara.payments.providers import PROVIDERS
from idara.payments.services import settle

SANDBOX = PROVIDERS["sandbox"]


@never_cache
def sandbox_checkout(request, reference):
    payment = (
        Payment.objects.select_related("dossier")
        .filter(reference=reference, provider=SANDBOX.name, status=PaymentStatus.PENDING)
        .first()
    )
    if payment is None:
        raise Http404(_("Nothing was found at this address."))
    if request.method == "POST":
        outcome = "paid" if request.POST.get("outcome") == "paid" else "cancelled"
        # The provider signs its answer; Idara checks the signature as for any provider.
        settle(reference, outcome, SANDBOX.signature(reference, outcome))
        return redirect("portal:my_dossier", dossier_id=payment.dossier_id)
    return render(request, "payments/sandbox_checkout.html", {"payment": payment})
