"""The citizen's way in: sign up, sign in, the password, and claiming a dossier filed at the
counter. Thin: the rules are in services."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.backoffice.forms import LoginForm
from idara.dossiers.services.claims import claim
from idara.identity import oidc, services
from idara.identity.forms import ClaimForm, CodeForm, SignUpForm
from idara.security.limits import limited, limited_method

BACKEND = "django.contrib.auth.backends.ModelBackend"


@limited_method("login", "ip", "LOGIN_RATE")
class CitizenLoginView(auth_views.LoginView):
    template_name = "identity/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        # An agent sent here from the back office signs in on the agents' page.
        if "/backoffice/" in request.GET.get("next", ""):
            return redirect(f"{reverse('backoffice:login')}?{request.GET.urlencode()}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"national_identity": oidc.enabled()}


@never_cache
@limited("sign-up-ip", "ip", "SIGN_UP_RATE")
@limited("sign-up-email", "post:email", "PASSWORD_RESET_RATE")
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("portal:my_dossiers")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.start_sign_up(form.person(), request.build_absolute_uri)
        return redirect("identity:sign_up_sent")
    return render(request, "identity/sign_up.html", {"form": form})


def sign_up_sent(request):
    return render(request, "identity/sign_up_sent.html")


@never_cache
@limited("sign-up-code", "ip", "LOGIN_RATE")
def sign_up_confirm(request, token):
    sign_up = services.sign_up_of(token)
    if sign_up is None:
        return render(request, "identity/sign_up_expired.html", status=410)
    form = CodeForm(request.POST if request.POST.get("action") == "code" else None)
    refusal = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "send":
                services.send_code(sign_up)
                messages.success(request, _("The code was sent by SMS."))
                return redirect(request.path)
            if form.is_valid():
                user = services.complete_sign_up(sign_up, form.cleaned_data["code"])
                login(request, user, backend=BACKEND)
                messages.success(request, _("Your account is open. Welcome to Idara."))
                return redirect("portal:my_dossiers")
        except services.SignUpRefused as refused:
            refusal = str(refused)
    context = {"sign_up": sign_up, "form": form, "refusal": refusal}
    context["phone_end"] = sign_up.phone[-2:]
    return render(request, "identity/sign_up_confirm.html", context)


@never_cache
@login_required
@limited("claim", "user", "LOGIN_RATE")
def claim_dossier(request):
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dossier = claim(request.user, form.cleaned_data["code"])
        if dossier is not None:
            messages.success(request, _("The application is now in your space."))
            return redirect("portal:my_dossier", dossier_id=dossier.pk)
        form.add_error(
            "code",
            _(
                "This code opens none of the applications filed under your CNIE number. "
                "Check it against the receipt."
            ),
        )
    return render(request, "identity/claim.html", {"form": form})


password_reset = limited("password-reset", "post:email", "PASSWORD_RESET_RATE")(
    limited("password-reset-ip", "ip", "LOGIN_RATE")(
        auth_views.PasswordResetView.as_view(
            template_name="identity/password_reset.html",
            email_template_name="identity/mail/password_reset.txt",
            subject_template_name="identity/mail/password_reset_subject.txt",
            success_url=reverse_lazy("identity:password_reset_done"),
        )
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="identity/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="identity/password_set.html", success_url=reverse_lazy("identity:login")
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="identity/password_change.html",
    success_url=reverse_lazy("identity:password_changed"),
)


def password_changed(request):
    messages.success(request, _("Your password was changed."))
    return redirect("portal:my_dossiers")
