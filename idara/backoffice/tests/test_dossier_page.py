"""The agent's dossier page: the application as the applicant meant it, and only the actions
the dossier's state allows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from idara.conftest import staff_login
from idara.dossiers import services
from idara.dossiers.models import Dossier
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import (
    DEMOLITION_DOCUMENT,
    ask_to_replace,
    demolition_filing,
    extract_filing,
    pdf_file,
)

pytestmark = pytest.mark.django_db


def page(client, dossier) -> str:
    return client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").content.decode()


def test_a_choice_reads_as_its_label_not_its_code(client, offered, citizen, civil_agent):
    extract = file_dossier(citizen, citizen, extract_filing(offered))[0]
    staff_login(client, civil_agent)
    html = page(client, extract)
    assert "La personne elle-même" in html
    assert '<dd dir="auto">self</dd>' not in html


def test_a_new_dossier_offers_its_decisions(client, offered, citizen, agent):
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    staff_login(client, agent)
    html = page(client, dossier)
    for action in ("review", "accept", "refuse", "ask_applicant", "assign"):
        assert f"/{action}/" in html
    assert "/close/" not in html


def test_a_decided_dossier_offers_only_to_close_it(client, offered, citizen, agent):
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    services.accept(agent, dossier)
    staff_login(client, agent)
    html = page(client, dossier)
    assert "/close/" in html
    for action in ("review", "accept", "refuse", "ask_applicant", "extend", "assign"):
        assert f"/{action}/" not in html


def test_documents_are_asked_for_once_so_the_form_goes(client, offered, citizen, agent):
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    ask_to_replace(agent, dossier)
    staff_login(client, agent)
    assert "/ask_applicant/" not in page(client, dossier)


def test_a_dossier_accepted_by_silence_offers_no_decision(client, offered, citizen, agent):
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    long_ago = timezone.localdate() - timedelta(days=60)
    Dossier.objects.filter(pk=dossier.pk).update(filed_on=long_ago, complete_on=long_ago)
    dossier.refresh_from_db()
    services.refresh_due_date(dossier)
    staff_login(client, agent)
    html = page(client, dossier)
    assert "la loi tient ce dossier pour accepté par le silence" in html
    for action in ("accept", "refuse", "ask_applicant", "extend"):
        assert f"/{action}/" not in html


def test_the_supervisor_reads_every_collectivitys_dossiers_without_acting(
    client, offered, citizen, supervisor, other_commune
):
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    staff_login(client, supervisor)
    listed = client.get("/fr/backoffice/dossiers/").content.decode()
    assert dossier.reference in listed
    elsewhere = client.get(f"/fr/backoffice/dossiers/?collectivity={other_commune.code}")
    assert dossier.reference not in elsewhere.content.decode()
    html = page(client, dossier)
    assert dossier.reference in html and "seuls les agents de son service" in html
    for action in ("review", "accept", "refuse", "assign", "message"):
        assert f"/{action}/" not in html
    response = client.post(f"/fr/backoffice/dossiers/{dossier.pk}/accept/", {"confirmed": "1"})
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
    kept = dossier.files.first()
    opened = client.get(f"/fr/backoffice/dossiers/{dossier.pk}/files/{kept.pk}")
    assert opened.status_code == 200


def test_an_agent_of_another_service_of_the_same_commune_does_not_read_it(
    client, offered, citizen, civil_agent
):
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    staff_login(client, civil_agent)
    assert client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").status_code == 404
    assert dossier.reference not in client.get("/fr/backoffice/dossiers/").content.decode()


def test_an_agent_adds_at_the_counter_what_a_file_being_filed_lacks(
    client, offered, citizen, agent
):
    """R3 and R12: the user brings the missing documents online "or at the counter"."""
    filing = demolition_filing(offered)
    filing.files.clear()
    dossier = file_dossier(citizen, citizen, filing)[0]
    staff_login(client, agent)
    html = page(client, dossier)
    assert "/complete_file/" in html and f'name="{DEMOLITION_DOCUMENT}"' in html
    for action in ("review", "accept", "refuse", "ask_applicant"):
        assert f"/{action}/" not in html  # nothing is decided on an incomplete file
    client.post(
        f"/fr/backoffice/dossiers/{dossier.pk}/complete_file/", {DEMOLITION_DOCUMENT: pdf_file()}
    )
    dossier.refresh_from_db()
    assert dossier.status == "submitted" and dossier.complete_on == timezone.localdate()
    assert "/complete_file/" not in page(client, dossier)
