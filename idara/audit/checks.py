from django.core.checks import Error, register

from idara.audit.national_key import has_national_key


@register(deploy=True)
def a_national_key(app_configs, **kwargs):
    """Without the national key no checkpoint is signed: a log cut or re-chained goes unseen."""
    if has_national_key():
        return []
    return [
        Error(
            "No national key in SIGNING_KEYS_DIR: the audit log's checkpoints cannot be signed",
            hint="Make it once with `manage.py make_signing_keys --national` and keep it "
            "with the other signing keys (docs/security.md).",
            id="idara.E030",
        )
    ]
