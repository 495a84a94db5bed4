"""The copies of the checkpoints that live outside the database.

`verify_audit` keeps every checkpoint it has seen hold in AUDIT_CHECKPOINTS_KEPT (one JSON
object per line, only ever appended), so a checkpoint later removed from the database, with
the log it anchored, is still named. Anyone may also hand it the open data's file.
"""

import json
from pathlib import Path

from django.conf import settings

from idara.audit.chain import Checkpoint


class BadCopy(Exception):
    pass


def read_kept(path: Path | None = None) -> list[Checkpoint]:
    path = path or Path(settings.AUDIT_CHECKPOINTS_KEPT)
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        return [_checkpoint(line, path) for line in lines if line.strip()]


def read_published(path: Path) -> list[Checkpoint]:
    """The checkpoints of a file downloaded from /open-data/audit/checkpoints.json."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
        return [Checkpoint.from_published(row) for row in rows]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadCopy(f"{path} is not a checkpoints file: {error}") from error


def keep(checkpoints: list[Checkpoint], path: Path | None = None) -> int:
    """Append the checkpoints not yet kept; how many were."""
    path = path or Path(settings.AUDIT_CHECKPOINTS_KEPT)
    known = {c.day for c in read_kept(path)}
    new = [c for c in checkpoints if c.day not in known]
    if new:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            for checkpoint in new:
                out.write(json.dumps(checkpoint.published(), sort_keys=True) + "\n")
    return len(new)


def _checkpoint(line: str, path: Path) -> Checkpoint:
    try:
        return Checkpoint.from_published(json.loads(line))
    except ValueError as error:
        raise BadCopy(f"{path} holds a line that is not a checkpoint: {error}") from error
