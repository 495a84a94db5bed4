"""Adoption figures: how many of a collectivity's agents work on the platform, and how many
dossiers the applicants filed themselves rather than at the counter."""

from datetime import timedelta

import pytest
from django.utils import timezone

from idara.conftest import make_user, staff_login
from idara.dossiers import selectors, services
from idara.dossiers.models import Channel, Dossier, Event
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(offered, citizen, agent, commune):
    """Two dossiers filed online, one at the counter; one agent of two worked in the period."""
    make_user("idle@commune.ma", "agent", service=commune.services.get(kind="urbanism"))
    online = [file_dossier(citizen, citizen, demolition_filing(offered))[0] for _ in range(2)]
    file_dossier(agent, citizen, demolition_filing(offered, channel=Channel.COUNTER))
    services.review(agent, online[0])
    return online


def test_the_figures_count_active_agents_and_channels(worked, commune):
    figures = selectors.adoption(commune, timezone.now() - timedelta(days=30))
    assert (figures.agents, figures.agents_active) == (2, 1)
    assert (figures.filed_online, figures.filed_at_counter) == (2, 1)
    assert figures.online_share == 67


def test_what_happened_before_the_period_is_not_counted(worked, commune):
    Dossier.objects.update(submitted_at=timezone.now() - timedelta(days=40))
    Event.objects.update(at=timezone.now() - timedelta(days=40))
    figures = selectors.adoption(commune, timezone.now() - timedelta(days=30))
    assert (figures.agents_active, figures.filed_online, figures.filed_at_counter) == (0, 0, 0)
    assert figures.online_share is None


def test_the_administrator_reads_them_in_the_back_office(client, worked, admin, commune):
    staff_login(client, admin)
    html = client.get(f"/fr/backoffice/collectivities/{commune.code}/adoption/?days=7").content
    html = html.decode()
    assert "1 / 2" in html and "67 %" in html
    assert "7 derniers jours" in html


def test_a_period_that_is_not_offered_falls_back_to_thirty_days(client, worked, admin, commune):
    staff_login(client, admin)
    url = f"/fr/backoffice/collectivities/{commune.code}/adoption/?days=-3"
    response = client.get(url)
    assert response.status_code == 200
    assert '<option value="30" selected>' in response.content.decode()
