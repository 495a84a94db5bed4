"""Issue 21, F4: "the chain keyed or anchored so that truncation and re-chaining are found: a
daily checkpoint of the chain's head, signed with the national key and published with the open
data (and kept by `verify_audit`), so that a log cut or rewritten after a checkpoint is named"."""

import base64
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from idara.accounts.services import create_user
from idara.audit import protection
from idara.audit.chain import CHAINED_FIELDS, entry_hash
from idara.audit.models import AuditCheckpoint, AuditEntry
from idara.audit.selectors import first_broken_entry
from idara.audit.services import ChainBroken, make_checkpoint, record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_keys_and_copy(settings, tmp_path):
    settings.SIGNING_KEYS_DIR = tmp_path / "keys"
    settings.AUDIT_CHECKPOINTS_KEPT = tmp_path / "kept" / "checkpoints.jsonl"
    call_command("make_signing_keys", "--national", stdout=_Quiet())


class _Quiet:
    def write(self, text):
        pass


@pytest.fixture
def entries(commune):
    user = create_user(None, email="a@b.ma", password="x-long-passphrase")
    for n in range(4):
        record(user, "test.changed", commune, data={"n": n})
    return list(AuditEntry.objects.order_by("id"))


@pytest.fixture
def trigger_lifted(entries):
    """Whoever holds the database's keys drops the append-only trigger."""
    protection.lift(connection)
    yield
    protection.install(connection)


def _verify(*arguments) -> str:
    out = []

    class Out:
        def write(self, text):
            out.append(text)

    call_command("verify_audit", *arguments, stdout=Out())
    return "".join(out)


def _rewrite(entry_pk: int, data: dict) -> None:
    """Change one entry and recompute every later hash, as the issue's attacker did."""
    AuditEntry.objects.filter(pk=entry_pk).update(data=data)
    prev_hash = AuditEntry.objects.filter(pk__lt=entry_pk).order_by("-id").first().hash
    for entry in AuditEntry.objects.filter(pk__gte=entry_pk).order_by("id"):
        fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
        new_hash = entry_hash(prev_hash, fields)
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=prev_hash, hash=new_hash)
        prev_hash = new_hash


def test_the_checkpoint_signs_the_head_and_anyone_can_check_it(entries, client):
    checkpoint = make_checkpoint()
    assert (checkpoint.entry_id, checkpoint.head_hash) == (entries[-1].pk, entries[-1].hash)
    published = client.get("/open-data/audit/checkpoints.json").json()
    pem = client.get("/open-data/audit/national-key.pem").content
    assert pem.decode() == published["public_key"]
    row = published["rows"][0]
    assert row["day"] == timezone.localdate().isoformat()
    # A reader with nothing but the two files and a crypto library checks it.
    message = f"idara audit checkpoint\n{row['day']}\n{row['entry_id']}\n{row['head_hash']}"
    public = serialization.load_pem_public_key(pem)
    public.verify(base64.b64decode(row["signature"]), message.encode())  # raises if forged
    csv = client.get("/open-data/audit/checkpoints.csv").content.decode()
    assert row["signature"] in csv


def test_verify_audit_keeps_a_copy_of_the_checkpoints_outside_the_database(entries, settings):
    make_checkpoint()
    record(None, "test.later", None)
    said = _verify()
    assert "1 checkpoints hold" in said
    assert f"at entry #{entries[-1].pk}; 1 entries since await the next checkpoint" in said
    kept = settings.AUDIT_CHECKPOINTS_KEPT.read_text().splitlines()
    assert json.loads(kept[0])["head_hash"] == entries[-1].hash
    _verify()
    assert len(settings.AUDIT_CHECKPOINTS_KEPT.read_text().splitlines()) == 1


def test_a_log_rewritten_and_re_chained_before_a_checkpoint_is_named(entries, trigger_lifted):
    make_checkpoint()
    _rewrite(entries[1].pk, {"n": 99})
    assert first_broken_entry() is None  # the chain alone, unanchored, is fooled
    with pytest.raises(CommandError, match=f"#{entries[-1].pk} is broken: it is not the entry"):
        _verify()


def test_a_log_cut_before_a_checkpoint_is_named(entries, trigger_lifted):
    make_checkpoint()
    record(None, "test.later", None)
    AuditEntry.objects.filter(pk__gte=entries[2].pk).delete()
    assert first_broken_entry() is None  # what is left chains well
    with pytest.raises(CommandError, match=f"#{entries[-1].pk} is broken: it is gone"):
        _verify()


def test_a_checkpoint_removed_with_the_log_it_anchored_is_named_by_the_kept_copy(
    entries, trigger_lifted
):
    day = make_checkpoint().day
    _verify()  # keeps its copy
    AuditCheckpoint.objects.all().delete()
    _rewrite(entries[1].pk, {"n": 99})
    with pytest.raises(CommandError, match=f"checkpoint of {day} is missing from the database"):
        _verify()


def test_a_published_copy_names_a_removed_checkpoint(entries, trigger_lifted, client, tmp_path):
    day = make_checkpoint().day
    downloaded = tmp_path / "checkpoints.json"
    downloaded.write_bytes(client.get("/open-data/audit/checkpoints.json").content)
    AuditCheckpoint.objects.all().delete()  # before verify_audit ever kept it
    with pytest.raises(CommandError, match=f"checkpoint of {day} is missing from the database"):
        _verify("--published", str(downloaded))


def test_a_checkpoint_changed_to_match_a_rewritten_log_is_not_signed(entries, trigger_lifted):
    checkpoint = make_checkpoint()
    _rewrite(entries[1].pk, {"n": 99})
    checkpoint.head_hash = AuditEntry.objects.get(pk=checkpoint.entry_id).hash
    checkpoint.save()
    with pytest.raises(CommandError, match="is not signed by the national key"):
        _verify()


def test_a_broken_chain_is_never_signed(entries, trigger_lifted):
    AuditEntry.objects.filter(pk=entries[2].pk).update(data={"n": 99})
    with pytest.raises(ChainBroken, match=f"#{entries[2].pk}"):
        make_checkpoint()
    with pytest.raises(CommandError, match="not signed"):
        call_command("checkpoint_audit")
    assert not AuditCheckpoint.objects.exists()


def test_one_checkpoint_a_day_each_checked_from_the_day_before(entries):
    today = timezone.localdate()
    first = make_checkpoint(today)
    assert make_checkpoint(today) == first
    record(None, "test.later", None)
    second = make_checkpoint(today + timedelta(days=1))
    assert second.entry_id == AuditEntry.objects.order_by("-id").first().pk
    assert "2 checkpoints hold" in _verify()


def test_the_nightly_checkpoint_needs_the_national_key(entries, settings, tmp_path):
    settings.SIGNING_KEYS_DIR = tmp_path / "no-keys"
    with pytest.raises(CommandError, match="make_signing_keys --national"):
        call_command("checkpoint_audit")
    assert "checkpoint-audit-chain" in settings.CELERY_BEAT_SCHEDULE
