from django.db import models

from idara.audit.chain import Checkpoint


class AuditEntry(models.Model):
    """One change, chained to the one before it by SHA-256; never updated or deleted.

    `hash` covers the previous entry's hash and every field below, so changing,
    removing or inserting an entry breaks the chain from that entry on.
    """

    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    collectivity_code = models.CharField(max_length=16, blank=True, db_index=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"


class AuditCheckpoint(models.Model):
    """The chain's last entry and hash on a day, signed with the national key and published
    with the open data. A log cut or rewritten before it no longer matches it; copies kept
    outside the database (`verify_audit`'s, the open data's readers') find one removed."""

    day = models.DateField(unique=True)
    entry_id = models.BigIntegerField()
    head_hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=128)
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} #{self.entry_id}"

    def as_checkpoint(self) -> Checkpoint:
        return Checkpoint(self.day, self.entry_id, self.head_hash, self.key_id, self.signature)
