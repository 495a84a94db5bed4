"""R9 (Law 55-19 art. 21): "For an act of a collectivity the appeal goes to its president, who
answers within 15 days; without an answer, the user may refer it to the wali or governor, who
writes to the president to decide within 10 days of receiving the letter."

The demolition permit is refused and the refusal opened on Wednesday 2 December 2026; every
expectation is counted by the product's clock."""

import importlib
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import translation

from idara.accounts.models import Role
from idara.clock import due_date
from idara.conftest import make_user, staff_login
from idara.dossiers import legal, selectors, services
from idara.dossiers.appeal_route import appeal_route
from idara.dossiers.models import Dossier, Status
from idara.dossiers.services.appeals import appeals_service
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import demolition_filing, pdf_file

pytestmark = pytest.mark.django_db
GROUNDS = "Le bâtiment menace ruine : le rapport technique joint le démontre."


def at(day: str):
    return time_machine.travel(f"{day} 09:00 +01:00", tick=False)


@pytest.fixture(autouse=True)
def on_decision_day():
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def appeal(offered, citizen, agent) -> Dossier:
    dossier = services.file_dossier(citizen, citizen, demolition_filing(offered))[0]
    refused = services.refuse(agent, dossier, "Le bâtiment est inscrit au patrimoine de la médina.")
    services.refusal_opened(citizen, refused)
    return services.appeal(citizen, refused, GROUNDS)


@pytest.fixture
def governor_agent(commune):
    return make_user("appeals@province.ma", Role.AGENT, service=appeals_service(commune.parent))


def holidays():
    return selectors.holidays_around(date(2026, 12, 2), date(2027, 3, 1))


def letter(number="2026/117", on=date(2026, 12, 21)):
    return services.GovernorLetter(number, on, pdf_file("letter.pdf", body=b"lettre au president"))


def test_the_appeal_goes_to_the_president_with_15_days(appeal, commune):
    """R9: "the appeal goes to its president, who answers within 15 days"."""
    assert appeal.collectivity == commune
    assert appeal.service.kind == "appeals"
    assert appeal.deadline_days == legal.APPEAL_ANSWER_DAYS == 15
    assert selectors.legal_view(appeal).due == due_date(
        date(2026, 12, 2), 15, working_days=False, holidays=holidays()
    )


def test_the_applicant_may_refer_it_to_the_governor_only_after_the_15_days(appeal, citizen):
    """R9: "without an answer, the user may refer it to the wali or governor": not on the
    president's last day, from the day after."""
    last_day = selectors.legal_view(appeal).due
    with at(last_day.isoformat()):
        with pytest.raises(TransitionRefused):
            services.escalate(citizen, Dossier.objects.get(pk=appeal.pk))
    day_after = date.fromordinal(last_day.toordinal() + 1)
    with at(day_after.isoformat()):
        escalated = services.escalate(citizen, Dossier.objects.get(pk=appeal.pk))
    assert (escalated.status, escalated.escalated_on) == (Status.ESCALATED, day_after)
    # No deadline for the president until the governor has written.
    assert selectors.legal_view(escalated, today=day_after).due is None


def test_the_governors_letter_gives_the_president_10_days(appeal, citizen, governor_agent, agent):
    """R9: the wali or governor "writes to the president to decide within 10 days of
    receiving the letter"."""
    with at("2026-12-19"):
        services.escalate(citizen, Dossier.objects.get(pk=appeal.pk))
    assert list(selectors.escalated_appeals(governor_agent)) == [Dossier.objects.get(pk=appeal.pk)]
    with at("2026-12-21"):
        with pytest.raises(PermissionDenied):
            services.record_governor_letter(agent, appeal, letter())
        recorded = services.record_governor_letter(governor_agent, appeal, letter())
    assert recorded.governor_letter_number == "2026/117"
    expected = due_date(date(2026, 12, 21), 10, working_days=False, holidays=holidays())
    assert selectors.legal_view(recorded, today=date(2026, 12, 21)).due == expected
    assert recorded.files.get(purpose="letter").sha256
    with at("2026-12-22"), pytest.raises(TransitionRefused, match="already"):
        services.record_governor_letter(governor_agent, recorded, letter())


def test_the_president_still_decides_a_referred_appeal(appeal, citizen, commune):
    president = make_user("president@commune.ma", Role.AGENT, service=appeals_service(commune))
    with at("2026-12-19"):
        services.escalate(citizen, Dossier.objects.get(pk=appeal.pk))
    with at("2026-12-23"):
        decided = services.accept(president, Dossier.objects.get(pk=appeal.pk))
    assert decided.status == Status.ACCEPTED


