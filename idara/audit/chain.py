"""The hash chain of the audit log and its signed checkpoints: pure, no database."""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date

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


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head on a day, as the national key signed it and the open data publish it."""

    day: date
    entry_id: int
    head_hash: str
    key_id: str
    signature: str

    def message(self) -> bytes:
        lines = ["idara audit checkpoint", self.day.isoformat(), str(self.entry_id), self.head_hash]
        return "\n".join(lines).encode()

    def published(self) -> dict:
        return {**asdict(self), "day": self.day.isoformat()}

    @classmethod
    def from_published(cls, row: dict) -> "Checkpoint":
        """The checkpoint a published or kept row describes; ValueError if it is not one."""
        try:
            return cls(
                day=date.fromisoformat(row["day"]),
                entry_id=int(row["entry_id"]),
                head_hash=str(row["head_hash"]),
                key_id=str(row["key_id"]),
                signature=str(row["signature"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a checkpoint: {row!r}") from error
