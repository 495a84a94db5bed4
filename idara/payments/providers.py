"""Payment providers behind one interface. The sandbox provider ships for the demo and the
tests: its checkout page stands where a real provider's would, and its confirmation is signed
like a real provider's callback, so the rest of Idara cannot tell them apart."""

import hashlib
import hmac

from django.conf import settings
from django.urls import reverse


class SandboxProvider:
    name = "sandbox"

    def checkout_url(self, payment) -> str:
        """Where the payer goes to pay."""
        return reverse("payments:sandbox_checkout", args=[payment.reference])

    def signature(self, reference: str, outcome: str) -> str:
        key = settings.PAYMENT_SANDBOX_SECRET.encode()
        return hmac.new(key, f"{reference}:{outcome}".encode(), hashlib.sha256).hexdigest()

    def confirms(self, reference: str, outcome: str, signature: str) -> bool:
        """Whether a callback truly comes from the provider."""
        return hmac.compare_digest(self.signature(reference, outcome), signature or "")


PROVIDERS = {"sandbox": SandboxProvider()}


def provider():
    return PROVIDERS[settings.PAYMENT_PROVIDER]
