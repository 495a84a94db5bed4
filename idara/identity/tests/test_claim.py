"""The counter's receipt carries a code: the person, signed up or in with the same CNIE, types
it and finds the dossier in their own space; nobody else can."""

import pytest

from idara.accounts.models import User
from idara.audit.models import AuditEntry
from idara.backoffice.tests.test_counter import _file_at_counter
from idara.conftest import staff_login
from idara.dossiers.models import Dossier
from idara.dossiers.receipts import receipt_context
from idara.identity.tests.test_sign_up import FORM, _sign_up, _sms_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(client, offered, agent):
    staff_login(client, agent)
    _file_at_counter(client, offered, **{"citizen-national_id": FORM["national_id"]})
    client.logout()
    return Dossier.objects.get()


def test_the_receipt_prints_the_code(filed):
    assert receipt_context(filed.receipt)["dossier"].claim_code == filed.claim_code
    from django.template.loader import render_to_string

    html = render_to_string("dossiers/receipt_pdf.html", receipt_context(filed.receipt))
    assert filed.claim_code in html and "Code de suivi en ligne" in html


def test_the_person_signs_up_with_the_same_cnie_then_claims_the_dossier(client, filed):
    link = _sign_up(client)
    client.post(link, {"action": "code", "code": _sms_code("+212661234567")})
    person = User.objects.get(email="salma.idrissi@example.ma")
    assert person.pk == filed.applicant_id  # the counter's record became their account
    assert filed.reference not in client.get("/fr/my/dossiers/").content.decode()

    wrong = client.post("/fr/account/claim/", {"code": "AAAA-AAAA"})
    assert "n’ouvre aucune des demandes" in wrong.content.decode()
    typed = filed.claim_code.lower().replace("-", " ")  # read aloud, typed loosely
    response = client.post("/fr/account/claim/", {"code": typed})
    assert response["Location"] == f"/fr/my/dossiers/{filed.pk}/"
    assert client.get(f"/fr/my/dossiers/{filed.pk}/").status_code == 200
    filed.refresh_from_db()
    assert filed.claim_code is None
    assert AuditEntry.objects.filter(action="dossier.claimed").count() == 1


def test_the_code_opens_nothing_for_someone_of_another_cnie(client, filed, citizen):
    client.force_login(citizen)
    response = client.post("/fr/account/claim/", {"code": filed.claim_code})
    assert response.status_code == 200
    assert client.get(f"/fr/my/dossiers/{filed.pk}/").status_code == 404
    filed.refresh_from_db()
    assert filed.claim_code
