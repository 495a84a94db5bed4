from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from idara.api.errors import error_body, json_not_found, json_server_error
from idara.catalog import selectors as catalog
from idara.catalog.fiche import build_fiche
from idara.catalog.models import Category, Procedure
from idara.dossiers.appeal_route import appeal_route
from idara.territories import selectors
from idara.territories.models import Collectivity, Kind

PAGE_SIZE = 50


def home(request):
    counts = selectors.counts_by_kind()
    return render(
        request,
        "portal/home.html",
        {
            "regions": selectors.regions(),
            "total": sum(n for kind, n in counts.items() if kind != Kind.ARRONDISSEMENT),
            "provinces": counts.get(Kind.PROVINCE, 0) + counts.get(Kind.PREFECTURE, 0),
            "communes": counts.get(Kind.COMMUNE_URBAN, 0) + counts.get(Kind.COMMUNE_RURAL, 0),
        },
    )


def collectivity_list(request):
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    try:
        units = selectors.collectivities(kind=kind, q=q)
    except selectors.UnknownKind:
        kind, units = "", selectors.collectivities(q=q)
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/collectivity_list.html",
        {"page": page, "q": q, "kind": kind, "kinds": _kind_choices()},
    )


def collectivity_detail(request, code):
    try:
        unit = selectors.collectivity(code)
    except Collectivity.DoesNotExist:
        raise Http404(_("No collectivity has this code."))
    return render(
        request,
        "portal/collectivity_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.ancestors(unit),
            "children": selectors.children(unit),
            "online": catalog.online_fiches(unit) if unit.is_collectivity else [],
            "digitisation": catalog.digitisation(unit),
        },
    )


def procedure_list(request):
    q = request.GET.get("q", "").strip()[:100]
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    found = catalog.procedures(category=category, q=q)
    fiches = [build_fiche(v) for v in map(catalog.version_in_force, found) if v]
    groups = {}
    for fiche in fiches:
        groups.setdefault(fiche.version.procedure.get_category_display(), []).append(fiche)
    return render(
        request,
        "portal/procedure_list.html",
        {
            "groups": groups.items(),
            "count": len(fiches),
            "q": q,
            "category": category,
            "categories": Category.choices,
            "national": catalog.national_counts(),
        },
    )


def procedure_detail(request, slug):
    try:
        procedure = catalog.procedure(slug)
    except Procedure.DoesNotExist:
        raise Http404(_("No procedure has this name."))
    unit = _collectivity_or_none(request.GET.get("collectivity", ""))
    fiche = catalog.fiche(procedure, unit)
    return render(
        request,
        "portal/procedure_detail.html",
        {
            "fiche": fiche,
            "unit": unit,
            "appeal_route": appeal_route(unit, fiche.version.appeal_days),
        },
    )


def _collectivity_or_none(code: str):
    try:
        return selectors.collectivity(code) if code else None
    except Collectivity.DoesNotExist:
        return None


def _kind_choices():
    return [("commune", _("Commune"))] + [(k.value, k.label) for k in Kind]


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body("permission_denied", _("You do not have permission to do this.")),
            status=403,
        )
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "403.html", {"csrf": True}, status=403)


def bad_request(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body("bad_request", _("The request could not be understood.")), status=400
        )
    return render(request, "400.html", status=400)


def server_error(request):
    if request.path.startswith("/api/"):
        return json_server_error(request)
    return render(request, "500.html", status=500)
