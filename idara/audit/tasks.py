from celery import shared_task

from idara.audit import kept_copy
from idara.audit.services import make_checkpoint


@shared_task
def checkpoint_audit_chain() -> str:
    """Sign today's checkpoint and keep a copy of it outside the database."""
    checkpoint = make_checkpoint()
    if checkpoint is None:
        return ""
    kept_copy.keep([checkpoint.as_checkpoint()])
    return f"checkpoint of {checkpoint.day}: entry #{checkpoint.entry_id} {checkpoint.head_hash}"
