"""Every published figure as CSV and JSON at a stable address, with its data dictionary."""

import csv
import io
import json

from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from idara.transparency import law_states, selectors
from idara.transparency.indicators import Figures
from idara.transparency.models import Budget, MonthlyFigures, RankingEntry
from idara.transparency.views import _unit

RANKING_FIELDS = [
    "period",
    "code",
    "name_fr",
    "name_ar",
    "category",
    "region_code",
    "rank_national",
    "rank_region",
    "rank_category",
    "previous_rank_national",
    "score",
    "decided",
    "on_time_rate",
    "answered_rate",
    "median_days",
    "digitisation_rate",
]
INDICATOR_FIELDS = [
    "code",
    "procedure",
    "month",
    "received",
    "decided",
    "decided_on_time",
    "tacit",
    "on_time_rate",
    "median_days",
    "p90_days",
]
BUDGET_FIELDS = [
    "code",
    "year",
    "kind",
    "chapter",
    "article",
    "line",
    "label",
    "section",
    "direction",
    "amount",
]


def _respond(rows: list[dict], fields: list[str], fmt: str, name: str) -> HttpResponse:
    if fmt == "json":
        response = HttpResponse(
            json.dumps({"fields": fields, "rows": rows}, ensure_ascii=False, default=str),
            content_type="application/json; charset=utf-8",
        )
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def ranking(request, period, fmt):
    entries = RankingEntry.objects.filter(period=period).select_related("collectivity")
    ordered = entries.order_by(F("rank_national").asc(nulls_last=True), "collectivity__code")
    rows = [_ranking_row(e) for e in ordered]
    if not rows:
        raise Http404(_("No ranking exists for this period."))
    return _respond(rows, RANKING_FIELDS, fmt, f"ranking-{period}")


def _ranking_row(entry: RankingEntry) -> dict:
    unit = entry.collectivity
    row = {name: getattr(entry, name, None) for name in RANKING_FIELDS}
    return row | {"code": unit.code, "name_fr": unit.name_fr, "name_ar": unit.name_ar}


def indicators(request, code, fmt):
    unit = _unit(code)
    rows = []
    found = MonthlyFigures.objects.filter(collectivity=unit).select_related("procedure")
    for row in found.order_by("month", "procedure__slug"):
        figures = Figures.of_row(row)
        rows.append(
            {
                "code": unit.code,
                "procedure": row.procedure.slug,
                "month": row.month.strftime("%Y-%m"),
                "received": figures.received,
                "decided": figures.decided,
                "decided_on_time": figures.decided_on_time,
                "tacit": figures.tacit,
                "on_time_rate": figures.on_time_rate,
                "median_days": figures.median_days,
                "p90_days": figures.p90_days,
            }
        )
    return _respond(rows, INDICATOR_FIELDS, fmt, f"indicators-{unit.code.rstrip('.')}")


LAW_STATE_FIELDS = ["code", "period", *law_states.FIELDS]


def law_state_figures(request, code, fmt):
    """R13: the law's steps of a collectivity, one row per quarter and per year."""
    unit = _unit(code)
    rows = law_states.period_rows(unit)
    return _respond(rows, LAW_STATE_FIELDS, fmt, f"law-states-{unit.code.rstrip('.')}")


def budget(request, code, year, kind, fmt):
    unit = _unit(code)
    found = Budget.objects.filter(collectivity=unit, year=int(year), kind=kind).first()
    if found is None:
        raise Http404(_("No budget of this year is published."))
    if fmt == "csv":  # the file exactly as the collectivity published it (its SHA-256 holds)
        response = HttpResponse(found.file.read(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{found.file.name.rsplit("/", 1)[-1]}"'
        )
        return response
    rows = [
        {"code": unit.code, "year": found.year, "kind": found.kind, **_line(line)}
        for line in found.lines.all()
    ]
    return _respond(rows, BUDGET_FIELDS, fmt, f"budget-{year}-{kind}")


def _line(line) -> dict:
    return {name: getattr(line, name) for name in BUDGET_FIELDS[3:]}


def dictionary(request):
    return render(
        request,
        "transparency/open_data.html",
        {
            "latest": selectors.latest_period(),
            "ranking_fields": RANKING_FIELDS,
            "indicator_fields": INDICATOR_FIELDS,
            "budget_fields": BUDGET_FIELDS,
            "law_state_fields": [(name, law_states.LABELS[name]) for name in law_states.FIELDS],
        },
    )
