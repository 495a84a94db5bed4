"""The citizen's page of data sharing: which administrations may receive which documents about
them (granted and revoked here), and every consultation of their data, with who and why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.dossiers.selectors import obtained_for
from idara.exchange import services
from idara.exchange.models import DOCUMENT_SCOPES, ClientAdministration, Consent, ExchangeLog


@never_cache
@login_required
def data_sharing(request):
    clients = ClientAdministration.objects.filter(active=True).order_by("name_fr")
    offers = [
        (client, scope) for client in clients for scope in DOCUMENT_SCOPES if scope in client.scopes
    ]
    return render(
        request,
        "exchange/data_sharing.html",
        {
            "offers": offers,
            "consents": Consent.objects.filter(
                user=request.user, revoked_at__isnull=True
            ).select_related("client"),
            "consultations": ExchangeLog.objects.filter(subject=request.user).select_related(
                "client"
            )[:200],
            "obtained": obtained_for(request.user),
        },
    )


@require_POST
@login_required
def grant(request):
    client_id, _sep, scope = request.POST.get("pick", "").partition("|")
    client = (
        ClientAdministration.objects.filter(pk=client_id).first() if client_id.isdigit() else None
    )
    try:
        if client is None:
            raise ValueError(_("Choose an administration."))
        services.grant(request.user, client, scope)
    except ValueError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your consent is recorded. You may withdraw it at any time."))
    return redirect("exchange:data_sharing")


@require_POST
@login_required
def revoke(request, consent_id):
    if not services.revoke(request.user, consent_id):
        raise Http404(_("Nothing was found at this address."))
    messages.success(request, _("Your consent is withdrawn."))
    return redirect("exchange:data_sharing")
