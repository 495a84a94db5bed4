"""R9 (Law 55-19 art. 21, 22), R7: "The 30 days run from the day the refusal reached the user
(opened in their space, handed at the counter, or its e-mail/SMS delivered, whichever is
first: a reading of « تلقي »), not from the day it was signed."

Refused on Wednesday 2 December 2026; every expectation is counted by the product's clock."""

from datetime import date

import pytest
import time_machine
from rest_framework.test import APIClient

from idara.clock import due_date
from idara.conftest import staff_login
from idara.dossiers import services
from idara.dossiers.models import Dossier
from idara.dossiers.selectors import holidays_around, legal_view
from idara.dossiers.tests.helpers import demolition_filing
from idara.notifications.services import deliver_due

pytestmark = pytest.mark.django_db
MOTIVATION = "Le bâtiment est inscrit à l'inventaire du patrimoine de la médina."


@pytest.fixture(autouse=True)
def on_decision_day():
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def refused(offered, citizen, agent):
    dossier = services.file_dossier(citizen, citizen, demolition_filing(offered))[0]
    return services.refuse(agent, dossier, MOTIVATION)


def at(day: str):
    return time_machine.travel(f"{day} 09:00 +01:00", tick=False)


def appeal_until(received: date) -> date:
    holidays = holidays_around(received, date(2027, 3, 1))
    return due_date(received, 30, working_days=False, holidays=holidays)


def reached(dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk)


def test_a_refusal_that_has_not_reached_the_applicant_has_not_started_its_days(refused):
    assert reached(refused).refusal_received_on is None
    late = date(2027, 2, 10)
    assert legal_view(reached(refused), today=late).appeal_until == appeal_until(late)


def test_from_the_day_its_email_was_delivered(refused):
    with at("2026-12-04"):
        assert deliver_due() >= 1
    dossier = reached(refused)
    assert dossier.refusal_received_on == date(2026, 12, 4)
    assert dossier.events.filter(kind="refusal_received").count() == 1
    assert legal_view(dossier, today=date(2026, 12, 20)).appeal_until == appeal_until(
        date(2026, 12, 4)
    )


def test_from_the_day_it_was_opened_in_their_space_if_that_came_first(refused, client, citizen):
    with at("2026-12-03"):
        client.force_login(citizen)
        page = client.get(f"/fr/my/dossiers/{refused.pk}/").content.decode()
    assert reached(refused).refusal_received_on == date(2026, 12, 3)
    assert appeal_until(date(2026, 12, 3)).isoformat() in page
    with at("2026-12-05"):
        deliver_due()
        client.get(f"/fr/my/dossiers/{refused.pk}/")
    assert reached(refused).refusal_received_on == date(2026, 12, 3)  # only the first counts
    assert reached(refused).events.filter(kind="refusal_received").count() == 1


def test_from_the_day_it_was_handed_at_the_counter(refused, agent, client):
    with at("2026-12-07"):
        staff_login(client, agent)
        page = client.get(f"/fr/backoffice/dossiers/{refused.pk}/").content.decode()
        assert "/hand_refusal/" in page
        client.post(f"/fr/backoffice/dossiers/{refused.pk}/hand_refusal/")
        assert (
            "/hand_refusal/"
            not in client.get(f"/fr/backoffice/dossiers/{refused.pk}/").content.decode()
        )
    assert reached(refused).refusal_received_on == date(2026, 12, 7)


def test_the_api_read_by_the_applicant_counts_and_by_an_agent_does_not(refused, citizen, agent):
    api = APIClient()
    with at("2026-12-08"):
        api.force_authenticate(agent)
        api.get(f"/api/v1/dossiers/{refused.pk}")
        assert reached(refused).refusal_received_on is None
        api.force_authenticate(citizen)
        body = api.get(f"/api/v1/dossiers/{refused.pk}").json()
    assert reached(refused).refusal_received_on == date(2026, 12, 8)
    assert body["appeal_until"] == appeal_until(date(2026, 12, 8)).isoformat()
    assert body["appeal_open_until"] == body["appeal_until"]


def pdf_text(content: bytes) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_the_refusal_carries_the_day_it_was_notified(refused):
    """R7 (art. 4(10), 18): "The decision document carries it, the date it was notified, and
    the routes and deadlines of appeal": drawn at the decision it says it has not reached the
    applicant yet; drawn again when it does, with that day and the appeal's last day (the first
    drawing kept, the same verification code)."""
    from idara.documents.issuing import issued_pdf
    from idara.documents.models import IssuedDocument

    document = IssuedDocument.objects.get(dossier=refused, kind="refusal")
    code = document.verification_code
    first = issued_pdf(document)
    assert "pas encore notifiée" in pdf_text(first)
    with at("2026-12-04"):
        services.refusal_opened(refused.applicant, reached(refused))
    document.refresh_from_db()
    assert not document.pdf and document.before_notice_pdf
    text = pdf_text(issued_pdf(document))
    assert "notifiée au demandeur le 2026-12-04" in text
    assert f"prend fin le {appeal_until(date(2026, 12, 4)).isoformat()}" in text
    document.refresh_from_db()
    assert document.before_notice_pdf.read() == first
    assert document.verification_code == code
