"""L4: receipt numbers are "unique per collectivity and year with no gaps under concurrent
filings". Real concurrency needs a real server: this runs on PostgreSQL (CI's second run)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from idara.dossiers.models import Dossier
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import extract_filing

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers"),
]
FILINGS = 12


def test_concurrent_filings_get_consecutive_numbers(offered, citizen):
    def file_one(n):
        try:
            return file_dossier(citizen, citizen, extract_filing(offered, idempotency_key=f"k{n}"))[
                0
            ].pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(file_one, range(FILINGS)))
    numbers = sorted(Dossier.objects.filter(pk__in=ids).values_list("receipt__number", flat=True))
    assert numbers == list(range(1, FILINGS + 1))


def test_a_retried_submission_racing_itself_gets_one_dossier(offered, citizen):
    def file_same(_):
        try:
            return file_dossier(citizen, citizen, extract_filing(offered, idempotency_key="same"))[
                0
            ].pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = set(pool.map(file_same, range(4)))
    assert len(ids) == 1 and Dossier.objects.count() == 1
