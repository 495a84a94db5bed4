"""Issue 25: "the audit log shows raw codes (`mfa.verified`)"."""

import pytest
from django.utils import translation

from idara.audit.actions import LABELS, label
from idara.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_action_the_demo_records_is_said_in_words(demo):
    recorded = set(AuditEntry.objects.values_list("action", flat=True).distinct())
    assert recorded
    assert recorded <= set(LABELS), sorted(recorded - set(LABELS))


def test_the_log_reads_in_the_readers_language():
    with translation.override("ar"):
        assert label("mfa.verified") == "تم التحقق من العامل الثاني"
    with translation.override("fr"):
        assert label("mfa.verified") == "Second facteur vérifié"
    assert label("something.new") == "something.new"
