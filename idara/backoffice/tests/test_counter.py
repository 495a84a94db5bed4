"""L10: "at the counter by an agent on the citizen's behalf, with the same receipt and clock"."""

import pytest

from idara.accounts.models import User
from idara.conftest import staff_login
from idara.dossiers.models import Dossier
from idara.dossiers.services.claims import claim
from idara.dossiers.services.messages import tell_applicant
from idara.dossiers.tests.helpers import DEMOLITION_DATA, DEMOLITION_DOCUMENT, pdf_file
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db


COUNTER_PERSON = {
    "citizen-national_id": "jk 45678",
    "citizen-full_name_ar": "حسن آيت علي",
    "citizen-full_name": "Hassan Ait Ali",
    "citizen-phone": "0661000111",
}


def _file_at_counter(client, offered, **person):
    offering = offered.offerings.get(procedure__slug="permis-demolir")
    post = DEMOLITION_DATA | COUNTER_PERSON | person | {"filing_token": "counter-1"}
    post[f"doc-{DEMOLITION_DOCUMENT}"] = pdf_file()
    return client.post(f"/fr/backoffice/counter/{offering.pk}/", post)


def test_an_agent_files_for_a_person_known_by_their_cnie_without_making_a_login(
    client, offered, agent
):
    staff_login(client, agent)
    assert "Permis de démolir" in client.get("/fr/backoffice/counter/").content.decode()
    response = _file_at_counter(client, offered)
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/fr/backoffice/dossiers/{dossier.pk}/"
    person = dossier.applicant
    assert (dossier.channel, dossier.filed_by, person.national_id) == ("counter", agent, "JK45678")
    assert (person.full_name_ar, person.phone) == ("حسن آيت علي", "+212661000111")
    assert person.email is None and not person.may_sign_in  # no login was made
    assert len(dossier.claim_code) == 9  # the receipt's code, for their own space
    told = [m.recipient for m in Message.objects.filter(about=dossier.reference)]
    assert told == ["+212661000111"]  # the mobile typed at the counter: the person who was there
    _file_at_counter(client, offered)  # the same filing sent twice
    assert (
        Dossier.objects.count() == 1
        and User.objects.filter(national_id_digest=person.national_id_digest).count() == 1
    )


def test_a_cnie_with_an_account_gets_the_dossier_only_once_claimed(client, offered, agent, citizen):
    citizen.national_id = "JK45678"
    citizen.save()
    staff_login(client, agent)
    _file_at_counter(client, offered, **{"citizen-full_name": "Someone Else"})
    dossier = Dossier.objects.get()
    assert dossier.applicant == citizen and citizen.full_name != "Someone Else"
    client.logout()
    client.force_login(citizen)
    assert dossier.reference not in client.get("/fr/my/dossiers/").content.decode()
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 404
    # Nor told: the agent may have mistyped the CNIE of a stranger's account.
    assert not Message.objects.filter(about=dossier.reference).exists()
    claim(citizen, dossier.claim_code)
    dossier.refresh_from_db()
    tell_applicant(dossier, "Sujet", "Texte")
    assert Message.objects.filter(about=dossier.reference).count() == 2  # e-mail and SMS


def test_an_agent_sees_only_their_services_procedures_at_the_counter(client, offered, civil_agent):
    staff_login(client, civil_agent)
    page = client.get("/fr/backoffice/counter/").content.decode()
    assert "Permis de démolir" not in page  # urbanism's, not civil status's
    offering = offered.offerings.get(procedure__slug="permis-demolir")
    assert client.get(f"/fr/backoffice/counter/{offering.pk}/").status_code == 404
