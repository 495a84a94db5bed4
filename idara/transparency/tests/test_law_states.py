"""R13 (Law 55-19 art. 28): "The transparency module publishes each collectivity's figures,
yearly and quarterly, as pages and open data", counting the law's states: "files returned, acts
requested and delivered within 7 days, attestations, appeals answered within 15 days,
escalations" (issue 23).

A commune's demolition permits go through each step from Monday 2 November 2026; every date is
taken from the dossiers and every deadline counted by the product's clock."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import translation
from rest_framework.test import APIClient

from idara.accounts.models import Role
from idara.conftest import make_user
from idara.dossiers import legal, selectors, services
from idara.dossiers.models import Dossier
from idara.dossiers.services.appeals import appeals_service
from idara.dossiers.tests.helpers import demolition_filing, pdf_file
from idara.transparency import law_states
from idara.transparency.ranking import Period, rank

pytestmark = pytest.mark.django_db
MOTIVATION = "Le bâtiment est inscrit à l'inventaire du patrimoine de la médina."
GROUNDS = "La façade n'est pas classée : l'inventaire de 2019 joint le montre."


def at(day):
    return time_machine.travel(f"{day} 09:00 +01:00", tick=False)


@pytest.fixture(autouse=True)
def on_filing_day():
    with at("2026-11-02"):
        yield


def holidays():
    return selectors.holidays_around(date(2026, 11, 2), date(2027, 6, 1))


def fresh(dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk)


def quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@pytest.fixture
def people(commune):
    return {
        "president": make_user(
            "president@commune.ma", Role.AGENT, service=appeals_service(commune)
        ),
        "governor": make_user(
            "governor@province.ma", Role.AGENT, service=appeals_service(commune.parent)
        ),
    }


def permit(commune, citizen, **kwargs) -> Dossier:
    return services.file_dossier(citizen, citizen, demolition_filing(commune, **kwargs))[0]


def silent_on(dossier) -> date:
    return selectors.legal_view(dossier, today=dossier.filed_on).due + timedelta(days=1)


def test_each_step_counts_in_the_quarter_and_year_it_happened(
    offered, citizen, agent, people, commune
):
    delivered, attested = permit(commune, citizen), permit(commune, citizen)
    with at(silent_on(delivered)):
        services.request_act(citizen, delivered)
        services.request_act(citizen, attested)
    act_due = legal.act_due_on(fresh(delivered), holidays())
    with at(act_due):  # the last of the president's 7 days
        services.deliver_act(agent, fresh(delivered))
    with at(act_due + timedelta(days=1)):
        request = services.ask_attestation(citizen, fresh(attested))
        letter = services.GovernorLetter("2027/1", request.filed_on, pdf_file("l.pdf", body=b"l"))
        services.record_letter_to_president(people["governor"], request, letter)
        services.deliver_attestation(people["governor"], fresh(request))

    answered, escalated = permit(commune, citizen), permit(commune, citizen)
    appeals = []
    for refused in (answered, escalated):
        services.refuse(agent, refused, MOTIVATION)
        services.refusal_opened(citizen, fresh(refused))
        appeals.append(services.appeal(citizen, fresh(refused), GROUNDS))
    fifteen = legal.appeal_answer_due_on(appeals[0], holidays())
    with at(fifteen):
        services.accept(people["president"], fresh(appeals[0]))
    with at(fifteen + timedelta(days=1)):
        services.escalate(citizen, fresh(appeals[1]))
        services.accept(people["president"], fresh(appeals[1]))  # late: not in time

    incomplete = services.file_dossier(
        citizen, citizen, replace(demolition_filing(commune), files={})
    )[0]
    returned_on = legal.completion_due_on(incomplete, holidays()) + timedelta(days=1)
    with at(returned_on):
        services.return_file(fresh(incomplete))

    law_states.rebuild()
    at_commune = dict(law_states.by_period(commune))
    at_province = dict(law_states.by_period(commune.parent))
    expected_commune = {
        "returned": (returned_on, 1),
        "acts_requested": (silent_on(delivered), 2),
        "acts_delivered": (act_due, 1),
        "acts_delivered_in_time": (act_due, 1),
        "appeals": (date(2026, 11, 2), 2),
        "appeals_answered": (fifteen, 2),
        "appeals_answered_in_time": (fifteen, 1),
        "escalations": (fifteen, 1),
    }
    for name, (day, n) in expected_commune.items():
        assert getattr(at_commune[quarter(day)], name) >= n, name
        assert sum(getattr(s, name) for p, s in at_commune.items() if "-Q" in p) == n, name
        assert sum(getattr(s, name) for p, s in at_commune.items() if "-Q" not in p) == n, name
    for name in ("attestations_requested", "attestations_delivered"):
        assert getattr(at_province[quarter(request.filed_on)], name) == 1
        assert getattr(at_commune.get(quarter(request.filed_on)), name) == 0
    assert at_province[quarter(request.filed_on)].attestations_delivered_in_time == 1


def test_an_act_delivered_past_the_7_days_is_not_in_time(offered, citizen, agent, commune):
    """R8 (art. 19 §2): "within 7 days of that request": the day after the last is late."""
    late = permit(commune, citizen)
    with at(silent_on(late)):
        services.request_act(citizen, late)
    act_due = legal.act_due_on(fresh(late), holidays())
    with at(act_due + timedelta(days=1)):
        services.deliver_act(agent, fresh(late))
    law_states.rebuild()
    [(period, states)] = [
        (p, s) for p, s in law_states.by_period(commune) if p == quarter(act_due + timedelta(1))
    ]
    assert (states.acts_delivered, states.acts_delivered_in_time) == (1, 0)


def test_the_page_the_api_and_the_open_data_give_the_same_figures(
    offered, citizen, agent, commune, client
):
    dossier = permit(commune, citizen)
    with at(silent_on(dossier)):
        services.request_act(citizen, dossier)
    law_states.rebuild()
    rows = law_states.period_rows(commune)
    assert [r["period"] for r in rows] == sorted(
        {quarter(silent_on(dossier)), str(silent_on(dossier).year)},
        key=lambda p: (p[:4], -len(p)),
    )
    api = APIClient().get(f"/api/v1/transparency/law-states/{commune.code}")
    assert api.status_code == 200 and api.json() == rows
    data = client.get(f"/open-data/law-states/{commune.code}.json").json()
    assert data["rows"] == rows and data["fields"] == ["code", "period", *law_states.FIELDS]
    csv = client.get(f"/open-data/law-states/{commune.code}.csv").content.decode()
    assert csv.splitlines()[0] == ",".join(["code", "period", *law_states.FIELDS])
    assert client.get("/api/v1/transparency/law-states/99.999.").status_code == 404
    with at(silent_on(dossier)):
        rank(Period.of(silent_on(dossier)))
        page = client.get(f"/fr/transparency/{commune.code}/").content.decode()
    with translation.override("fr"):
        label = str(law_states.LABELS["acts_requested"])
    assert label in page and f"/open-data/law-states/{commune.code}.csv" in page
