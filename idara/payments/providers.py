"""Payment providers behind one interface.

A provider is asked two things: where the payer goes to pay (`checkout`, a page of Idara's
that sends the payer on), and what a callback from it says (`outcome`), which it answers
only for a callback it can prove it sent. Idara then settles the payment, whichever the
provider (`services.settle`).

- `cmi`: the Centre Monétique Interbancaire's hosted payment page (3D Pay Hosting): the
  payer's browser posts a form signed with the store key to the gateway; the gateway calls
  Idara back, server to server, with the result signed the same way (docs/payments.md).
- `sandbox`: the demo's and the tests' stand-in. It moves no money, so it serves only in
  demo mode: outside it Idara refuses to start (`refuse_the_sandbox_outside_demo`).
"""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse


@dataclass(frozen=True)
class Outcome:
    """What a provider's callback says about one payment."""

    reference: str
    paid: bool
    amount: str = ""


class NotFromTheProvider(Exception):
    pass


class SandboxProvider:
    name = "sandbox"

    def checkout_url(self, payment) -> str:
        return reverse("payments:sandbox_checkout", args=[payment.reference])

    def signature(self, reference: str, outcome: str) -> str:
        key = settings.PAYMENT_SANDBOX_SECRET.encode()
        return hmac.new(key, f"{reference}:{outcome}".encode(), hashlib.sha256).hexdigest()

    def outcome(self, params) -> Outcome:
        reference, said = params.get("reference", ""), params.get("outcome", "")
        if not hmac.compare_digest(self.signature(reference, said), params.get("signature", "")):
            raise NotFromTheProvider
        return Outcome(reference, said == "paid")


class CmiProvider:
    """CMI's 3D Pay Hosting, hash version 3: SHA-512 of every field's value, in the natural
    case-insensitive order of the fields' names, `|` and `\\` escaped, then the store key."""

    name = "cmi"
    PAID = "00"

    def checkout_url(self, payment) -> str:
        return reverse("payments:cmi_checkout", args=[payment.reference])

    def form(self, payment, *, callback_url: str, ok_url: str, fail_url: str, language: str):
        """The fields the payer's browser posts to the gateway, the hash among them."""
        fields = {
            "clientid": settings.CMI_CLIENT_ID,
            "storetype": "3D_PAY_HOSTING",
            "TranType": "PreAuth",
            "amount": f"{payment.amount_mad:.2f}",
            "currency": "504",  # ISO 4217: the dirham
            "oid": payment.reference,
            "okUrl": ok_url,
            "failUrl": fail_url,
            "callbackUrl": callback_url,
            "shopurl": ok_url,
            "lang": "ar" if language == "ar" else "fr",
            "rnd": secrets.token_hex(10),
            "hashAlgorithm": "ver3",
            "encoding": "UTF-8",
            "BillToName": payment.dossier.applicant.full_name or payment.dossier.applicant.email,
            "email": payment.dossier.applicant.email,
        }
        return fields | {"HASH": self.hash(fields)}

    def hash(self, fields) -> str:
        names = sorted(
            (name for name in fields if name.lower() not in {"hash", "encoding"}), key=_natural
        )
        plain = "|".join([*(_escaped(fields[name]) for name in names), _escaped(self._key())])
        return base64.b64encode(hashlib.sha512(plain.encode()).digest()).decode()

    def outcome(self, params) -> Outcome:
        if not hmac.compare_digest(self.hash(params), params.get("HASH", "")):
            raise NotFromTheProvider
        return Outcome(
            params.get("oid", ""),
            params.get("ProcReturnCode") == self.PAID,
            params.get("amount", ""),
        )

    def _key(self) -> str:
        if not settings.CMI_STORE_KEY:
            raise ImproperlyConfigured("CMI_STORE_KEY is not set")
        return settings.CMI_STORE_KEY


def _escaped(value) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|")


def _natural(name: str):
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


PROVIDERS = {"sandbox": SandboxProvider(), "cmi": CmiProvider()}


def provider():
    """The provider that takes payments here, or None: then fees are paid at the till."""
    name = settings.PAYMENT_PROVIDER
    if not name:
        return None
    refuse_the_sandbox_outside_demo()
    return PROVIDERS[name]


def refuse_the_sandbox_outside_demo() -> None:
    if settings.PAYMENT_PROVIDER == "sandbox" and not settings.DEMO:
        raise ImproperlyConfigured(
            "PAYMENT_PROVIDER=sandbox marks fees paid with no money moving: it serves only in "
            "demo mode (IDARA_DEMO=1). Set PAYMENT_PROVIDER=cmi, or leave it empty for the till."
        )
