"""The person's own space: their data and a copy of it, names and preferences, a new e-mail or
mobile, closing the account. Thin: the rules are in identity.personal."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.accounts.selectors import memberships_of
from idara.dossiers.states import TransitionRefused
from idara.identity import companies, mandates, personal
from idara.identity.forms import (
    CloseForm,
    CodeForm,
    CompanyForm,
    EmailChangeForm,
    MandateForm,
    MemberForm,
    PhoneChangeForm,
    ProfileForm,
)
from idara.identity.proofs import FieldsRefused
from idara.security.limits import limited

PROFILE_FIELDS = ["full_name_ar", "full_name", "preferred_language", "wants_email", "wants_sms"]
PENDING_PHONE = "identity.phone_change"


@never_cache
@login_required
def space(request):
    person = request.user
    initial = {name: getattr(person, name) for name in PROFILE_FIELDS}
    profile = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and profile.is_valid():
        try:
            personal.update_profile(person, **profile.cleaned_data)
        except personal.PersonalRefused as refused:
            profile.add_error(None, str(refused))
        else:
            messages.success(request, _("Saved."))
            return redirect("identity:space")
    return render(request, "identity/space.html", _context(request, profile=profile))


def _context(request, **forms) -> dict:
    person = request.user
    return {
        "person": person,
        "works_here": memberships_of(person).exists(),
        "profile": ProfileForm(initial={n: getattr(person, n) for n in PROFILE_FIELDS}),
        "email_form": EmailChangeForm(),
        "phone_form": PhoneChangeForm(),
        "code_form": CodeForm(),
        "pending_phone": request.session.get(PENDING_PHONE, {}).get("phone", ""),
    } | forms


@never_cache
@login_required
@require_POST
@limited("email-change", "user", "PASSWORD_RESET_RATE")
def change_email(request):
    form = EmailChangeForm(request.POST)
    if not form.is_valid():
        return render(request, "identity/space.html", _context(request, email_form=form))
    personal.ask_email_change(request.user, form.cleaned_data["email"], request.build_absolute_uri)
    messages.success(request, _("A link was sent to the new address: open it to use it."))
    return redirect("identity:space")


@never_cache
@login_required
def confirm_email(request, token):
    try:
        personal.confirm_email_change(request.user, token)
    except personal.PersonalRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your e-mail address was changed."))
    return redirect("identity:space")


@never_cache
@login_required
@require_POST
@limited("phone-change", "user", "PASSWORD_RESET_RATE")
def change_phone(request):
    form = PhoneChangeForm(request.POST)
    if not form.is_valid():
        return render(request, "identity/space.html", _context(request, phone_form=form))
    pending = personal.send_phone_code(request.user, form.cleaned_data["phone"])
    request.session[PENDING_PHONE] = pending
    messages.success(request, _("The code was sent by SMS."))
    return redirect("identity:space")


@never_cache
@login_required
@require_POST
def confirm_phone(request):
    pending = request.session.get(PENDING_PHONE)
    form = CodeForm(request.POST)
    if pending and form.is_valid():
        try:
            personal.confirm_phone_change(request.user, pending, form.cleaned_data["code"])
        except personal.PersonalRefused as refused:
            form.add_error("code", str(refused))
            request.session[PENDING_PHONE] = pending  # the attempt counted
        else:
            del request.session[PENDING_PHONE]
            messages.success(request, _("Your mobile number was changed."))
            return redirect("identity:space")
    return render(request, "identity/space.html", _context(request, code_form=form))


@never_cache
@login_required
def my_data(request):
    data = personal.personal_data(request.user)
    if request.GET.get("format") == "json":
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="idara-my-data-{day}.json"'
        return response
    return render(request, "identity/my_data.html", {"data": data})


@never_cache
@login_required
def close(request):
    form = CloseForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            personal.close_account(request.user)
        except personal.PersonalRefused as refused:
            form.add_error(None, str(refused))
        else:
            logout(request)
            messages.success(request, _("Your account is closed."))
            return redirect("portal:home")
    return render(request, "identity/close.html", {"form": form})


@never_cache
@login_required
def mandate_list(request):
    form = MandateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mandates.give_mandate(
                request.user,
                kind=data["kind"],
                national_id=data["national_id"],
                full_name=data["full_name"],
                full_name_ar=data["full_name_ar"],
                order_number=data["order_number"],
                document=data["document"],
            )
        except FieldsRefused as refused:
            refused.show_on(form)
        else:
            messages.success(
                request,
                _("The mandate is recorded. File under it from the procedure's page."),
            )
            return redirect("identity:mandates")
    return render(
        request,
        "identity/mandates.html",
        {"form": form, "mandates": mandates.of_person(request.user)},
    )


@never_cache
@login_required
@require_POST
def mandate_withdraw(request, mandate_id):
    mandate = get_object_or_404(mandates.of_person(request.user), pk=mandate_id)
    mandates.withdraw(request.user, mandate)
    messages.success(request, _("The mandate is withdrawn."))
    return redirect("identity:mandates")


@never_cache
@login_required
def company_list(request):
    form = CompanyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = companies.register(request.user, **form.cleaned_data)
        except FieldsRefused as refused:
            refused.show_on(form)
        else:
            messages.success(request, _("The company is registered: you are its manager."))
            return redirect("identity:company", company_id=company.pk)
    return render(
        request,
        "identity/companies.html",
        {"form": form, "companies": companies.companies_of(request.user)},
    )


@never_cache
@login_required
def company(request, company_id):
    mine = companies.membership(request.user, company_id)
    if mine is None:
        raise Http404(_("Nothing was found at this address."))
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            companies.add_member(request.user, mine.company, **form.cleaned_data)
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The member is added."))
            return redirect("identity:company", company_id=company_id)
    members = mine.company.members.select_related("user").order_by("-is_manager", "since")
    return render(
        request,
        "identity/company.html",
        {"mine": mine, "company": mine.company, "members": members, "form": form},
    )


@never_cache
@login_required
@require_POST
def company_member_remove(request, company_id, member_id):
    mine = companies.membership(request.user, company_id)
    member = mine and get_object_or_404(mine.company.members, pk=member_id)
    if member is None:
        raise Http404(_("Nothing was found at this address."))
    try:
        companies.remove_member(request.user, member)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The member is removed."))
    return redirect("identity:company", company_id=company_id)
