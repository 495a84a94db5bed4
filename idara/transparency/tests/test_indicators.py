"""The indicators kept as dossiers move equal a recomputation from the dossiers alone, on
random histories spread over months; and each figure means what it says."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idara.conftest import make_user
from idara.dossiers import services
from idara.dossiers.tests.helpers import ask_to_replace, demolition_filing, extract_filing
from idara.transparency import indicators

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")
# From tomorrow on: the catalogue's versions are in force from the day they were loaded.
START = (datetime.now(CASABLANCA) + timedelta(days=1)).replace(hour=10, minute=0)
ACTIONS = ["file", "review", "ask", "answer", "accept", "refuse", "withdraw", "wait", "sweep"]


class Rollback(Exception):
    """Undo one example's dossiers, so that the next starts from nothing."""


def play(history, communes, citizen, agent, civil_agent):
    """Run a random history: filings and decisions at moving dates."""
    now, dossiers, number = START, [], 0
    for action, pick, days in history:
        with time_machine.travel(now, tick=False):
            target = dossiers[pick % len(dossiers)] if dossiers else None
            if action == "file" or target is None:
                number += 1
                commune = communes[pick % 2]
                filing = (demolition_filing if pick % 3 else extract_filing)(
                    commune, idempotency_key=f"k{number}"
                )
                dossiers.append(services.file_dossier(citizen, citizen, filing)[0])
            elif action == "wait":
                now += timedelta(days=days)
            else:
                target.refresh_from_db()
                _try(
                    action,
                    target,
                    citizen,
                    agent if target.service.kind == "urbanism" else civil_agent,
                )
    # Long after: the silent dossiers whose silence means acceptance are accepted by it.
    with time_machine.travel(now + timedelta(days=70), tick=False):
        for dossier in dossiers:
            dossier.refresh_from_db()
            services.accept_tacitly(dossier)


def _try(action, dossier, citizen, agent):
    from django.core.exceptions import PermissionDenied

    from idara.dossiers.states import TransitionRefused

    moves = {
        "review": lambda: services.review(agent, dossier),
        "ask": lambda: ask_to_replace(
            agent, dossier, [dossier.procedure_version.documents.first().code]
        ),
        "answer": lambda: services.answer_request(citizen, dossier, _requested(dossier)),
        "accept": lambda: services.accept(agent, dossier),
        "refuse": lambda: services.refuse(agent, dossier, "Le dossier ne respecte pas le plan."),
        "withdraw": lambda: services.withdraw(citizen, dossier),
        "sweep": lambda: services.accept_tacitly(dossier),
    }
    try:
        moves[action]()
    except (TransitionRefused, PermissionDenied, services.FilingRefused):
        pass  # not possible in this state: the history goes on


def _requested(dossier):
    from idara.dossiers.legal import open_request
    from idara.dossiers.tests.helpers import pdf_file

    request = open_request(dossier)
    return {code: pdf_file() for code in (request.documents if request else [])}


HISTORY = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 50), st.integers(1, 40)),
    min_size=5,
    max_size=30,
)


@pytest.fixture
def communes(offered, other_commune, other_admin, agent, civil_agent):
    """Two communes offering the extract and the demolition permit, worked by the same agents."""
    from idara.accounts.services import grant_membership
    from idara.catalog import selectors as catalog
    from idara.catalog.services import OfferingChanges, set_offering
    from idara.dossiers.tests.helpers import DEMOLITION, EXTRACT

    for slug, kind, fee in ((EXTRACT, "civil_status", ""), (DEMOLITION, "urbanism", "5 MAD/m²")):
        service = other_commune.services.get(kind=kind)
        changes = OfferingChanges(online=True, service=service, local_fee_formula_fr=fee)
        set_offering(other_admin, other_commune, catalog.procedure(slug), changes)
        grant_membership(
            None, agent if kind == "urbanism" else civil_agent, "agent", service=service
        )
    return [offered, other_commune]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=HISTORY)
def test_kept_figures_equal_a_recomputation_from_scratch(history, communes, agent, civil_agent):
    try:
        with transaction.atomic():
            citizen = make_user(f"c{id(history)}@example.ma")
            play(history, communes, citizen, agent, civil_agent)
            assert indicators.kept() == indicators.recompute()
            raise Rollback
    except Rollback:
        pass


def test_each_figure_means_what_it_says(offered, agent, citizen):
    """Three demolition permits filed the same day: one decided in 10 days, one after a
    request for documents that stopped the clock, one left to silence."""
    filed = START
    with time_machine.travel(filed, tick=False):
        quick, asked, silent = (
            services.file_dossier(citizen, citizen, demolition_filing(offered, idempotency_key=k))[
                0
            ]
            for k in "abc"
        )
        code = asked.procedure_version.documents.first().code
        asked = ask_to_replace(agent, asked, [code])
    with time_machine.travel(filed + timedelta(days=4), tick=False):
        services.answer_request(citizen, asked, _requested(asked))
    with time_machine.travel(filed + timedelta(days=10), tick=False):
        services.accept(agent, quick)
        services.refuse(agent, asked, "Le dossier ne respecte pas le plan d'aménagement.")
    with time_machine.travel(filed + timedelta(days=70), tick=False):
        services.accept_tacitly(silent)
    figures, opened = indicators.kept()
    total = indicators.Figures()
    for each in figures.values():
        total += each
    assert (total.received, total.decided, total.decided_on_time, total.tacit) == (3, 3, 2, 1)
    # Asked on the filing day, answered on day 4: days 1 to 4 do not count.
    assert sorted(total.days.elements())[:2] == [6, 10]
    assert total.median_days == 10 and total.on_time_rate == pytest.approx(2 / 3)
    assert not opened


def test_the_rebuild_command_replaces_wrong_figures_by_the_dossiers_own(offered, citizen):
    from django.core.management import call_command

    from idara.transparency.models import MonthlyFigures

    services.file_dossier(citizen, citizen, demolition_filing(offered, idempotency_key="r"))
    MonthlyFigures.objects.update(received=99)  # figures that drifted from the dossiers
    call_command("rebuild_indicators", verbosity=0)
    assert indicators.kept() == indicators.recompute()
    assert MonthlyFigures.objects.get().received == 1
