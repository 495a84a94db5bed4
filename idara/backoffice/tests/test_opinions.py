"""Opinions: the asked service sees the request in its inbox and answers; the answer joins the
dossier; an overdue opinion shows on the asking agent's page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from idara.conftest import staff_login
from idara.dossiers import services
from idara.dossiers.models import Opinion
from idara.dossiers.services import file_dossier
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import demolition_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(offered, citizen):
    return file_dossier(citizen, citizen, demolition_filing(offered))[0]


def test_the_asked_service_answers_from_its_inbox(client, dossier, agent, civil_agent, commune):
    hygiene = commune.services.get(kind="civil_status")
    staff_login(client, agent)
    client.post(
        f"/fr/backoffice/dossiers/{dossier.pk}/ask_opinion/",
        {"service": hygiene.pk, "question": "Le bâtiment abrite-t-il un état civil ?", "days": 5},
    )
    opinion = Opinion.objects.get()
    staff_login(client, civil_agent)
    inbox = client.get("/fr/backoffice/dossiers/").content.decode()
    assert "Avis demandés à votre service" in inbox and dossier.reference in inbox
    client.post(
        f"/fr/backoffice/opinions/{opinion.pk}/",
        {"answer": "Aucun registre dans ce bâtiment.", "verdict": "unfavourable"},
    )
    assert dossier.events.filter(kind="opinion_given").exists()
    staff_login(client, agent)
    page = client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").content.decode()
    assert "Aucun registre dans ce bâtiment." in page


def test_an_overdue_opinion_shows_on_the_asking_agents_page(client, dossier, agent, commune):
    opinion = services.ask_opinion(
        agent, dossier, commune.services.get(kind="hygiene"), "Salubrité ?", 3
    )
    Opinion.objects.filter(pk=opinion.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    staff_login(client, agent)
    assert (
        "En retard depuis" in client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").content.decode()
    )


def test_an_opinion_is_given_once_by_the_asked_service_only(dossier, agent, civil_agent, commune):
    opinion = services.ask_opinion(
        agent, dossier, commune.services.get(kind="civil_status"), "Avis ?", 3
    )
    with pytest.raises(PermissionDenied):
        services.answer_opinion(agent, opinion, "Je réponds à la place du service.", "favourable")
    services.answer_opinion(civil_agent, opinion, "Rien ne s'y oppose.", "favourable")
    with pytest.raises(TransitionRefused):
        services.answer_opinion(civil_agent, opinion, "Encore.", "unfavourable")
    with pytest.raises(TransitionRefused):
        services.ask_opinion(agent, dossier, dossier.service, "À moi-même ?", 3)
