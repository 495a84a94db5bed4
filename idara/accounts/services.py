"""Writes to accounts: users, memberships, API tokens. Each one audited."""

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

import django_otp
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from idara.accounts import lockout
from idara.accounts.mfa import needs_second_factor
from idara.accounts.models import SERVICE_ROLES, ApiToken, Membership, User
from idara.accounts.selectors import can_administer
from idara.audit.services import record


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SecondFactorMissing(Exception):
    """A staff account asked for a token without a valid code from its authenticator."""


def issue_api_token(request, email: str, password: str, otp: str = "") -> str | None:
    """A new bearer token for valid credentials, or None. Only the digest is kept.
    A staff account must also give a code from its authenticator."""
    if lockout.is_locked(email):
        return None
    user = authenticate(request, email=email, password=password)
    if user is None:
        return None
    if needs_second_factor(user) and django_otp.match_token(user, otp.strip()) is None:
        record(user, "mfa.failed", user, data={"via": "api"})
        raise SecondFactorMissing
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS)
    with transaction.atomic():
        ApiToken.objects.create(
            user=user, digest=token_digest(token), expires_at=timezone.now() + lifetime
        )
        record(user, "api_token.issued", user)
    return token


@transaction.atomic
def create_user(actor, *, email: str, password: str | None, **fields) -> User:
    user = User.objects.create_user(email, password, **fields)
    record(actor, "user.created", user, data={"email": user.email})
    return user


@transaction.atomic
def grant_membership(
    actor, user: User, role: str, *, collectivity=None, service=None
) -> Membership:
    if service is not None:
        collectivity = service.collectivity
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, collectivity=collectivity, service=service
    )
    if created:
        record(
            actor,
            "membership.granted",
            user,
            collectivity=collectivity,
            data={"role": role, "service": service.pk if service else None},
        )
    return membership


@transaction.atomic
def add_staff(actor, *, email: str, full_name: str, role: str, service) -> tuple[Membership, bool]:
    """A collectivity's administrator gives someone a role in one of its services; (membership,
    whether the account is new). A new account gets a random password nobody knows: its owner
    sets their own by the emailed link."""
    if role not in SERVICE_ROLES or not can_administer(actor, service.collectivity):
        raise PermissionDenied
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = create_user(
            actor, email=email, password=secrets.token_urlsafe(32), full_name=full_name
        )
    return grant_membership(actor, user, role, service=service), created


@transaction.atomic
def remove_membership(actor, membership: Membership) -> None:
    if membership.collectivity is None or not can_administer(actor, membership.collectivity):
        raise PermissionDenied
    record(
        actor,
        "membership.removed",
        membership.user,
        collectivity=membership.collectivity,
        data={"role": membership.role, "service": membership.service_id},
    )
    membership.delete()


def send_password_link(email: str, request=None) -> None:
    """A new staff account's owner sets their own password by the link this emails; the link
    points at the host of the request, or of PUBLIC_BASE_URL from a command."""
    from django.contrib.auth.forms import PasswordResetForm

    reset = PasswordResetForm({"email": email})
    if not reset.is_valid():
        return
    public = urlsplit(settings.PUBLIC_BASE_URL)
    reset.save(
        request=request,
        domain_override=None if request else public.netloc,
        use_https=request.is_secure() if request else public.scheme == "https",
        email_template_name="registration/password_set_email.txt",
        subject_template_name="registration/password_set_subject.txt",
    )
