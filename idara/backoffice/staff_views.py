"""A collectivity's administrator manages who works in its services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.accounts.models import Membership, Role
from idara.accounts.selectors import administered_collectivities
from idara.accounts.services import add_staff, remove_membership, send_password_link


class StaffForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[
            (Role.AGENT, Role.AGENT.label),
            (Role.HEAD_OF_SERVICE, Role.HEAD_OF_SERVICE.label),
        ],
    )
    service = forms.ModelChoiceField(label=gettext_lazy("Service"), queryset=None)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = unit.services.all()
        self.fields["service"].label_from_instance = lambda service: service.name


def _unit(request, code):
    return get_object_or_404(administered_collectivities(request.user), code=code)


@never_cache
@login_required
def staff(request, code):
    unit = _unit(request, code)
    form = StaffForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        membership, new_account = add_staff(request.user, **form.cleaned_data)
        if new_account:
            send_password_link(membership.user.email, request)
        messages.success(request, _("Done. A new account receives a link to set its password."))
        return redirect("backoffice:staff", code=unit.code)
    memberships = Membership.objects.filter(collectivity=unit).select_related("user", "service")
    return render(
        request, "backoffice/staff.html", {"unit": unit, "form": form, "memberships": memberships}
    )


@require_POST
@login_required
def remove_staff(request, code, membership_id):
    unit = _unit(request, code)
    membership = Membership.objects.filter(pk=membership_id, collectivity=unit).first()
    if membership is None:
        raise Http404(_("Nothing was found at this address."))
    remove_membership(request.user, membership)
    messages.success(request, _("Done."))
    return redirect("backoffice:staff", code=unit.code)
