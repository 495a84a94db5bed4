"""The pages of a permit: the citizen sees the fee before filing; the commission's bodies
answer in the back office; the deciding agent sees where the commission stands."""

import re
from decimal import Decimal

import pytest

from idara.catalog import selectors as catalog
from idara.conftest import staff_login
from idara.dossiers import services
from idara.permits.tests.conftest import BUILDING, PROJECT, body_agent, building_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit(offered, applicant):
    return services.file_dossier(applicant, applicant, building_filing(offered))[0]


def test_the_citizen_calculates_the_fee_before_filing(client, offered, applicant):
    client.force_login(applicant)
    url = f"/fr/procedures/{BUILDING}/file/?collectivity={offered.code}"
    page = client.get(url).content.decode()
    assert "15.00 MAD × Surface à construire (plancher)" in page
    answers = {k: str(v) for k, v in PROJECT.items()} | {"built_surface": "200", "estimate": "1"}
    page = client.post(url, answers).content.decode()
    assert re.search(r"la redevance est de 2\s000,00 MAD", page)  # thousands apart
    assert not applicant.dossiers.exists()


def test_a_surface_that_is_not_a_number_is_named_when_calculating(client, offered, applicant):
    client.force_login(applicant)
    url = f"/fr/procedures/{BUILDING}/file/?collectivity={offered.code}"
    answers = {k: str(v) for k, v in PROJECT.items()} | {"built_surface": "cent", "estimate": "1"}
    page = client.post(url, answers).content.decode()
    assert "Veuillez corriger" in page and "la redevance est de" not in page


def test_the_body_answers_with_its_verdict_and_the_agent_sees_it(client, permit):
    agency = body_agent(permit.collectivity, "urban_agency")
    opinion = permit.opinions.get(asked_service__kind="urban_agency")
    staff_login(client, agency)
    inbox = client.get("/fr/backoffice/dossiers/").content.decode()
    assert f"/backoffice/opinions/{opinion.pk}/" in inbox
    page = client.get(f"/fr/backoffice/opinions/{opinion.pk}/").content.decode()
    assert "Favorable sous conditions" in page and "lie la décision" in page
    client.post(
        f"/fr/backoffice/opinions/{opinion.pk}/",
        {"verdict": "conditions", "answer": "Conforme au plan.", "conditions": "Recul de 4 m."},
    )
    opinion.refresh_from_db()
    assert opinion.verdict == "conditions" and opinion.conditions == "Recul de 4 m."


def test_an_opinion_without_a_verdict_changes_nothing(client, permit):
    agency = body_agent(permit.collectivity, "urban_agency")
    opinion = permit.opinions.get(asked_service__kind="urban_agency")
    staff_login(client, agency)
    page = client.post(
        f"/fr/backoffice/opinions/{opinion.pk}/", {"answer": "Conforme."}, follow=True
    ).content.decode()
    assert "avis : favorable, favorable sous conditions ou défavorable" in page
    opinion.refresh_from_db()
    assert not opinion.answered_at


def test_the_deciding_agent_sees_why_the_permit_cannot_be_issued_yet(
    client, permit, urbanism_agent
):
    staff_login(client, urbanism_agent)
    page = client.get(f"/fr/backoffice/dossiers/{permit.pk}/").content.decode()
    assert "La commission" in page and "Agence urbaine" in page and "attendu" in page
    assert "attend les avis conformes" in page
    response = client.post(f"/fr/backoffice/dossiers/{permit.pk}/accept/", {"confirmed": "1"})
    assert "attend les avis conformes" in response.content.decode()
    permit.refresh_from_db()
    assert permit.status == "submitted"


def test_the_agent_records_the_fee_paid_at_the_till(client, permit, urbanism_agent):
    for kind in ("urban_agency", "civil_protection"):
        opinion = permit.opinions.get(asked_service__kind=kind)
        services.answer_opinion(
            body_agent(permit.collectivity, kind), opinion, "Conforme.", "favourable"
        )
    staff_login(client, urbanism_agent)
    page = client.get(f"/fr/backoffice/dossiers/{permit.pk}/").content.decode()
    assert re.search(r"1\s500,00", page) and "pas encore payé" in page
    client.post(
        f"/fr/backoffice/dossiers/{permit.pk}/record_payment/",
        {"amount": "1500,00", "counter_receipt": "Q-2026-118"},
    )
    client.post(f"/fr/backoffice/dossiers/{permit.pk}/accept/", {"confirmed": "1"})
    permit.refresh_from_db()
    assert permit.status == "accepted" and permit.issued.get().kind == "permit"
    assert permit.payments.get().amount_mad == Decimal("1500.00")


def test_the_administrator_sets_the_formula_field_by_field(client, offered, admin):
    staff_login(client, admin)
    url = f"/fr/backoffice/collectivities/{offered.code}/offerings/{BUILDING}/"
    page = client.get(url).content.decode()
    assert "Taux pour « Commerce ou bureaux »" in page
    service = offered.services.get(kind="urbanism").pk
    client.post(
        url,
        {
            "online": "on",
            "service": service,
            "fee_rate_mad": "12",
            "fee_per": ["built_surface"],
            "fee_by": "use",
            "fee_rate__use__industry": "8",
        },
    )
    offering = catalog.procedure(BUILDING).offerings.get(collectivity=offered)
    assert offering.local_fee_rule == {
        "rate_mad": "12.00",
        "per": ["built_surface"],
        "by": "use",
        "rates_mad": {"industry": "8.00"},
    }


def test_a_formula_beside_a_fixed_amount_is_refused(client, offered, admin):
    staff_login(client, admin)
    url = f"/fr/backoffice/collectivities/{offered.code}/offerings/{BUILDING}/"
    service = offered.services.get(kind="urbanism").pk
    page = client.post(
        url, {"online": "on", "service": service, "fee_rate_mad": "12", "local_fee_mad": "100"}
    ).content.decode()
    assert "Donnez un montant fixe ou une formule, pas les deux." in page
    offering = catalog.procedure(BUILDING).offerings.get(collectivity=offered)
    assert offering.local_fee_rule["rate_mad"] == "10.00"
