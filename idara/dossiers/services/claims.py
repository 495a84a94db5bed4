"""A dossier filed for someone else (an agent at the counter, a representative under a mandate)
waits to be claimed: its receipt
carries a code, and only the person whose account holds the same CNIE, typing that code in
their own space, sees it there. A wrong CNIE typed at the counter shows nothing to anyone."""

import secrets

from django.db import transaction
from django.utils.crypto import constant_time_compare

from idara.audit.services import record
from idara.dossiers.models import Dossier

# Read aloud or copied from paper: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 8


def new_claim_code() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{code[:4]}-{code[4:]}"


def normalised(code: str) -> str:
    plain = "".join(c for c in code.upper() if c.isalnum())
    return f"{plain[:4]}-{plain[4:]}" if len(plain) == LENGTH else plain


def waits_for_claim(actor, applicant) -> bool:
    """Filed for someone else: by an agent at the counter, or by a representative."""
    return actor.pk != applicant.pk


def hidden_from_applicant(dossier) -> bool:
    """Filed for someone else, not yet claimed, under the CNIE of an account nobody vouched for:
    neither shown in that account's space (selectors) nor told to its e-mail or phone (messages),
    since the CNIE may have been mistyped. A record without a login is told by the mobile
    typed at the counter: the person who was there."""
    applicant = dossier.applicant
    return bool(dossier.claim_code and applicant.email and not applicant.national_identity_subject)


@transaction.atomic
def claim(user, code: str) -> Dossier | None:
    """The dossier of the user's that the code opens, now shown in their space; None if the
    code opens none of theirs (the same answer for a code that opens someone else's)."""
    wanted = normalised(code)
    waiting = Dossier.objects.select_for_update().filter(
        applicant=user, claim_code__isnull=False, practice=False
    )
    for dossier in waiting:
        if constant_time_compare(dossier.claim_code, wanted):
            dossier.claim_code = None
            dossier.save(update_fields=["claim_code"])
            record(user, "dossier.claimed", dossier, collectivity=dossier.collectivity)
            return dossier
    return None
