"""Every login, logout and failed login goes to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from idara.accounts import lockout
from idara.accounts.models import User
from idara.audit.services import record


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    if user.email:  # one signed in by the national identity may have none
        lockout.succeeded(user.email)
    record(user, "auth.logged_in", user)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    email = (credentials.get("username") or credentials.get("email") or "").strip().lower()
    lockout.failed(email)
    user = User.objects.filter(email__iexact=email).first()
    record(None, "auth.login_failed", user, data={"locked": lockout.is_locked(email)})
