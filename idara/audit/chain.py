"""The hash chain of the audit log: pure functions, no database."""

import hashlib
import json

GENESIS = "0" * 64
CHAINED_FIELDS = (
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "collectivity_code",
    "data",
)


def entry_hash(prev_hash: str, fields: dict) -> str:
    """SHA-256 of the previous hash and the entry's fields in a canonical JSON form."""
    body = {name: fields[name] for name in CHAINED_FIELDS}
    body["at"] = body["at"].isoformat()
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()
