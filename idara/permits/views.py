"""The public register of the permits a commune issued, as a page and as a CSV file."""

import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from idara.catalog.form_schema import readable_answers
from idara.permits.selectors import PUBLIC_FIELDS, issued_permits
from idara.territories.models import Collectivity


def _commune(code: str) -> Collectivity:
    unit = Collectivity.objects.filter(code=code).first()
    if unit is None:
        raise Http404(_("No collectivity has this code."))
    return unit


def _public_answers(document) -> list[tuple[str, str]]:
    """The permit's public facts, labelled and readable in the reader's language."""
    schema = document.dossier.procedure_version.form_schema
    public = {
        "properties": {
            name: spec
            for name, spec in schema.get("properties", {}).items()
            if name in PUBLIC_FIELDS
        }
    }
    return readable_answers(public, document.dossier.data)


def register(request, code):
    unit = _commune(code)
    page = Paginator(issued_permits(unit), 25).get_page(request.GET.get("page"))
    rows = [(document, _public_answers(document)) for document in page]
    return render(request, "permits/register.html", {"unit": unit, "page": page, "rows": rows})


def register_csv(request, code):
    unit = _commune(code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="permits-{unit.code.rstrip(".")}.csv"'
    writer = csv.writer(response)
    writer.writerow(["reference", "issued_on", "procedure", *PUBLIC_FIELDS])
    with translation.override("fr"):
        for document in issued_permits(unit).iterator():
            data = document.dossier.data
            writer.writerow(
                [
                    document.dossier.reference,
                    document.issued_at.date().isoformat(),
                    document.dossier.procedure_version.procedure.slug,
                    *(data.get(name, "") for name in PUBLIC_FIELDS),
                ]
            )
    return response
