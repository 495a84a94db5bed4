"""A collectivity's budgets and accounts, as the public reads them."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from idara.transparency import charts
from idara.transparency.budget_selectors import budgets_of, summary
from idara.transparency.models import Budget
from idara.transparency.views import _unit


def budgets(request, code):
    unit = _unit(code)
    return render(request, "transparency/budgets.html", {"unit": unit, "budgets": budgets_of(unit)})


def budget(request, code, year, kind):
    unit = _unit(code)
    found = Budget.objects.filter(collectivity=unit, year=int(year), kind=kind).first()
    if found is None:
        raise Http404(_("No budget of this year is published."))
    sections = summary(found)
    chart = charts.bar_chart(
        _("Revenue and spending by section, in dirhams"),
        [_("Operating") if s.section == "operating" else _("Investment") for s in sections],
        [
            (_("Revenue"), [float(s.revenue) for s in sections], "#0b6e4f"),
            (_("Spending"), [float(s.spending) for s in sections], "#a4000f"),
        ],
    )
    return render(
        request,
        "transparency/budget.html",
        {
            "unit": unit,
            "budget": found,
            "sections": sections,
            "chart": chart,
            "lines": found.lines.all(),
        },
    )
