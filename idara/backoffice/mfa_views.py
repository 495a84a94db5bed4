"""The second factor: enrol an authenticator on first login, then confirm it at each login."""

import segno
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.accounts import mfa
from idara.backoffice.forms import SecondFactorForm


@never_cache
@login_required
def second_factor(request):
    if request.user.is_verified():
        return _next(request)
    enrolled = mfa.is_enrolled(request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if enrolled and mfa.verify_second_factor(request, code):
            return _next(request)
        if not enrolled:
            recovery_codes = mfa.confirm_enrolment(request, code)
            if recovery_codes is not None:
                return render(request, "backoffice/recovery_codes.html", {"codes": recovery_codes})
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try again.")
        )
    context = {"form": form, "enrolled": enrolled}
    if not enrolled:
        device = mfa.pending_device(request.user)
        context["qr"] = segno.make(device.config_url, error="m").svg_inline(scale=5)
        context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
    return render(request, "backoffice/second_factor.html", context)


def _next(request):
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("backoffice:home")
