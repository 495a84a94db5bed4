"""The public pages of the transparency portal: the ranking (national, a region's, a
category's), a collectivity's scorecard, the methodology, the share cards."""

from functools import wraps

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_page

from idara.catalog.selectors import national_counts
from idara.territories.models import Collectivity, Kind
from idara.transparency import cards, charts, law_states, selectors
from idara.transparency.ranking import (
    MINIMUM_DECISIONS,
    SPEED_CEILING_DAYS,
    WEIGHTS,
    Period,
)

CATEGORIES = {
    "region": gettext_lazy("Regions"),
    "provincial": gettext_lazy("Provinces and prefectures"),
    "commune_urban": gettext_lazy("Urban communes"),
    "commune_rural": gettext_lazy("Rural communes"),
}


def _period(request) -> Period | None:
    text = request.GET.get("period") or selectors.latest_period()
    if not text:
        return None
    try:
        return Period.parse(text)
    except ValueError:
        raise Http404(_("No ranking exists for this period."))


def _unit(code: str) -> Collectivity:
    unit = Collectivity.objects.filter(code=code).select_related("region", "parent").first()
    if unit is None:
        raise Http404(_("No collectivity has this code."))
    return unit


# The ranking and the scorecards are computed nightly and change little between: served to
# anonymous visitors from the cache (Redis in production) for five minutes, per address,
# language and query. A signed-in visitor's page names them: it is never cached.
PUBLIC_PAGE_SECONDS = 300


def cached_for_anonymous(view):
    cached = cache_page(PUBLIC_PAGE_SECONDS)(view)

    @wraps(view)
    def serve(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return cached(request, *args, **kwargs)

    return serve


@cached_for_anonymous
def ranking(request, region_code: str = ""):
    period = _period(request)
    category = request.GET.get("category", "")
    if category and category not in CATEGORIES:
        raise Http404(_("No ranking exists for this category."))
    region = _unit(region_code) if region_code else None
    if region is not None and region.kind != Kind.REGION:
        raise Http404(_("No collectivity has this code."))
    entries = (
        selectors.ranked(str(period), region_code=region_code, category=category) if period else []
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "transparency/ranking.html",
        {
            "period": period,
            "periods": selectors.periods(),
            "page": page,
            "region": region,
            "regions": Collectivity.objects.filter(kind=Kind.REGION).order_by("code"),
            "category": category,
            "categories": CATEGORIES,
            "unranked": selectors.unranked_count(str(period)) if period else 0,
            "national": national_counts(),
            "period_text": str(period) if period else "",
            "share": _share(
                request,
                _("Ranking of the collectivities"),
                _("The collectivities that best meet their legal deadlines"),
                reverse("open_data:top_ten_card"),
                period,
            ),
        },
    )


def _share(request, title: str, description: str, image_path: str, period) -> dict | None:
    """The Open Graph and Twitter card of a page: its title, and its card's absolute address."""
    if period is None:
        return None
    image = request.build_absolute_uri(f"{image_path}?period={period}")
    return {"title": title, "description": description, "image": image}


@cached_for_anonymous
def scorecard(request, code):
    unit = _unit(code)
    period = _period(request)
    months = selectors.months_ending(period) if period else []
    series = selectors.monthly(unit, months)
    labels = [m.strftime("%Y-%m") for m in months]
    return render(
        request,
        "transparency/scorecard.html",
        {
            "unit": unit,
            "period": period,
            "entry": selectors.entry_of(unit, str(period)) if period else None,
            "series": series,
            "procedures": selectors.by_procedure(unit, period) if period else [],
            "backlog": selectors.backlog(unit),
            "law_states": law_states.table(unit, str(period), str(period.year)) if period else [],
            "share": _share(
                request,
                unit.name,
                _("How %(name)s meets its legal deadlines") % {"name": unit.name},
                reverse("open_data:scorecard_card", args=[unit.code]),
                period,
            ),
            "volume_chart": charts.bar_chart(
                _("Applications received and decided, by month"),
                labels,
                [
                    (_("Received"), [f.received for _m, f in series], "#0b6e4f"),
                    (_("Decided"), [f.decided for _m, f in series], "#a4000f"),
                ],
            ),
            "on_time_chart": charts.line_chart(
                _("Share decided within the legal due date, by month"),
                labels,
                [f.on_time_rate for _m, f in series],
                "#0b6e4f",
            ),
        },
    )


def methodology(request):
    return render(
        request,
        "transparency/methodology.html",
        {
            "weights": {k: round(100 * v) for k, v in WEIGHTS.items()},
            "minimum": MINIMUM_DECISIONS,
            "ceiling": SPEED_CEILING_DAYS,
        },
    )


@cache_page(600)
def top_ten_card(request):
    period = _period(request)
    if period is None:
        raise Http404(_("No ranking exists for this period."))
    return HttpResponse(cards.top_ten(period), content_type="image/png")


@cache_page(600)
def scorecard_card(request, code):
    unit, period = _unit(code), _period(request)
    if period is None:
        raise Http404(_("No ranking exists for this period."))
    return HttpResponse(cards.scorecard(unit, period), content_type="image/png")
