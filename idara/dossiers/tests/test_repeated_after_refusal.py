"""R10 (Law 55-19 art. 15): "Requests repeated by the same user for an act already refused may go
unanswered, unless the conditions or the documents have changed": a new filing for the same
procedure by the same applicant after a refusal is flagged to the agent with what changed; it
is still receipted."""

import pytest

from idara.conftest import make_user, staff_login
from idara.dossiers import selectors, services
from idara.dossiers.tests.helpers import DEMOLITION_DOCUMENT, demolition_filing, pdf_file

pytestmark = pytest.mark.django_db
MOTIVATION = "Le bâtiment est inscrit à l'inventaire du patrimoine de la médina."


@pytest.fixture
def refused(offered, citizen, agent):
    dossier = services.file_dossier(citizen, citizen, demolition_filing(offered))[0]
    return services.refuse(agent, dossier, MOTIVATION)


def test_a_first_filing_is_no_repetition(refused):
    assert selectors.repeated_after_refusal(refused) is None


def test_the_same_request_again_is_flagged_as_unchanged(refused, offered, citizen):
    again, created = services.file_dossier(citizen, citizen, demolition_filing(offered))
    assert created and again.receipt.number  # still receipted
    repetition = selectors.repeated_after_refusal(again)
    assert repetition.refused == refused and repetition.nothing_changed


def test_what_changed_is_named(refused, offered, citizen, agent, client):
    filing = demolition_filing(offered)
    filing.data["built_surface"] = 95
    filing.files[DEMOLITION_DOCUMENT] = pdf_file(body=b"a new attestation of the culture office")
    again = services.file_dossier(citizen, citizen, filing)[0]
    repetition = selectors.repeated_after_refusal(again)
    assert repetition.documents == [DEMOLITION_DOCUMENT]
    assert len(repetition.answers) == 1 and not repetition.nothing_changed
    staff_login(client, agent)
    page = client.get(f"/fr/backoffice/dossiers/{again.pk}/").content.decode()
    assert "Déposée à nouveau après un refus" in page and refused.reference in page


def test_another_applicants_refusal_is_not_theirs(refused, offered):
    someone = make_user("someone@example.ma")
    theirs = services.file_dossier(someone, someone, demolition_filing(offered))[0]
    assert selectors.repeated_after_refusal(theirs) is None
