"""The person's own space (law 09-08 on personal data: access and rectification): what Idara
holds about them and a copy of it, their names and preferences, a new e-mail proved by a link
or a new mobile proved by a code, and closing the account, which keeps what the law keeps."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from idara.accounts.models import User
from idara.audit.services import record
from idara.dossiers.models import OPEN_STATUSES, Dossier
from idara.exchange.models import Consent, ExchangeLog
from idara.identity.services import text_code
from idara.notifications.models import Channel, Message
from idara.notifications.services import queue

EMAIL_CHANGE = "idara.identity.email-change"
PHONE_CODE_LIFETIME = timedelta(minutes=15)
MAX_PHONE_ATTEMPTS = 5


class PersonalRefused(Exception):
    """Why the change cannot be made, in words for the person."""


@transaction.atomic
def update_profile(user: User, **changes) -> None:
    """Names, language and channels; at least one channel stays on, or nothing would reach
    them but their space."""
    by_email = changes.get("wants_email", user.wants_email) and user.email
    by_sms = changes.get("wants_sms", user.wants_sms) and user.phone
    if not (by_email or by_sms):
        raise PersonalRefused(_("Keep at least one channel you have: e-mail or SMS."))
    before = {name: getattr(user, name) for name in changes}
    for name, value in changes.items():
        setattr(user, name, value)
    user.save(update_fields=list(changes))
    changed = sorted(name for name in changes if before[name] != changes[name])
    if changed:
        record(user, "user.profile_changed", user, data={"fields": changed})


def ask_email_change(user: User, new_email: str, absolute) -> None:
    """A link to the new address; the address changes when it is opened. An address that
    another account has gets no link, and the answer is the same."""
    if User.objects.filter(email__iexact=new_email).exists():
        return
    token = signing.dumps({"user": user.pk, "email": new_email.lower()}, salt=EMAIL_CHANGE)
    link = absolute(reverse("identity:email_confirm", kwargs={"token": token}))
    with translation.override(user.preferred_language):
        subject = _("Idara: confirm your new e-mail address")
        body = _("To use this address for your Idara account, open this link within 24 hours:")
    queue(Channel.EMAIL, new_email, subject, f"{body}\n{link}\n")


@transaction.atomic
def confirm_email_change(user: User, token: str) -> None:
    try:
        asked = signing.loads(token, salt=EMAIL_CHANGE, max_age=timedelta(hours=24))
    except signing.BadSignature:
        raise PersonalRefused(_("This link no longer works."))
    if asked["user"] != user.pk:
        raise PersonalRefused(_("This link is for another account."))
    if User.objects.filter(email__iexact=asked["email"]).exclude(pk=user.pk).exists():
        raise PersonalRefused(_("An account already uses this e-mail address: sign in."))
    user.email, user.email_verified_at = asked["email"], timezone.now()
    user.save(update_fields=["email", "email_verified_at"])
    record(user, "user.email_changed", user)


@dataclass
class PhoneChange:
    """A new mobile number waiting for its code, kept in the session."""

    phone: str
    digest: str
    sent_at: str
    attempts: int = 0


def send_phone_code(user: User, phone: str) -> dict:
    """The code to the new number; what the session keeps until it is typed."""
    code = text_code(phone, user.preferred_language)
    digest = hashlib.sha256(f"{user.pk}:{phone}:{code}".encode()).hexdigest()
    return PhoneChange(phone, digest, timezone.now().isoformat()).__dict__


@transaction.atomic
def confirm_phone_change(user: User, pending: dict, code: str) -> None:
    """`pending` (from the session) counts the attempts; the caller keeps it back."""
    change = PhoneChange(**pending)
    pending["attempts"] = change.attempts + 1
    sent = timezone.datetime.fromisoformat(change.sent_at)
    if change.attempts >= MAX_PHONE_ATTEMPTS or timezone.now() - sent > PHONE_CODE_LIFETIME:
        raise PersonalRefused(_("This code has expired: ask for a new one."))
    typed = hashlib.sha256(f"{user.pk}:{change.phone}:{code}".encode()).hexdigest()
    if not secrets.compare_digest(typed, change.digest):
        raise PersonalRefused(_("This is not the code we sent. Check it and type it again."))
    user.phone, user.phone_verified_at = change.phone, timezone.now()
    user.save(update_fields=["phone", "phone_verified_at"])
    record(user, "user.phone_changed", user)


def personal_data(user: User) -> dict:
    """Everything Idara holds about the person, as they may read and download it."""
    dossiers = Dossier.objects.filter(applicant=user, practice=False, claim_code__isnull=True)
    return {
        "account": {
            "email": user.email,
            "email_verified_at": user.email_verified_at,
            "phone": user.phone,
            "phone_verified_at": user.phone_verified_at,
            "national_id": user.national_id,
            "full_name": user.full_name,
            "full_name_ar": user.full_name_ar,
            "preferred_language": user.preferred_language,
            "wants_email": user.wants_email,
            "wants_sms": user.wants_sms,
            "signed_in_by_national_identity": bool(user.national_identity_subject),
            "date_joined": user.date_joined,
        },
        "dossiers": [
            {
                "reference": d.reference,
                "procedure": d.procedure_version.name_fr,
                "status": d.status,
                "filed_on": d.filed_on,
                "answers": d.data,
                "files": [{"name": f.name, "sha256": f.sha256} for f in d.files.all()],
            }
            for d in dossiers.select_related("procedure_version").prefetch_related("files")
        ],
        "messages": [
            {"channel": m.channel, "subject": m.subject, "state": m.state, "at": m.created_at}
            for m in Message.objects.filter(about__in=[d.reference for d in dossiers])
        ],
        "consents": [
            {"administration": c.client.name_fr, "scope": c.scope, "since": c.granted_at}
            for c in Consent.objects.filter(user=user, revoked_at__isnull=True).select_related(
                "client"
            )
        ],
        "consultations": [
            {"at": e.at, "administration": e.client.name_fr if e.client else "", "path": e.path}
            for e in ExchangeLog.objects.filter(subject=user).select_related("client")
        ],
    }


@transaction.atomic
def close_account(user: User) -> None:
    """No sign-in and no contact kept from now on; the dossiers, the names and the CNIE stay,
    as the administration must keep its files (docs/identity.md). Refused while a dossier is
    still being handled: its answer must reach someone."""
    handled = Dossier.objects.filter(applicant=user, practice=False, status__in=OPEN_STATUSES)
    if handled.exists():
        raise PersonalRefused(
            _(
                "An application of yours is still being handled: close the account once it is "
                "decided."
            )
        )
    user.email = None
    user.phone = ""
    user.wants_email = user.wants_sms = False
    user.national_identity_subject = None
    user.closed_at = timezone.now()
    user.is_active = False
    user.set_unusable_password()
    user.save()
    Consent.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    record(user, "user.closed", user)
