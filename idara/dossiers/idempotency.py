"""A retried submission returns the first receipt, and only a retry does: the request's
fingerprint is kept with the dossier, and the same Idempotency-Key sent with another request
is refused (answer 422, as the IETF draft "The Idempotency-Key HTTP Header Field" says)."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

# What a form sent again with other answers shows, on the dossier the first sending filed.
ALREADY_SENT = _(
    "This form was already sent, and filed the application below. To file another one, "
    "open the form again."
)


class KeyReused(Exception):
    """The key was used before with another request; `first` is the dossier it filed."""

    def __init__(self, first):
        super().__init__(first.pk)
        self.first = first


def fingerprint(filing) -> str:
    """SHA-256 of what was asked: the procedure, the collectivity, the answers and each file."""
    digest = hashlib.sha256()
    asked = {
        "procedure": filing.procedure.slug,
        "collectivity": filing.collectivity.code,
        "data": filing.data,
    }
    if filing.sworn_statements:  # R2; absent from the fingerprints kept before it came
        asked["sworn_statements"] = sorted(filing.sworn_statements)
    digest.update(json.dumps(asked, sort_keys=True, cls=DjangoJSONEncoder).encode())
    for code in sorted(filing.files):
        upload = filing.files[code]
        digest.update(f"\n{code}\n".encode())
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
    return digest.hexdigest()


def the_same_request(first, asked: str):
    """The first dossier if it was filed by this very request; KeyReused if not. A dossier
    filed before fingerprints were kept is taken as the same."""
    if first.idempotency_fingerprint and first.idempotency_fingerprint != asked:
        raise KeyReused(first)
    return first
