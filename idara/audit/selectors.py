from collections.abc import Iterable, Iterator

from idara.audit import national_key
from idara.audit.chain import CHAINED_FIELDS, GENESIS, Checkpoint, entry_hash
from idara.audit.models import AuditCheckpoint, AuditEntry


def first_broken_entry(
    checkpoints: Iterable[Checkpoint] = (),
    *,
    after: Checkpoint | None = None,
    until: int | None = None,
    chunk_size: int = 5000,
) -> tuple[int, str] | None:
    """The id of the first entry whose chain does not hold, and why; None if all hold.

    Each checkpoint's entry must still be there with the hash it signed: so a log cut,
    or rewritten and re-chained, before the latest checkpoint is named. `after` starts the
    walk at a checkpoint already trusted; `until` stops it at an entry id."""
    prev_hash, last_id = (after.head_hash, after.entry_id) if after else (GENESIS, 0)
    anchors = {c.entry_id: c for c in checkpoints if c.entry_id > last_id}
    pending = sorted(anchors)
    for entry in _entries_in_order(last_id, until, chunk_size):
        if pending and pending[0] < entry.pk:
            return pending[0], _gone(anchors[pending[0]])
        if entry.prev_hash != prev_hash:
            return entry.pk, "its previous hash does not match the entry before it"
        fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
        if entry.hash != entry_hash(prev_hash, fields):
            return entry.pk, "its content does not match its hash"
        if pending and pending[0] == entry.pk:
            if entry.hash != anchors[entry.pk].head_hash:
                return entry.pk, (
                    f"it is not the entry the checkpoint of {anchors[entry.pk].day} signed: "
                    "the log was rewritten up to it"
                )
            pending.pop(0)
        prev_hash = entry.hash
    if pending and (until is None or pending[0] <= until):
        return pending[0], _gone(anchors[pending[0]])
    return None


def _gone(checkpoint: Checkpoint) -> str:
    return f"it is gone, and the checkpoint of {checkpoint.day} signed it: the log was cut"


def _entries_in_order(after_id: int, until: int | None, chunk_size: int) -> Iterator[AuditEntry]:
    entries = AuditEntry.objects.filter(id__gt=after_id).order_by("id")
    if until is not None:
        entries = entries.filter(id__lte=until)
    return entries.iterator(chunk_size=chunk_size)


def stored_checkpoints() -> list[Checkpoint]:
    return [row.as_checkpoint() for row in AuditCheckpoint.objects.order_by("day")]


def checkpoint_problem(stored: list[Checkpoint], kept: Iterable[Checkpoint]) -> str | None:
    """What is wrong with the database's checkpoints, held against copies kept outside it
    (verify_audit's, a downloaded open-data file); None if nothing is."""
    by_day = {c.day: c for c in stored}
    kept = list(kept)
    if (stored or kept) and not national_key.has_national_key():
        return "there is no national key to check the checkpoints against"
    for checkpoint in [*stored, *kept]:
        if not national_key.signature_holds(checkpoint.message(), checkpoint.signature):
            return f"the checkpoint of {checkpoint.day} is not signed by the national key"
    for checkpoint in kept:
        if checkpoint.day not in by_day:
            return f"the checkpoint of {checkpoint.day} is missing from the database"
        if by_day[checkpoint.day] != checkpoint:
            return f"the checkpoint of {checkpoint.day} differs from the copy kept outside"
    return None


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
