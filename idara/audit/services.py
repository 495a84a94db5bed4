"""Appending to the audit log. Every service that changes something calls `record`."""

import json
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from idara.audit import national_key
from idara.audit.chain import GENESIS, Checkpoint, entry_hash
from idara.audit.models import AuditCheckpoint, AuditEntry
from idara.audit.selectors import first_broken_entry, stored_checkpoints

# Any constant: it names the lock that serialises appends on PostgreSQL.
_APPEND_LOCK = 5519


def record(actor, action: str, obj, *, collectivity=None, data: dict | None = None) -> AuditEntry:
    """Append one entry, chained to the last. Runs inside the caller's transaction,
    so the entry is committed with the change it describes, or not at all."""
    fields = {
        "at": timezone.now(),
        "actor_id": actor.pk if actor is not None and actor.is_authenticated else None,
        "actor_label": str(actor) if actor is not None and actor.is_authenticated else "system",
        "action": action,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "collectivity_code": _collectivity_code(obj, collectivity),
        # Round-tripped so the hash covers exactly what the database gives back.
        "data": json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
    }
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        prev_hash = last or GENESIS
        return AuditEntry.objects.create(
            prev_hash=prev_hash, hash=entry_hash(prev_hash, fields), **fields
        )


def _collectivity_code(obj, collectivity) -> str:
    if collectivity is not None:
        return collectivity.code
    if obj is not None and obj._meta.label_lower == "territories.collectivity":
        return obj.code
    return ""


def _lock_chain() -> None:
    # Two appends that both read the same last hash would fork the chain.
    # SQLite's write transactions already run one at a time (IMMEDIATE mode).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK])


class ChainBroken(Exception):
    """The chain does not hold: no checkpoint may sanctify it."""


def make_checkpoint(day: date | None = None) -> AuditCheckpoint | None:
    """Sign the chain's head as the checkpoint of the day (once a day; None while the log is
    empty). The chain since the day before's checkpoint is checked first: a broken chain is
    reported, never signed."""
    day = day or timezone.localdate()
    existing = AuditCheckpoint.objects.filter(day=day).first()
    if existing is not None:
        return existing
    head = AuditEntry.objects.order_by("-id").values("id", "hash").first()
    if head is None:
        return None
    previous = AuditCheckpoint.objects.filter(day__lt=day).order_by("-day").first()
    after = previous.as_checkpoint() if previous else None
    broken = first_broken_entry(stored_checkpoints(), after=after, until=head["id"])
    if broken is not None:
        raise ChainBroken(f"audit entry #{broken[0]} is broken: {broken[1]}")
    unsigned = Checkpoint(day, head["id"], head["hash"], national_key.key_id(), "")
    return AuditCheckpoint.objects.create(
        day=day,
        entry_id=head["id"],
        head_hash=head["hash"],
        key_id=unsigned.key_id,
        signature=national_key.sign(unsigned.message()),
        made_at=timezone.now(),
    )
