"""Back-office screens of the catalogue: the supervisor's fiches, a collectivity's offerings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from idara.accounts.selectors import is_national_supervisor
from idara.backoffice.forms import (
    BulkOfferingForm,
    DocumentFormSet,
    FeeFormulaFields,
    OfferingForm,
    VersionForm,
    documents_from,
)
from idara.catalog import selectors
from idara.catalog.models import Category, Procedure
from idara.catalog.rules import RuleBroken
from idara.catalog.services import (
    LOCAL_FEE_KINDS,
    OfferingChanges,
    offer_category_online,
    publish_version,
    set_offering,
)
from idara.territories import selectors as territories
from idara.territories.models import COMMUNE_KINDS, Collectivity


def _administered(request, code):
    try:
        return selectors.administered_offerings(request.user, code)
    except Collectivity.DoesNotExist:
        raise Http404(_("No collectivity has this code."))


@login_required
def offerings(request, code):
    unit, fiches = _administered(request, code)
    return render(request, "backoffice/offerings.html", {"unit": unit, "fiches": fiches})


@login_required
def offering_edit(request, code, slug):
    unit, fiches = _administered(request, code)
    fiche = next((f for f in fiches if f.version.procedure.slug == slug), None)
    if fiche is None:
        raise Http404(_("No procedure has this name."))
    offering = fiche.offering
    form = OfferingForm(
        request.POST or None,
        services=unit.services.all(),
        documents=list(fiche.version.documents.all()),
        fee_is_local=fiche.version.fee_kind in LOCAL_FEE_KINDS,
        schema=fiche.version.form_schema,
        initial=_offering_initial(fiche),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = OfferingChanges(
            online=data["online"],
            service=data["service"],
            local_fee_mad=data.get("local_fee_mad"),
            local_fee_formula_fr=data.get("local_fee_formula_fr", ""),
            local_fee_formula_ar=data.get("local_fee_formula_ar", ""),
            local_fee_basis=data.get("local_fee_basis", ""),
            local_deadline_days=data["local_deadline_days"],
            local_document_limits=form.document_limits(),
            local_fee_rule=form.formula.rule() if form.formula else {},
        )
        try:
            set_offering(request.user, unit, fiche.version.procedure, changes)
        except RuleBroken as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The procedure's settings were saved."))
            return redirect("backoffice:offerings", code=unit.code)
    return render(
        request,
        "backoffice/offering_edit.html",
        {"unit": unit, "fiche": fiche, "form": form, "offering": offering},
    )


def _offering_initial(fiche) -> dict:
    offering = fiche.offering
    if offering is None:
        return {}
    initial = {
        "online": offering.online,
        "service": offering.service_id,
        "local_fee_mad": offering.local_fee_mad,
        "local_fee_formula_fr": offering.local_fee_formula_fr,
        "local_fee_formula_ar": offering.local_fee_formula_ar,
        "local_fee_basis": offering.local_fee_basis,
        "local_deadline_days": offering.local_deadline_days,
    }
    initial |= FeeFormulaFields.initial(offering.local_fee_rule)
    for code, limit in offering.local_document_limits.items():
        initial[f"max_size_{code}"] = limit.get("max_size_mb")
    return initial


def _supervisor_only(request):
    if not is_national_supervisor(request.user):
        raise Http404(_("Nothing was found at this address."))


@login_required
def catalogue(request):
    _supervisor_only(request)
    fiches = [f for f in map(selectors.version_in_force, selectors.procedures()) if f]
    return render(request, "backoffice/catalogue.html", {"versions": fiches})


@login_required
def version_edit(request, slug):
    _supervisor_only(request)
    try:
        procedure = selectors.procedure(slug)
    except Procedure.DoesNotExist:
        raise Http404(_("No procedure has this name."))
    current = selectors.version_in_force(procedure)
    form = VersionForm(request.POST or None, initial=_version_initial(current))
    documents = DocumentFormSet(
        request.POST or None, initial=_documents_initial(current), prefix="documents"
    )
    if request.method == "POST" and form.is_valid() and documents.is_valid():
        try:
            publish_version(
                request.user,
                procedure,
                form.changes(),
                documents_from(documents),
                effective_from=form.cleaned_data["effective_from"],
                reason=form.cleaned_data["reason"],
            )
        except RuleBroken as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The new version of the fiche was published."))
            return redirect("portal:procedure", slug=procedure.slug)
    return render(
        request,
        "backoffice/version_edit.html",
        {
            "current": current,
            "form": form,
            "documents": documents,
            "translated": [TRANSLATED[field] for field in current.translated or []],
        },
    )


# The Arabic texts the project translated (catalog.arabic), as the supervisor reads them.
TRANSLATED = {
    "name_ar": gettext_lazy("the name"),
    "competent_authority_ar": gettext_lazy("the competent authority"),
    "legal_basis_ar": gettext_lazy("the legal basis"),
    "fee_details_ar": gettext_lazy("the details of the fee"),
    "user_deadline_ar": gettext_lazy("the applicant's own deadline"),
    "documents": gettext_lazy("the documents"),
}


def _version_initial(version) -> dict:
    names = [name for name in VersionForm.base_fields if name not in ("effective_from", "reason")]
    initial = {name: getattr(version, name) for name in names}
    initial["legal_basis"] = "\n".join(version.legal_basis)
    initial["legal_basis_ar"] = "\n".join(text or "" for text in version.legal_basis_ar or [])
    initial["effective_from"] = timezone.localdate()
    for name in ("deadline_working_days", "silence_means_acceptance"):
        value = getattr(version, name)
        initial[name] = "" if value is None else str(int(value))
    return initial


def _documents_initial(version) -> list[dict]:
    return [
        {
            "code": d.code,
            "document_type": d.document_type,
            "name_fr": d.name_fr,
            "name_ar": d.name_ar,
            "mandatory": d.mandatory,
            "sworn_statement_allowed": d.sworn_statement_allowed,
            "max_size_mb": d.max_size_mb,
        }
        for d in version.documents.all()
    ]


@login_required
def bulk_offering(request):
    _supervisor_only(request)
    form = BulkOfferingForm(
        request.POST or None, categories=Category.choices, regions=territories.regions()
    )
    report = None
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data["region"]
        communes = Collectivity.objects.filter(kind__in=COMMUNE_KINDS)
        if region is not None:
            communes = communes.filter(region=region)
        report = offer_category_online(request.user, form.cleaned_data["category"], communes)
    return render(request, "backoffice/bulk_offering.html", {"form": form, "report": report})
