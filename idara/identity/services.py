"""A person opens their own account: the e-mail proved by a link, the phone by a code sent by
SMS, then the account is created, or completes the record of someone an agent filed for at
the counter under the same CNIE. No answer tells whether an e-mail has an account; a CNIE
already held is said only to whoever proved the e-mail and the phone."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from idara.accounts.models import User
from idara.audit.services import record
from idara.identity.models import SignUp
from idara.notifications.models import Channel
from idara.notifications.services import queue
from idara.vault.fields import blind_index

LINK_LIFETIME = timedelta(hours=24)
CODE_LIFETIME = timedelta(minutes=15)
RESEND_AFTER = timedelta(seconds=60)
MAX_CODES = 3
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class NewPerson:
    email: str
    phone: str
    national_id: str
    full_name: str
    full_name_ar: str
    preferred_language: str
    password: str


class SignUpRefused(Exception):
    """Why a step of the sign-up cannot go on, in words for the person."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start_sign_up(person: NewPerson, absolute: Callable[[str], str]) -> None:
    """Mail the link that goes on with the sign-up; to an address that has an account, a mail
    that says so instead. `absolute` makes an address of a path (the request's host)."""
    SignUp.objects.filter(expires_at__lt=timezone.now()).delete()
    if User.objects.filter(email__iexact=person.email).exists():
        _mail(person.email, person.preferred_language, "identity/mail/already_have_one", absolute)
        return
    token = secrets.token_urlsafe(32)
    SignUp.objects.create(
        email=person.email.lower(),
        phone=person.phone,
        national_id=person.national_id,
        full_name=person.full_name,
        full_name_ar=person.full_name_ar,
        preferred_language=person.preferred_language,
        password=make_password(person.password),
        link_digest=_digest(token),
        expires_at=timezone.now() + LINK_LIFETIME,
    )
    link = reverse("identity:sign_up_confirm", kwargs={"token": token})
    _mail(person.email, person.preferred_language, "identity/mail/link", absolute, link=link)


