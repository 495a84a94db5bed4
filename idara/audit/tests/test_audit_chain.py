import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from idara.accounts.services import create_user
from idara.audit import protection
from idara.audit.models import AuditEntry
from idara.audit.selectors import first_broken_entry
from idara.audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(commune):
    user = create_user(None, email="a@b.ma", password="x-long-passphrase")
    for n in range(4):
        record(user, "test.changed", commune, data={"n": n, "name": "فاس"})
    return list(AuditEntry.objects.order_by("id"))


def test_each_entry_is_chained_to_the_one_before(entries):
    for previous, entry in zip(entries, entries[1:], strict=False):
        assert entry.prev_hash == previous.hash
    assert first_broken_entry() is None
    call_command("verify_audit")


def test_the_database_refuses_to_change_an_entry(entries):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entries[2].pk).update(data={"n": 99})
    assert AuditEntry.objects.get(pk=entries[2].pk).data == entries[2].data


def test_the_database_refuses_to_remove_an_entry(entries):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entries[1].pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.count() == len(entries)


@pytest.fixture
def trigger_lifted(entries):
    """Someone with the table owner's rights drops the trigger, as an attacker with the
    database's keys could: the chain still names what they did."""
    protection.lift(connection)
    yield
    protection.install(connection)


def test_a_changed_entry_is_named(entries, trigger_lifted):
    AuditEntry.objects.filter(pk=entries[2].pk).update(data={"n": 99})
    assert first_broken_entry()[0] == entries[2].pk
    with pytest.raises(CommandError, match=f"#{entries[2].pk} is broken"):
        call_command("verify_audit")


def test_a_removed_entry_breaks_the_chain_at_the_next(entries, trigger_lifted):
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    assert first_broken_entry() == (
        entries[2].pk,
        "its previous hash does not match the entry before it",
    )


def test_an_entry_is_committed_with_the_change_or_not_at_all(commune):
    from django.db import transaction

    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record(None, "test.changed", commune)
        raise RuntimeError("the change failed")
    assert AuditEntry.objects.count() == before
