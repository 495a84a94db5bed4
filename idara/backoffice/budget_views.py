"""A collectivity's administrator publishes its budget and executed accounts."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from idara.accounts.selectors import administered_collectivities
from idara.transparency.budget_file import BudgetFileRefused
from idara.transparency.budget_selectors import budgets_of
from idara.transparency.models import BudgetKind
from idara.transparency.services import publish_budget


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=gettext_lazy("What it is"), choices=BudgetKind.choices)
    file = forms.FileField(
        label=gettext_lazy("The file (CSV)"),
        help_text=gettext_lazy("Columns: chapter, article, line, label, amount."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


@never_cache
@login_required
def budgets(request, code):
    unit = get_object_or_404(administered_collectivities(request.user), code=code)
    form = BudgetForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year}
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publish_budget(request.user, unit, data["year"], data["kind"], data["file"].read())
        except BudgetFileRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, _("The budget is published."))
            return redirect("backoffice:budgets", code=unit.code)
    return render(
        request,
        "backoffice/budgets.html",
        {"unit": unit, "form": form, "problems": problems, "budgets": budgets_of(unit)},
    )
