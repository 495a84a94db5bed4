from django.conf import settings
from django.core.checks import Warning, register

from idara import env


@register(deploy=True)
def public_address_of_the_documents(app_configs, **kwargs):
    """Every printed document's QR code and link lead to PUBLIC_BASE_URL: in production it is
    the platform's public address, never the development default."""
    if settings.DEMO or env.text("PUBLIC_BASE_URL"):
        return []
    return [
        Warning(
            f"PUBLIC_BASE_URL is not set: the documents' QR codes lead to "
            f"{settings.PUBLIC_BASE_URL}",
            hint="Set it to the platform's public address (docs/deployment.md).",
            id="idara.W002",
        )
    ]
