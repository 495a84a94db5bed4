"""The agent's inbox and dossier page: by legal due date, filtered, assigned, a message sent."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from idara.conftest import make_user, staff_login
from idara.dossiers import services
from idara.dossiers.models import Dossier, MotivationTemplate
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(offered, citizen):
    citizen.full_name = "Amina El Idrissi"
    citizen.save()
    made = [file_dossier(citizen, citizen, demolition_filing(offered))[0] for _ in range(3)]
    long_ago = timezone.localdate() - timedelta(days=40)
    Dossier.objects.filter(pk=made[0].pk).update(filed_on=long_ago, complete_on=long_ago)
    made[0].refresh_from_db()
    services.refresh_due_date(made[0])  # its 30 days have run out
    return made


def test_the_inbox_puts_the_overdue_first_and_says_it_in_words(client, dossiers, agent):
    staff_login(client, agent)
    html = client.get("/fr/backoffice/dossiers/").content.decode()
    assert html.index(dossiers[0].reference) < html.index(dossiers[1].reference)
    assert 'class="urgency-overdue"' in html and "(en retard)" in html
    assert "3 dossiers" in html


def test_filters_and_search(client, dossiers, agent):
    staff_login(client, agent)
    overdue = client.get("/fr/backoffice/dossiers/?overdue=on").content.decode()
    assert dossiers[0].reference in overdue and dossiers[1].reference not in overdue
    found = client.get(f"/fr/backoffice/dossiers/?q={dossiers[2].reference}").content.decode()
    assert "1 dossier" in found
    assert "3 dossiers" in client.get("/fr/backoffice/dossiers/?q=amina").content.decode()
    services.assign(agent, dossiers[1], agent)
    mine = client.get("/fr/backoffice/dossiers/?mine=on").content.decode()
    assert dossiers[1].reference in mine and dossiers[2].reference not in mine


def test_only_the_head_of_service_gives_a_dossier_to_someone_else(dossiers, agent, commune):
    urbanism = commune.services.get(kind="urbanism")
    colleague = make_user("colleague@commune.ma", "agent", service=urbanism)
    head = make_user("head@commune.ma", "head_of_service", service=urbanism)
    with pytest.raises(PermissionDenied):
        services.assign(agent, dossiers[0], colleague)
    assert services.assign(head, dossiers[0], colleague).assigned_to == colleague
    assert dossiers[0].events.filter(kind="assigned").exists()


def test_writing_to_the_applicant_reaches_them(client, dossiers, agent, citizen):
    staff_login(client, agent)
    client.post(
        f"/fr/backoffice/dossiers/{dossiers[0].pk}/message/", {"text": "Le plan est reçu, merci."}
    )
    sent = Message.objects.filter(about=dossiers[0].reference)
    assert "Le plan est reçu, merci." in [m.body for m in sent]  # bodies are sealed: no SQL match
    client.force_login(citizen)
    assert (
        "Le plan est reçu, merci."
        in client.get(f"/fr/my/dossiers/{dossiers[0].pk}/").content.decode()
    )


def test_a_refusal_takes_the_collectivitys_written_reasons(client, dossiers, agent, admin, commune):
    """L8: a refusal is motivated; the collectivity writes its usual reasons once."""
    staff_login(client, admin)
    client.post(
        f"/fr/backoffice/collectivities/{commune.code}/motivations/",
        {"title": "Hauteur", "text": "Le projet dépasse la hauteur du plan d'aménagement."},
    )
    staff_login(client, agent)
    page = client.get(f"/fr/backoffice/dossiers/{dossiers[1].pk}/").content.decode()
    assert "Hauteur" in page
    chosen = MotivationTemplate.objects.get()
    client.post(
        f"/fr/backoffice/dossiers/{dossiers[1].pk}/refuse/",
        {"template": chosen.pk, "motivation": "Voir le plan, page 3.", "confirmed": "1"},
    )
    refused = Dossier.objects.get(pk=dossiers[1].pk)
    assert refused.status == "refused"
    assert (
        refused.motivation
        == "Le projet dépasse la hauteur du plan d'aménagement.\n\nVoir le plan, page 3."
    )