def _mail(to: str, language: str, template: str, absolute, **paths) -> None:
    with translation.override(language):
        context = {name: absolute(path) for name, path in paths.items()} | {
            "sign_in": absolute(reverse("identity:login")),
            "reset": absolute(reverse("identity:password_reset")),
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    queue(Channel.EMAIL, to, subject, body)


def sign_up_of(token: str) -> SignUp | None:
    """The sign-up the link opens, while it runs."""
    return SignUp.objects.filter(
        link_digest=_digest(token), completed_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def send_code(sign_up: SignUp) -> None:
    """Opening the link proves the e-mail; the code then goes to the phone, at most
    MAX_CODES times, a minute apart. Sent only now, so nobody can flood a stranger's phone
    from the sign-up form."""
    now = timezone.now()
    if sign_up.codes_sent >= MAX_CODES:
        raise SignUpRefused(_("Three codes were sent: start the sign-up again."))
    if sign_up.code_sent_at and now - sign_up.code_sent_at < RESEND_AFTER:
        raise SignUpRefused(_("A code was sent less than a minute ago: wait for it."))
    with transaction.atomic():
        code = text_code(sign_up.phone, sign_up.preferred_language)
        sign_up.email_confirmed_at = sign_up.email_confirmed_at or now
        sign_up.code_digest = _digest(sign_up.link_digest + code)
        sign_up.codes_sent += 1
        sign_up.code_sent_at = now
        sign_up.save()


def text_code(phone: str, language: str) -> str:
    """A new 6-digit code, queued by SMS to the phone (valid 15 minutes); the code, for the
    caller to keep as a digest."""
    code = f"{secrets.randbelow(10**6):06d}"
    with translation.override(language):
        text = _("Idara: your code is %(code)s. It is valid for 15 minutes.") % {"code": code}
    queue(Channel.SMS, phone, "", text)
    return code


def complete_sign_up(sign_up: SignUp, code: str) -> User:
    """The code typed from the SMS: the account is created, signed up and verified."""
    _count_attempt(sign_up)
    now = timezone.now()
    if sign_up.attempts > MAX_ATTEMPTS:
        raise SignUpRefused(_("Too many wrong codes: start the sign-up again."))
    if not sign_up.code_sent_at or now - sign_up.code_sent_at > CODE_LIFETIME:
        raise SignUpRefused(_("This code has expired: ask for a new one."))
    if not constant_time_compare(sign_up.code_digest, _digest(sign_up.link_digest + code)):
        raise SignUpRefused(_("This is not the code we sent. Check it and type it again."))
    with transaction.atomic():
        user = _account_for(sign_up, now)
        sign_up.completed_at = now
        sign_up.save(update_fields=["completed_at"])
        record(user, "user.signed_up", user)
    return user


def _count_attempt(sign_up: SignUp) -> None:
    SignUp.objects.filter(pk=sign_up.pk).update(attempts=sign_up.attempts + 1)
    sign_up.attempts += 1


def _account_for(sign_up: SignUp, now) -> User:
    """A new account, or the counter's record of the same CNIE made into one: the dossiers
    filed there still wait for their claim codes."""
    if User.objects.filter(email__iexact=sign_up.email).exists():
        raise SignUpRefused(_("An account already uses this e-mail address: sign in."))
    person = (
        User.objects.select_for_update()
        .filter(national_id_digest=blind_index(sign_up.national_id))
        .first()
    )
    # A CNIE typed in a form proves nothing: only the counter's record, whose dossiers wait
    # for their claim codes, may become the account; a closed account reopens by the national
    # identity, or at the counter.
    if person is not None and (person.email or person.closed_at):
        raise SignUpRefused(
            _(
                "An account already exists for this CNIE number. Sign in to it, or reset its "
                "password; if it is not yours, go to your commune's counter with your card."
            )
        )
    person = person or User(national_id=sign_up.national_id)
    person.email = sign_up.email
    person.phone = sign_up.phone
    person.full_name = sign_up.full_name
    person.full_name_ar = sign_up.full_name_ar
    person.preferred_language = sign_up.preferred_language
    person.password = sign_up.password
    person.email_verified_at = person.phone_verified_at = now
    person.save()
    return person


@dataclass(frozen=True)
class Claims:
    """What the national identity provider says of the person signing in."""

    subject: str
    national_id: str = ""
    full_name: str = ""
    full_name_ar: str = ""
    email: str = ""  # only when the provider says it verified it
    phone: str = ""


@transaction.atomic
def account_for_claims(claims: Claims) -> User:
    """The account of the person the provider vouches for: the one it signed in before; at
    the first sign-in, the one holding the same CNIE (an account, or the counter's record), now
    linked; else a new one, with no password of its own."""
    person = User.objects.filter(national_identity_subject=claims.subject).first()
    if person is not None:
        return person
    if claims.national_id:
        person = (
            User.objects.select_for_update()
            .filter(national_id_digest=blind_index(claims.national_id))
            .first()
        )
    if person is None:
        person = User(national_id=claims.national_id)
        person.set_unusable_password()
    person.national_identity_subject = claims.subject
    person.is_active, person.closed_at = True, None  # the provider vouches for the CNIE
    _fill_from(person, claims, timezone.now())
    person.save()
    record(person, "user.linked_to_national_identity", person)
    return person


def _fill_from(person: User, claims: Claims, now) -> None:
    """What the account lacks, taken from the provider; what the person set stays."""
    person.full_name = person.full_name or claims.full_name
    person.full_name_ar = person.full_name_ar or claims.full_name_ar
    taken = User.objects.filter(email__iexact=claims.email).exclude(pk=person.pk).exists()
    if claims.email and not person.email and not taken:
        person.email, person.email_verified_at = claims.email.lower(), now
    if claims.phone and not person.phone:
        person.phone, person.phone_verified_at = claims.phone, now


@transaction.atomic
def person_by_national_id(actor, *, national_id: str, full_name: str, full_name_ar: str, phone=""):
    """The person someone else files for, known by their CNIE: their account if they have one,
    else a record without a login, which becomes their account when they sign up with it."""
    person = User.objects.filter(national_id_digest=blind_index(national_id)).first()
    if person is not None:
        return person
    person = User(
        national_id=national_id, full_name=full_name, full_name_ar=full_name_ar, phone=phone
    )
    person.set_unusable_password()
    person.save()
    record(actor, "person.recorded", person)
    return person
