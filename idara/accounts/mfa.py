"""The second factor (TOTP, django-otp) that every staff account must use, with recovery
codes. Citizens may sign in with their password alone."""

import django_otp
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from idara.accounts.models import Membership
from idara.audit.services import record

RECOVERY_CODES = 10


def needs_second_factor(user) -> bool:
    """Every account that works somewhere (agent, head, administrator, supervisor, auditor)."""
    return user.is_authenticated and (
        user.is_staff or Membership.objects.filter(user=user).exists()
    )


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The authenticator being enrolled: created once, shown until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def confirm_enrolment(request, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code it shows; the recovery codes, or None."""
    device = pending_device(request.user)
    if not device.verify_token(token.strip()):
        return None
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=request.user).delete()
    recovery = StaticDevice.objects.create(user=request.user, name="recovery")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    django_otp.login(request, device)
    record(request.user, "mfa.enrolled", request.user)
    return codes


def verify_second_factor(request, token: str) -> bool:
    """A code from the authenticator, or one recovery code (used once)."""
    device = django_otp.match_token(request.user, token.strip().replace(" ", ""))
    if device is None:
        record(request.user, "mfa.failed", request.user)
        return False
    django_otp.login(request, device)
    record(request.user, "mfa.verified", request.user, data={"device": device.name})
    return True
