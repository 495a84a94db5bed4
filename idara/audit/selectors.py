from collections.abc import Iterator

from idara.audit.chain import CHAINED_FIELDS, GENESIS, entry_hash
from idara.audit.models import AuditEntry


def first_broken_entry(chunk_size: int = 5000) -> tuple[int, str] | None:
    """The id of the first entry whose chain does not hold, and why; None if all hold."""
    prev_hash = GENESIS
    for entry in _entries_in_order(chunk_size):
        if entry.prev_hash != prev_hash:
            return entry.pk, "its previous hash does not match the entry before it"
        fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
        if entry.hash != entry_hash(prev_hash, fields):
            return entry.pk, "its content does not match its hash"
        prev_hash = entry.hash
    return None


def _entries_in_order(chunk_size: int) -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("id").iterator(chunk_size=chunk_size)


def entries_for(user, *, collectivity_code: str = "", action: str = ""):
    """The audit log as the user may read it: all of it for the national supervisor and
    auditors, their collectivity's for its administrator, nothing for anyone else."""
    from idara.accounts.models import NATIONAL_ROLES, Membership, Role

    memberships = Membership.objects.filter(user=user)
    entries = AuditEntry.objects.order_by("-id")
    if not memberships.filter(role__in=NATIONAL_ROLES).exists():
        codes = memberships.filter(role=Role.COLLECTIVITY_ADMIN).values_list(
            "collectivity__code", flat=True
        )
        entries = entries.filter(collectivity_code__in=list(codes))
    if collectivity_code:
        entries = entries.filter(collectivity_code=collectivity_code)
    if action:
        entries = entries.filter(action__startswith=action)
    return entries


def may_read_audit(user) -> bool:
    from idara.accounts.models import NATIONAL_ROLES, Membership, Role

    return Membership.objects.filter(
        user=user, role__in=[*NATIONAL_ROLES, Role.COLLECTIVITY_ADMIN]
    ).exists()
