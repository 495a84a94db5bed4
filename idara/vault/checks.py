from django.conf import settings
from django.core.checks import Warning, register

from idara import env


@register(deploy=True)
def master_keys_from_the_environment(app_configs, **kwargs):
    """In production the keys come from the environment or a KMS, never from var/."""
    missing = [name for name in ("IDARA_MASTER_KEYS", "IDARA_INDEX_KEY") if not env.text(name)]
    if (
        settings.DEMO
        or not missing
        or settings.MASTER_KEY_PROVIDER != ("idara.vault.keys.EnvironmentKeys")
    ):
        return []
    return [
        Warning(
            f"{', '.join(missing)} not set: the keys were generated into var/, beside the data",
            hint="Set them from the secrets store (docs/security.md).",
            id="idara.W001",
        )
    ]
