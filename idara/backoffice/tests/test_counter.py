"""L10: "at the counter by an agent on the citizen's behalf, with the same receipt and clock"."""

import pytest

from idara.accounts.models import User
from idara.conftest import staff_login
from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import DEMOLITION_DATA, DEMOLITION_DOCUMENT, pdf_file

pytestmark = pytest.mark.django_db


def test_an_agent_files_for_a_citizen_who_came_in_person(client, offered, agent):
    staff_login(client, agent)
    offering = offered.offerings.get(procedure__slug="permis-demolir")
    assert "Permis de démolir" in client.get("/fr/backoffice/counter/").content.decode()
    post = DEMOLITION_DATA | {
        "citizen-email": "Hassan@Example.ma",
        "citizen-full_name": "Hassan Ait Ali",
        "filing_token": "counter-1",
        f"doc-{DEMOLITION_DOCUMENT}": pdf_file(),
    }
    response = client.post(f"/fr/backoffice/counter/{offering.pk}/", post)
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/fr/backoffice/dossiers/{dossier.pk}/"
    assert (dossier.channel, dossier.filed_by, dossier.applicant.full_name) == (
        "counter",
        agent,
        "Hassan Ait Ali",
    )
    assert not dossier.applicant.has_usable_password()  # they set it themselves if they want one
    client.post(
        f"/fr/backoffice/counter/{offering.pk}/", post | {f"doc-{DEMOLITION_DOCUMENT}": pdf_file()}
    )
    assert (
        Dossier.objects.count() == 1
        and User.objects.filter(email__iexact="hassan@example.ma").count() == 1
    )


def test_an_agent_sees_only_their_services_procedures_at_the_counter(client, offered, civil_agent):
    staff_login(client, civil_agent)
    page = client.get("/fr/backoffice/counter/").content.decode()
    assert "Permis de démolir" not in page  # urbanism's, not civil status's
    offering = offered.offerings.get(procedure__slug="permis-demolir")
    assert client.get(f"/fr/backoffice/counter/{offering.pk}/").status_code == 404
