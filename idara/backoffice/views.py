from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from idara.accounts.selectors import administered_collectivities, memberships_of
from idara.backoffice.forms import CollectivityNamesForm, LoginForm
from idara.territories.services import correct_names


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    return render(request, "backoffice/home.html", {"memberships": memberships_of(request.user)})


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
