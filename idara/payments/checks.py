from django.conf import settings
from django.core.checks import Error, register


@register()
def a_real_payment_provider(app_configs, **kwargs):
    """The sandbox marks fees paid with no money moving: never outside demo mode."""
    errors = []
    if settings.PAYMENT_PROVIDER == "sandbox" and not settings.DEMO:
        errors.append(
            Error(
                "PAYMENT_PROVIDER=sandbox outside demo mode: anyone could mark a fee paid",
                hint="Set PAYMENT_PROVIDER=cmi with CMI_CLIENT_ID and CMI_STORE_KEY, or leave "
                "it empty to take fees at the till (docs/payments.md).",
                id="idara.E020",
            )
        )
    if settings.PAYMENT_PROVIDER not in {"", "sandbox", "cmi"}:
        errors.append(
            Error(f"Unknown PAYMENT_PROVIDER {settings.PAYMENT_PROVIDER!r}", id="idara.E021")
        )
    if settings.PAYMENT_PROVIDER == "cmi" and not (
        settings.CMI_CLIENT_ID and settings.CMI_STORE_KEY
    ):
        errors.append(
            Error("PAYMENT_PROVIDER=cmi needs CMI_CLIENT_ID and CMI_STORE_KEY", id="idara.E022")
        )
    return errors
