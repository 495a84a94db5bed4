"""Issue 11: "A generator (`manage.py generate_load_data --dossiers N`) of realistic data: all
1,590 collectivities, the catalogue, agents, and N dossiers with real-looking histories
(filings, requests for documents, opinions, decisions, tacit acceptances) spread over years,
written with bulk inserts (COPY on PostgreSQL)"."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command

from idara.clock import due_date, elapsed_days
from idara.dossiers.models import (
    ApplicantRequest,
    Dossier,
    Event,
    Opinion,
    Receipt,
    ReceiptCounter,
    Status,
)
from idara.territories.models import COMMUNE_KINDS, Collectivity

pytestmark = pytest.mark.django_db


def _generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_load_data", stdout=out, **options)
    return out.getvalue()


def test_the_data_set_holds_the_country_and_histories_the_law_allows():
    _generate(dossiers=600, past_due=20)
    kinds = Collectivity.objects.values_list("kind", flat=True)
    assert sum(k == "region" for k in kinds) == 12
    assert sum(k in ("province", "prefecture") for k in kinds) == 75
    assert sum(k in COMMUNE_KINDS for k in kinds) == 1503
    assert Dossier.objects.count() == 620 and Receipt.objects.count() == 620
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {Status.ACCEPTED, Status.REFUSED, Status.TACITLY_ACCEPTED} <= statuses
    assert ApplicantRequest.objects.filter(answered_on__isnull=False).exists()
    assert Opinion.objects.exists()
    assert len({d.year for d in Dossier.objects.values_list("filed_on", flat=True)}) >= 3
    for dossier in Dossier.objects.all()[:200]:
        days = dossier.deadline_days
        assert dossier.due_on == due_date(dossier.filed_on, days, working_days=dossier.working_days)
        if dossier.decision:
            assert dossier.processing_days == elapsed_days(dossier.filed_on, dossier.decided_on)
        assert "rue de la Paix" in dossier.data["address"]  # sealed, and opens
    assert Event.objects.filter(kind="filed").count() == 620


def test_receipt_numbers_run_without_gaps_and_a_second_run_goes_on():
    _generate(dossiers=300)
    _generate(dossiers=300, seed=7)
    numbers = defaultdict(list)
    for collectivity, year, number in Receipt.objects.values_list(
        "collectivity_id", "year", "number"
    ):
        numbers[(collectivity, year)].append(number)
    counters = {(c.collectivity_id, c.year): c.last for c in ReceiptCounter.objects.all()}
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1))
        assert counters[key] == len(found)


def test_the_past_due_dossiers_are_what_the_sweep_accepts():
    _generate(dossiers=0, past_due=40)
    out = io.StringIO()
    call_command("sweep_deadlines", stdout=out)
    assert "40 dossiers tacitly accepted" in out.getvalue()
