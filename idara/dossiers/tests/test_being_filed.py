"""R3 (Law 55-19 art. 10 §1, 16 §3): "A receipt is given at once. It says « ملف مودع » (file
filed) when every required document is there, or « ملف في طور الإيداع » (file being filed),
listing once and for all every missing document; the user then has 30 days from filing to bring
them, or the file is returned. The deadline starts only when the file is complete." """

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from pypdf import PdfReader

from idara.clock import due_date
from idara.dossiers import services
from idara.dossiers.models import Dossier, Receipt, Status
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.selectors import holidays_around, legal_view
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import DEMOLITION_DOCUMENT, demolition_filing, pdf_file
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db

FILED = "2026-12-02 10:00 +01:00"  # Wednesday 2 December 2026, in Casablanca


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(autouse=True)
def on_2_december_2026():
    """The catalogue loaded and the file filed on that day, whatever day the suite runs."""
    with time_machine.travel(FILED, tick=False):
        yield


@pytest.fixture
def being_filed(offered, citizen):
    """A demolition permit filed without its one required document."""
    filing = demolition_filing(offered)
    filing.files.clear()
    return services.file_dossier(citizen, citizen, filing)[0]


def test_a_filing_with_a_document_missing_is_receipted_as_being_filed(being_filed):
    assert being_filed.status == Status.BEING_FILED
    assert being_filed.missing_documents == [DEMOLITION_DOCUMENT]
    assert being_filed.receipt.number == 1 and being_filed.due_on is None
    text = _text(receipt_pdf(being_filed.receipt))
    assert "Dossier en cours de dépôt" in text and "Documents manquants" in text
    assert "2027-01-04" in text  # the 30 days' last day: see the next test
    sms = Message.objects.get(channel="sms").body
    assert "2027-01-04" in sms


def test_the_30_days_to_complete_are_a_full_deadline_and_then_the_file_is_returned(being_filed):
    """ "if they have not all arrived by the end of the full 30-day deadline, it is `returned`
    from the next day": from 2 December 2026 the 31st day is Saturday 2 January 2027, moved to
    Monday 4 January."""
    assert legal_view(being_filed, today=date(2027, 1, 4)).status == Status.BEING_FILED
    assert legal_view(being_filed, today=date(2027, 1, 4)).complete_by == date(2027, 1, 4)
    assert legal_view(being_filed, today=date(2027, 1, 5)).status == Status.RETURNED
    with time_machine.travel("2027-01-05 09:00 +01:00", tick=False):
        with pytest.raises(TransitionRefused, match="30 days"):
            services.complete_file(
                being_filed.applicant, being_filed, {DEMOLITION_DOCUMENT: pdf_file()}
            )
        call_command("sweep_deadlines", verbosity=0)
        call_command("sweep_deadlines", verbosity=0)
    returned = Dossier.objects.get(pk=being_filed.pk)
    assert returned.status == Status.RETURNED
    assert returned.events.filter(kind="returned").count() == 1


def test_the_deadline_starts_the_day_the_file_is_complete(being_filed):
    with time_machine.travel("2026-12-10 11:00 +01:00", tick=False):
        done = services.complete_file(
            being_filed.applicant, being_filed, {DEMOLITION_DOCUMENT: pdf_file()}
        )
        view = legal_view(done)
    assert (done.status, done.complete_on) == (Status.SUBMITTED, date(2026, 12, 10))
    holidays = holidays_around(date(2026, 12, 10), date(2027, 2, 1))
    expected = due_date(date(2026, 12, 10), 30, working_days=False, holidays=holidays)
    assert view.due == done.due_on == expected
    assert expected > due_date(date(2026, 12, 2), 30, working_days=False, holidays=holidays)
    # The receipt is given again, under the same number, saying the file is filed.
    receipt = Receipt.objects.get(dossier=done)
    assert receipt.being_filed_pdf and receipt.number == 1
    assert "Dossier en cours de dépôt" in _text(receipt.being_filed_pdf.read())
    text = _text(receipt_pdf(receipt))
    assert "Dossier déposé" in text and "2026-12-10" in text and expected.isoformat() in text
    assert expected.isoformat() in Message.objects.filter(channel="sms").last().body


def test_each_missing_document_is_brought_once(being_filed, citizen):
    with pytest.raises(services.FilingRefused) as refused:
        services.complete_file(citizen, being_filed, {"plan": pdf_file()})
    assert "plan" in refused.value.errors
    services.complete_file(citizen, being_filed, {DEMOLITION_DOCUMENT: pdf_file()})
    with pytest.raises(TransitionRefused):
        services.complete_file(citizen, being_filed, {DEMOLITION_DOCUMENT: pdf_file()})
    assert being_filed.files.count() == 1


def test_an_agent_of_the_service_completes_it_at_the_counter(being_filed, agent, civil_agent):
    with pytest.raises(PermissionDenied):
        services.complete_file(civil_agent, being_filed, {DEMOLITION_DOCUMENT: pdf_file()})
    done = services.complete_file(agent, being_filed, {DEMOLITION_DOCUMENT: pdf_file()})
    assert done.status == Status.SUBMITTED


def test_the_citizen_completes_it_from_their_page_without_javascript(client, being_filed, citizen):
    client.force_login(citizen)
    page = client.get(f"/fr/my/dossiers/{being_filed.pk}/").content.decode()
    assert "Documents manquants à votre dossier" in page
    assert f'name="{DEMOLITION_DOCUMENT}"' in page
    sent = client.post(
        f"/fr/my/dossiers/{being_filed.pk}/documents/",
        {DEMOLITION_DOCUMENT: pdf_file()},
        follow=True,
    )
    assert "Votre dossier est complet" in sent.content.decode()
    assert Dossier.objects.get(pk=being_filed.pk).status == Status.SUBMITTED


def test_the_api_says_being_filed_and_what_is_missing(being_filed, citizen):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(citizen)
    body = api.get(f"/api/v1/dossiers/{being_filed.pk}").json()
    assert (body["status"], body["receipt_status"]) == ("being_filed", "being_filed")
    assert body["missing_documents"] == [DEMOLITION_DOCUMENT]
    assert body["due_date"] is None and body["complete_on"] is None
