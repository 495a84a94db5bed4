"""What the applicant gets at the end: decisions that verify (L8), an appeal (L9), and the
messages that tell them (never blocking a filing). The act and the attestation after a silence
(R8) are in test_tacit_acceptance."""

import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from idara.catalog.form_schema import readable_answers
from idara.documents.issuing import issued_pdf
from idara.documents.selectors import verify
from idara.dossiers import services
from idara.dossiers.models import Dossier
from idara.dossiers.selectors import legal_view
from idara.dossiers.services import file_dossier
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import (
    DEMOLITION_DOCUMENT,
    ask_to_replace,
    demolition_filing,
    extract_filing,
    pdf_file,
)
from idara.notifications.models import Message, State
from idara.notifications.services import deliver_due

pytestmark = pytest.mark.django_db
MOTIVATION = "Le bâtiment est inscrit à l'inventaire du patrimoine de la médina."


@pytest.fixture
def demolition(offered, citizen):
    return file_dossier(citizen, citizen, demolition_filing(offered))[0]


def text_of(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_refusal_carries_its_motivation_and_the_appeal_route(demolition, agent, tmp_path):
    """L8: "the decision document carries the appeal route and deadline"."""
    dossier = services.refuse(agent, demolition, MOTIVATION)
    document = dossier.issued.get(kind="refusal")
    text = text_of(issued_pdf(document), tmp_path)
    assert "patrimoine de la médina" in text
    said = " ".join(text.split())
    # R9: the route every document states: the president, then the governor.
    assert "Un recours dans les 30 jours de la réception du refus" in said
    assert f"président du conseil de {dossier.collectivity.name_fr}" in said
    assert f"gouverneur de {dossier.collectivity.parent.name_fr}" in said
    assert verify(document.verification_code).valid


def test_an_acceptance_issues_a_decision_that_verifies(demolition, agent):
    dossier = services.accept(agent, demolition)
    document = dossier.issued.get(kind="acceptance")
    result = verify(document.verification_code)
    assert (result.valid, result.kind, result.reference) == (True, "acceptance", dossier.reference)


def test_an_acceptance_says_what_it_accepts_and_what_comes_next(demolition, agent, tmp_path):
    """Issue 25: "an acceptance PDF that says only "La demande est acceptée." (say what is
    accepted, under which conditions, and what to do next)"."""
    dossier = services.accept(agent, demolition)
    path = tmp_path / "acceptance.pdf"
    path.write_bytes(issued_pdf(dossier.issued.get(kind="acceptance")))
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "Permis de démolir" in text and dossier.reference in text
    for _label, value in readable_answers(dossier.procedure_version.form_schema, dossier.data):
        assert all(word in text for word in str(value).split())  # in whichever order it reads
    assert "Conditions" in text or "condition" in text
    assert "Et ensuite" in text


def test_an_appeal_opens_a_linked_dossier_for_the_president(demolition, agent, citizen):
    """R9 (art. 21): "An appeal is a linked dossier at the same collectivity, answered in 15
    days"."""
    services.refuse(agent, demolition, MOTIVATION)
    with pytest.raises(TransitionRefused, match="grounds"):
        services.appeal(citizen, demolition, "Non.")
    appeal = services.appeal(
        citizen, demolition, "La façade n'est pas classée, voir l'inventaire 2019."
    )
    assert appeal.appeal_of == Dossier.objects.get(pk=demolition.pk)
    assert appeal.collectivity == demolition.collectivity
    assert (appeal.deadline_days, appeal.silence_means_acceptance) == (15, False)
    assert appeal.receipt.number == 2  # the commune's second receipt of the year
    assert legal_view(appeal).due is not None
    with pytest.raises(TransitionRefused, match="already appealed"):
        services.appeal(citizen, demolition, "Encore une fois le même recours, autrement dit.")


def test_an_accepted_dossier_cannot_be_appealed(demolition, agent, citizen):
    services.accept(agent, demolition)
    with pytest.raises(TransitionRefused, match="cannot be appealed"):
        services.appeal(citizen, demolition, "Je voudrais contester quand même cette décision.")


def test_the_citizen_answers_withdraws_and_appeals_through_the_api(offered, citizen, agent):
    api = APIClient()
    api.force_authenticate(citizen)
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    ask_to_replace(agent, dossier)
    answered = api.post(
        f"/api/v1/dossiers/{dossier.pk}/documents",
        {DEMOLITION_DOCUMENT: pdf_file()},
        format="multipart",
    )
    assert answered.status_code == 200 and answered.json()["status"] == "in_review"
    services.refuse(agent, dossier, MOTIVATION)
    detail = api.get(f"/api/v1/dossiers/{dossier.pk}").json()
    assert detail["motivation"] == MOTIVATION and detail["appeal_until"]
    refusal = api.get(detail["issued"][0]["url"])
    assert refusal["Content-Type"] == "application/pdf"
    appealed = api.post(
        f"/api/v1/dossiers/{dossier.pk}/appeal",
        {"grounds": "La façade n'est pas classée au patrimoine."},
        format="json",
    )
    assert appealed.status_code == 201 and appealed.json()["id"] != str(dossier.pk)
    other = file_dossier(citizen, citizen, extract_filing(offered))[0]
    assert api.post(f"/api/v1/dossiers/{other.pk}/withdraw").json()["status"] == "withdrawn"
    again = api.post(f"/api/v1/dossiers/{other.pk}/withdraw")
    assert again.status_code == 400 and again.json()["error"]["fields"]["non_field_errors"]


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_messages_are_sent_after_commit(offered, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = file_dossier(citizen, citizen, extract_filing(offered))[0]
    [email] = mail.outbox
    assert dossier.reference in email.subject and email.to == [citizen.email]
    assert set(Message.objects.values_list("state", flat=True)) == {State.SENT}


@override_settings(SMS_BACKEND="idara.notifications.tests.test_delivery.BrokenGateway")
def test_a_failed_delivery_never_blocks_a_filing_and_is_retried(
    offered, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier, created = file_dossier(citizen, citizen, extract_filing(offered))
    assert created and Dossier.objects.filter(pk=dossier.pk).exists()
    sms = Message.objects.get(channel="sms")
    assert (sms.state, sms.attempts) == (State.PENDING, 1)
    assert "gateway down" in sms.last_error
    with override_settings(SMS_BACKEND="idara.notifications.sms.ConsoleSMSBackend"):
        assert deliver_due(now=timezone.now() + timedelta(minutes=5)) == 1
    sms.refresh_from_db()
    assert sms.state == State.SENT
