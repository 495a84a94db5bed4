from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.accounts.selectors import administered_collectivities, memberships_of
from idara.audit.selectors import entries_for, may_read_audit
from idara.backoffice.forms import CollectivityNamesForm, LoginForm
from idara.dossiers.models import MotivationTemplate
from idara.dossiers.selectors import adoption
from idara.dossiers.services import save_motivation_template
from idara.dossiers.states import TransitionRefused
from idara.security.limits import limited_method
from idara.territories.services import correct_names


@limited_method("login", "ip", "LOGIN_RATE")
class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    return render(
        request,
        "backoffice/home.html",
        {
            "memberships": memberships_of(request.user),
            "may_read_audit": may_read_audit(request.user),
        },
    )


@login_required
def collectivity_names(request, code):
    unit = get_object_or_404(administered_collectivities(request.user), code=code)
    form = CollectivityNamesForm(request.POST or None, initial=_names(unit))
    if request.method == "POST" and form.is_valid():
        try:
            correct_names(request.user, unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The names were saved."))
            return redirect("backoffice:collectivity_names", code=unit.code)
    return render(request, "backoffice/collectivity_names.html", {"unit": unit, "form": form})


def _names(unit):
    return {"name_ar": unit.name_ar, "name_fr": unit.name_fr, "name_zgh": unit.name_zgh}


@never_cache
@login_required
def audit_log(request):
    if not may_read_audit(request.user):
        raise Http404(_("Nothing was found at this address."))
    code = request.GET.get("collectivity", "").strip()[:16]
    action = request.GET.get("action", "").strip()[:80]
    entries = entries_for(request.user, collectivity_code=code, action=action)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request, "backoffice/audit_log.html", {"page": page, "code": code, "action": action}
    )


@never_cache
@login_required
def motivations(request, code):
    unit = get_object_or_404(administered_collectivities(request.user), code=code)
    if request.method == "POST":
        try:
            save_motivation_template(
                request.user, unit, request.POST.get("title", ""), request.POST.get("text", "")
            )
        except TransitionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Done."))
            return redirect("backoffice:motivations", code=unit.code)
    templates = MotivationTemplate.objects.filter(collectivity=unit)
    return render(request, "backoffice/motivations.html", {"unit": unit, "templates": templates})


ADOPTION_PERIODS = (7, 30, 90, 365)


@never_cache
@login_required
def adoption_figures(request, code):
    unit = get_object_or_404(administered_collectivities(request.user), code=code)
    days = request.GET.get("days", "30")
    days = int(days) if days.isdigit() and int(days) in ADOPTION_PERIODS else 30
    figures = adoption(unit, timezone.now() - timedelta(days=days))
    return render(
        request,
        "backoffice/adoption.html",
        {"unit": unit, "figures": figures, "days": days, "periods": ADOPTION_PERIODS},
    )
