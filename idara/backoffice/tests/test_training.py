"""Training mode: an agent practises every action on practice dossiers, and no real list,
number, message, issued document or figure ever sees them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from idara.conftest import staff_login
from idara.documents.models import IssuedDocument
from idara.dossiers import selectors, services
from idara.dossiers.models import Dossier, Receipt
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import (
    DEMOLITION_DOCUMENT,
    REPLACE_REASON,
    ask_to_replace,
    demolition_filing,
)
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(client, offered, agent):
    """The agent of the urbanism service (which offers the demolition permit) starts training."""
    staff_login(client, agent)
    response = client.post("/fr/backoffice/training/", {"mode": "start"})
    assert response.status_code == 302
    return Dossier.objects.get(practice=True)


def test_starting_puts_a_practice_dossier_per_procedure_in_the_inbox(client, training, agent):
    assert training.service.kind == "urbanism" and training.reference.startswith("EX-")
    assert (
        training.files.count()
        == training.procedure_version.documents.filter(mandatory=True).count()
    )
    inbox = client.get("/fr/backoffice/dossiers/").content.decode()
    assert training.reference in inbox and "mode formation" in inbox


def test_starting_again_adds_none_while_the_first_is_open(client, training):
    client.post("/fr/backoffice/training/", {"mode": "start"})
    assert Dossier.objects.filter(practice=True).count() == 1


def test_leaving_brings_back_the_real_inbox(client, training, offered, citizen):
    real = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    client.post("/fr/backoffice/training/", {"mode": "leave"})
    inbox = client.get("/fr/backoffice/dossiers/").content.decode()
    assert real.reference in inbox and training.reference not in inbox


def test_practice_takes_no_receipt_number(training, offered, citizen):
    assert not Receipt.objects.filter(dossier=training).exists()
    real = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    assert real.reference.endswith("-000001")


def test_every_action_works_and_nothing_reaches_anyone(client, training):
    base = f"/fr/backoffice/dossiers/{training.pk}"
    asked = {
        "kind": "replace_document",
        "documents": [DEMOLITION_DOCUMENT],
        "reason": REPLACE_REASON,
    }
    client.post(f"{base}/ask_applicant/", asked)
    client.post(f"{base}/message/", {"text": "Merci de compléter votre dossier."})
    assert "/practice_answer/" in client.get(f"{base}/").content.decode()
    client.post(f"{base}/practice_answer/")
    client.post(f"{base}/accept/", {"confirmed": "1"})
    training.refresh_from_db()
    assert training.status == "accepted"
    assert [e.kind for e in training.events.all()] == [
        "filed",
        "applicant_asked",
        "message",
        "applicant_answered",
        "accepted",
    ]
    assert not Message.objects.filter(about=training.reference).exists()
    assert not IssuedDocument.objects.filter(dossier=training).exists()


def test_a_real_dossier_offers_no_practice_answer(client, training, offered, citizen, agent):
    real = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    ask_to_replace(agent, real)
    client.post(f"/fr/backoffice/dossiers/{real.pk}/practice_answer/")
    real.refresh_from_db()
    assert real.status == "awaiting_applicant"


def test_practice_dossiers_show_in_no_real_list_or_figure(
    training, agent, civil_agent, supervisor, commune
):
    assert not selectors.inbox(agent).filter(practice=True).exists()
    assert not selectors.inbox(supervisor).filter(practice=True).exists()
    assert not selectors.visible_dossiers(supervisor).filter(practice=True).exists()
    with pytest.raises(Dossier.DoesNotExist):
        selectors.dossier_for(agent, training.pk)  # what the API and the portal use
    services.ask_opinion(agent, training, civil_agent.memberships.get().service, "Avis ?", 5)
    assert not selectors.opinions_to_give(civil_agent).exists()
    figures = selectors.adoption(commune, timezone.now() - timedelta(days=1))
    assert (figures.agents_active, figures.filed_online, figures.filed_at_counter) == (0, 0, 0)


def test_practice_dossiers_are_the_agents_services_only(client, training, civil_agent):
    staff_login(client, civil_agent)
    assert client.get(f"/fr/backoffice/dossiers/{training.pk}/").status_code == 404


def test_only_agents_train(client, offered, admin):
    staff_login(client, admin)
    assert client.get("/fr/backoffice/training/").status_code == 404


def test_an_order_from_the_register_is_practised_too(client, offered, civil_agent):
    staff_login(client, civil_agent)
    client.post("/fr/backoffice/training/", {"mode": "start"})
    order = Dossier.objects.get(practice=True, service__kind="civil_status")
    client.post(f"/fr/backoffice/dossiers/{order.pk}/deliver/", {"confirmed": "1"})
    order.refresh_from_db()
    assert order.status == "accepted" and not order.issued.exists()