def test_another_provinces_agent_neither_sees_nor_records_it(appeal, citizen, other_commune):
    stranger = make_user(
        "appeals@other.ma", Role.AGENT, service=appeals_service(other_commune.parent)
    )
    with at("2026-12-19"):
        services.escalate(citizen, Dossier.objects.get(pk=appeal.pk))
    assert not selectors.escalated_appeals(stranger).exists()
    with at("2026-12-21"), pytest.raises(PermissionDenied):
        services.record_governor_letter(stranger, appeal, letter())


def test_the_letter_is_recorded_from_the_back_office(appeal, citizen, governor_agent, client):
    with at("2026-12-19"):
        services.escalate(citizen, Dossier.objects.get(pk=appeal.pk))
    with at("2026-12-21"):
        staff_login(client, governor_agent)
        response = client.get("/fr/backoffice/dossiers/")
        assert response.status_code == 200, response
        inbox = response.content.decode()
        assert "Recours transmis au gouverneur" in inbox and appeal.reference in inbox
        url = f"/fr/backoffice/appeals/{appeal.pk}/letter/"
        refused = client.post(url, {"number": "", "written_on": "2026-12-21"})
        assert "Indiquez le numéro de la lettre." in refused.content.decode()
        sent = client.post(
            url,
            {"number": "2026/117", "written_on": "2026-12-21", "pdf": pdf_file("lettre.pdf")},
        )
    assert sent.status_code == 302
    assert Dossier.objects.get(pk=appeal.pk).governor_letter_on == date(2026, 12, 21)


def test_every_page_and_document_says_the_same_route(appeal, citizen, client, commune):
    """R9: "The receipt, the refusal and every page say this route, not another"."""
    with translation.override("fr"):
        route = appeal_route(commune, 30)
    assert f"président du conseil de {commune.name_fr}" in route
    assert f"gouverneur de {commune.parent.name_fr}" in route
    client.force_login(citizen)
    page = client.get(f"/fr/my/dossiers/{appeal.pk}/").content.decode()
    assert route.split(",")[0] in page.replace("&#x27;", "'").replace("&#39;", "'")


def test_the_api_gives_the_referral_and_the_letter(appeal, citizen, governor_agent):
    from rest_framework.test import APIClient

    with at("2026-12-19"):
        services.escalate(citizen, Dossier.objects.get(pk=appeal.pk))
    with at("2026-12-21"):
        services.record_governor_letter(governor_agent, appeal, letter())
        api = APIClient()
        api.force_authenticate(citizen)
        body = api.get(f"/api/v1/dossiers/{appeal.pk}").json()
    assert body["status"] == "escalated" and body["appeal_of"] == str(appeal.appeal_of_id)
    assert body["escalated_on"] == "2026-12-19"
    assert body["governor_letter"] == {"number": "2026/117", "written_on": "2026-12-21"}


def test_an_appeal_filed_with_the_province_is_carried_over_to_the_president(appeal, commune):
    """R9: "Existing appeals are carried over" (issue 23): migration 0020 moves an open appeal
    of the first reading (at the province, 30 days) to the president's appeals service with 15
    days from its filing; a decided one stays as it was."""
    from django.apps import apps

    carry_over = importlib.import_module(
        "idara.dossiers.migrations.0020_appeal_to_the_president"
    ).to_the_president
    province_service = commune.parent.services.first()
    Dossier.objects.filter(pk=appeal.pk).update(
        collectivity=commune.parent, service=province_service, deadline_days=30, due_on=None
    )
    decided = Dossier.objects.get(pk=appeal.pk)
    carry_over(apps, None)
    moved = Dossier.objects.get(pk=appeal.pk)
    assert (moved.collectivity, moved.service) == (commune, appeals_service(commune))
    assert moved.deadline_days == 15
    assert moved.due_on == due_date(moved.filed_on, 15, working_days=False)
    assert decided.status == Status.SUBMITTED  # it was open: an accepted one is left alone
    Dossier.objects.filter(pk=appeal.pk).update(
        status=Status.ACCEPTED, collectivity=commune.parent, service=province_service
    )
    carry_over(apps, None)
    assert Dossier.objects.get(pk=appeal.pk).collectivity == commune.parent
