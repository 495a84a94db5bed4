"""The person's own space (law 09-08: access and rectification): names, language and channels;
a new e-mail proved by a link, a new mobile by a code; every datum held, and a copy; closing
the account keeps what the administration must keep."""

import json
import re

import pytest

from idara.accounts.models import User
from idara.dossiers.models import Dossier, Status
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.identity.tests.test_sign_up import _link_in, _mail_to, _sms_code
from idara.notifications.models import Channel
from idara.notifications.services import notify

pytestmark = pytest.mark.django_db

PROFILE = {
    "full_name_ar": "أمينة بناني",
    "full_name": "Amina Bennani",
    "preferred_language": "ar",
    "wants_email": "on",
}


@pytest.fixture
def signed_in(client, citizen):
    citizen.phone = "+212661234567"
    citizen.save()
    client.force_login(citizen)
    return citizen


def test_the_person_corrects_their_names_and_chooses_their_channels(client, signed_in):
    response = client.post("/fr/account/", PROFILE)
    assert response["Location"] == "/fr/account/"
    signed_in.refresh_from_db()
    assert (signed_in.full_name_ar, signed_in.preferred_language) == ("أمينة بناني", "ar")
    assert signed_in.wants_email and not signed_in.wants_sms
    sent = notify(signed_in, "Sujet", "Texte")
    assert [m.channel for m in sent] == [Channel.EMAIL]  # no SMS: they said so


def test_no_channel_at_all_is_refused(client, signed_in):
    response = client.post("/fr/account/", PROFILE | {"wants_email": ""})
    assert "Gardez au moins un canal" in response.content.decode()
    signed_in.refresh_from_db()
    assert signed_in.wants_email and signed_in.wants_sms


def test_a_new_email_changes_once_its_link_is_opened(client, signed_in):
    client.post("/fr/account/e-mail/", {"email": "Amina.New@example.ma"})
    signed_in.refresh_from_db()
    assert signed_in.email == "amina@example.ma"  # not before the link
    link = _link_in(_mail_to("amina.new@example.ma"))
    other = User.objects.create_user("other@example.ma", "x-long-passphrase")
    client.force_login(other)
    client.get(link)
    assert User.objects.get(pk=other.pk).email == "other@example.ma"  # not another account's
    client.force_login(signed_in)
    client.get(link)
    signed_in.refresh_from_db()
    assert signed_in.email == "amina.new@example.ma" and signed_in.email_verified_at


def test_a_new_mobile_changes_once_its_code_is_typed(client, signed_in):
    client.post("/fr/account/mobile/", {"phone": "07 00 11 22 33"})
    code = _sms_code("+212700112233")
    wrong = "000000" if code != "000000" else "111111"
    response = client.post("/fr/account/mobile/code/", {"code": wrong})
    assert "Ce n’est pas le code envoyé" in response.content.decode()
    client.post("/fr/account/mobile/code/", {"code": code})
    signed_in.refresh_from_db()
    assert signed_in.phone == "+212700112233" and signed_in.phone_verified_at


def test_the_copy_holds_their_data_and_nobody_elses(client, signed_in, offered, other_commune):
    mine, _ = file_dossier(signed_in, signed_in, demolition_filing(offered))
    stranger = User.objects.create_user("stranger@example.ma", "x-long-passphrase")
    theirs, _ = file_dossier(stranger, stranger, demolition_filing(offered))
    page = client.get("/fr/account/data/").content.decode()
    assert mine.reference in page and theirs.reference not in page
    copy = client.get("/fr/account/data/?format=json")
    assert copy["Content-Disposition"].startswith('attachment; filename="idara-my-data-')
    data = json.loads(copy.content)
    assert data["account"]["email"] == "amina@example.ma"
    assert [d["reference"] for d in data["dossiers"]] == [mine.reference]
    assert re.fullmatch(r"[0-9a-f]{64}", data["dossiers"][0]["files"][0]["sha256"])


def test_closing_waits_for_the_open_applications_then_keeps_the_files(client, signed_in, offered):
    dossier, _ = file_dossier(signed_in, signed_in, demolition_filing(offered))
    refused = client.post("/fr/account/close/", {"password": "a long passphrase"})
    assert "encore en cours de traitement" in refused.content.decode()
    Dossier.objects.filter(pk=dossier.pk).update(status=Status.ACCEPTED)
    assert (
        "Ce n’est pas votre mot de passe"
        in client.post("/fr/account/close/", {"password": "wrong"}).content.decode()
    )
    response = client.post("/fr/account/close/", {"password": "a long passphrase"})
    assert response["Location"] == "/fr/"
    signed_in.refresh_from_db()
    assert (signed_in.email, signed_in.phone, signed_in.is_active) == (None, "", False)
    assert signed_in.closed_at and not signed_in.has_usable_password()
    assert Dossier.objects.get(pk=dossier.pk).applicant_id == signed_in.pk  # the file stays
    assert client.get("/fr/my/dossiers/").status_code == 302  # signed out
    assert not client.login(email="amina@example.ma", password="a long passphrase")


def test_a_closed_accounts_cnie_opens_no_account_by_a_form(client, signed_in):
    from idara.identity.tests.test_sign_up import FORM, _sign_up

    signed_in.national_id = "BK123456"
    signed_in.save()
    client.post("/fr/account/close/", {"password": "a long passphrase"})
    link = _sign_up(client)  # someone types the closed account's CNIE
    response = client.post(link, {"action": "code", "code": _sms_code("+212661234567")})
    assert "Un compte existe déjà pour ce numéro de CNIE" in response.content.decode()
    assert not User.objects.filter(email=FORM["email"].lower()).exists()
