"""Filing at the counter (L10): an agent files on behalf of a citizen who came in person, with
the same form, receipt and clock as online."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.catalog import selectors as catalog
from idara.catalog.models import Offering
from idara.catalog.schema_form import SchemaForm
from idara.dossiers import selectors, services
from idara.dossiers.forms import (
    document_fields,
    keep_valid_files,
    resumed_files,
    show_filing_errors,
)
from idara.dossiers.idempotency import ALREADY_SENT, KeyReused
from idara.dossiers.models import Channel
from idara.dossiers.services import Filing, FilingRefused
from idara.identity.forms import CounterPersonForm
from idara.identity.services import person_by_national_id


def _counter_offerings(user):
    return (
        Offering.objects.filter(service_id__in=selectors.agent_service_ids(user), online=True)
        .select_related("procedure", "collectivity")
        .order_by("procedure__slug")
    )


@never_cache
@login_required
def counter(request):
    offerings = [
        (o, catalog.version_in_force(o.procedure)) for o in _counter_offerings(request.user)
    ]
    if not offerings:
        raise Http404(_("Nothing was found at this address."))
    return render(request, "backoffice/counter.html", {"offerings": offerings})


@never_cache
@login_required
def counter_file(request, offering_id):
    offering = _counter_offerings(request.user).filter(pk=offering_id).first()
    if offering is None:
        raise Http404(_("Nothing was found at this address."))
    fiche = catalog.fiche(offering.procedure, offering.collectivity)
    post = request.method == "POST"
    citizen = CounterPersonForm(request.POST if post else None, prefix="citizen")
    form = SchemaForm(fiche.version.form_schema, request.POST if post else None)
    documents = document_fields(
        fiche, request.POST if post else None, request.FILES if post else None
    )
    token = request.POST.get("filing_token") or ""
    if post and documents.is_valid():
        sent = {code: f for code, f in documents.cleaned_data.items() if f}
        resumed = resumed_files(request, documents)
        files = resumed | sent  # a file chosen again replaces the one kept
    if post and citizen.is_valid() and form.is_valid() and not documents.errors:
        filing = Filing(
            offering.procedure,
            offering.collectivity,
            form.cleaned_data,
            files,
            token,
            Channel.COUNTER,
            # R11: the consent the citizen gives the agent, for every document held about them.
            consents=tuple(documents.fields) if request.POST.get("consent") else (),
        )
        try:
            dossier, _created = services.file_dossier(
                request.user, person_by_national_id(request.user, **citizen.cleaned_data), filing
            )
        except FilingRefused as refused:
            show_filing_errors(refused.errors, form, documents)
        except KeyReused as reused:
            messages.info(request, ALREADY_SENT)
            return redirect("backoffice:dossier", dossier_id=reused.first.pk)
        else:
            messages.success(
                request,
                _(
                    "Filed. Print the receipt and hand it to the person: its code lets them "
                    "follow the application in their own space."
                ),
            )
            return redirect("backoffice:dossier", dossier_id=dossier.pk)
    elif post and not documents.errors:
        filing = Filing(offering.procedure, offering.collectivity, {}, files)
        errors, _checked = services.filing_errors(fiche, filing)
        show_filing_errors(errors, None, documents)
    if post and documents.is_valid():
        keep_valid_files(request, documents, sent, resumed)
    return render(
        request,
        "backoffice/counter_file.html",
        {
            "offering": offering,
            "fiche": fiche,
            "citizen": citizen,
            "form": form,
            "documents": documents,
            "token": token or str(uuid.uuid4()),
        },
    )
