"""Issue 9: schemathesis reads the OpenAPI spec and sends what it allows, and what it should
refuse, to the public and exchange endpoints of a collectivity that has figures and a budget:
no 5xx, and every documented answer matches its schema. Calls without a token or a signature
are refused with a clear 4xx, as they must be."""

from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
)

from idara.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application).include(
    path_regex=r"^/api/v1/(exchange|transparency|verify|procedures|collectivities)"
)


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """The fuzz is about shapes and errors; the limits have their own tests."""
    settings.VERIFY_RATE = settings.LOGIN_RATE = settings.FILING_RATE = "100000/m"


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Called through WSGI, Django would close the database connection at each request's end,
    and with it the test's transaction (PostgreSQL): keep it open, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def published(all_territories, catalogue):
    """Chefchaouen's figures, its place in a ranking, and its budget."""
    from idara.catalog.models import Procedure
    from idara.conftest import make_user
    from idara.demo.budgets import budget_file
    from idara.territories.models import Collectivity
    from idara.transparency.models import MonthlyFigures
    from idara.transparency.ranking import Period, rank
    from idara.transparency.services import publish_budget

    chefchaouen = Collectivity.objects.get(code="01.151.01.01.")
    MonthlyFigures.objects.create(
        collectivity=chefchaouen,
        procedure=Procedure.objects.first(),
        month=date(2026, 8, 1),
        received=30,
        decided=25,
        decided_on_time=20,
        tacit=2,
        days={"5": 20, "40": 5},
    )
    rank(Period(2026, 3))
    admin = make_user("admin@chefchaouen.ma", "collectivity_admin", collectivity=chefchaouen)
    publish_budget(admin, chefchaouen, 2026, "adopted", budget_file(1.0))


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_answers_match_the_spec(case, published):
    case.call_and_validate(
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )


whole_api = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
# tus answers 413 to an upload longer than Tus-Max-Size: a refusal, as 400 is.
whole_api.config.checks.negative_data_rejection.expected_statuses.append("413")
# A piece of a resumable upload is bytes, as any octet stream.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")
# Where a request the schema allows is refused for what the database holds, not for its
# shape: a procedure or a collectivity that does not exist, a form's answers that its fiche
# does not accept, an email whose account does not exist.
REFUSED_BY_WHAT_IS_STORED = {("POST", "/api/v1/dossiers"), ("POST", "/api/v1/auth/token")}


def _names_unknown_parameters(case) -> bool:
    """Idara ignores a query parameter or a header it does not know, as HTTP APIs do (RFC 9110
    §5.1 for headers): that is no acceptance of bad input."""
    for location, given in (("query", case.query), ("headers", case.headers)):
        known = {parameter.name.lower() for parameter in getattr(case.operation, location)}
        if any(name.lower() not in known for name in given or {}):
            return True
    return False


@pytest.fixture(params=["citizen", "agent"])
def bearer(request, offered):
    """A token of a citizen with a dossier, or of an agent of the commune that holds it (the
    agent's second factor is given as the API asks)."""
    from django.test import RequestFactory

    from idara.accounts.services import issue_api_token
    from idara.dossiers.services import file_dossier
    from idara.dossiers.tests.helpers import demolition_filing

    citizen = request.getfixturevalue("citizen")
    file_dossier(citizen, citizen, demolition_filing(offered))
    user = citizen if request.param == "citizen" else request.getfixturevalue("agent")
    otp = ""
    if request.param == "agent":
        from idara.conftest import current_code, enrol_second_factor

        otp = current_code(enrol_second_factor(user))
    token = issue_api_token(RequestFactory().post("/"), user.email, "a long passphrase", otp)
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.django_db
@whole_api.parametrize()
# The same examples on every run: a run that fails is a finding, never a draw of luck.
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_check_holds_on_the_whole_api_as_a_citizen_and_an_agent(case, bearer):
    """Issue 21, F3: `--checks all` on every operation, signed in: no 5xx, no answer outside
    its schema, bad input refused."""
    excluded = []
    if (case.method, case.path) in REFUSED_BY_WHAT_IS_STORED:
        excluded = [positive_data_acceptance]
    if _names_unknown_parameters(case):
        excluded.append(negative_data_rejection)
    case.call_and_validate(headers=bearer, excluded_checks=excluded)
