"""A person opens their own account: the e-mail proved by a link, the phone by a code sent by
SMS, the CNIE one account's; and nothing says whether an e-mail already has an account."""

import re
from urllib.parse import urlsplit

import pytest

from idara.accounts.models import User
from idara.audit.models import AuditEntry
from idara.identity.models import SignUp
from idara.notifications.models import Channel, Message

pytestmark = pytest.mark.django_db

FORM = {
    "email": "Salma.Idrissi@example.ma",
    "phone": "06 61 23 45 67",
    "national_id": "bk 123456",
    "full_name_ar": "سلمى الإدريسي",
    "full_name": "Salma Idrissi",
    "password1": "un jardin sous la pluie",
    "password2": "un jardin sous la pluie",
}


def _to(channel: str, recipient: str) -> Message:
    """The last message to that address (kept encrypted: compared once read)."""
    sent = [m for m in Message.objects.filter(channel=channel) if m.recipient == recipient]
    return max(sent, key=lambda m: m.pk)


def _mail_to(address: str) -> Message:
    return _to(Channel.EMAIL, address)


def _link_in(message: Message) -> str:
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def _sms_code(phone: str) -> str:
    sms = _to(Channel.SMS, phone)
    return re.search(r"\b(\d{6})\b", sms.body).group(1)


def _sign_up(client, **changes) -> str:
    """Fill the form, open the mailed link, have the code sent: the confirmation page's path."""
    response = client.post("/fr/account/sign-up/", FORM | changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    link = _link_in(_mail_to((FORM | changes)["email"].lower()))
    client.post(link, {"action": "send"})
    return link


def test_a_new_person_signs_up_confirms_both_and_is_signed_in(client):
    response = client.post("/fr/account/sign-up/", FORM)
    assert response["Location"] == "/fr/account/sign-up/sent/"
    assert not User.objects.exists()  # nothing opened before the link and the code
    link = _link_in(_mail_to("salma.idrissi@example.ma"))
    assert "Confirmez votre numéro de mobile" in client.get(link).content.decode()
    assert not Message.objects.filter(channel=Channel.SMS).exists()  # sent once the link works
    client.post(link, {"action": "send"})
    response = client.post(link, {"action": "code", "code": _sms_code("+212661234567")})
    assert response["Location"] == "/fr/my/dossiers/"
    person = User.objects.get()
    assert (person.email, person.phone, person.national_id) == (
        "salma.idrissi@example.ma",
        "+212661234567",
        "BK123456",
    )
    assert (person.full_name, person.full_name_ar) == ("Salma Idrissi", "سلمى الإدريسي")
    assert person.email_verified_at and person.phone_verified_at
    assert person.check_password(FORM["password1"]) and person.preferred_language == "fr"
    assert client.get("/fr/my/dossiers/").status_code == 200  # signed in
    assert AuditEntry.objects.filter(action="user.signed_up").count() == 1
    assert client.get(link).status_code == 410  # the link served once


def test_the_answer_is_the_same_for_an_address_that_has_an_account(client, citizen):
    response = client.post("/fr/account/sign-up/", FORM | {"email": citizen.email.upper()})
    assert response["Location"] == "/fr/account/sign-up/sent/"
    assert not SignUp.objects.exists()
    told = _mail_to(citizen.email)
    assert "a déjà un compte" in told.body or "already has one" in told.body
    assert "/account/login/" in told.body and "/account/password/" in told.body


def test_a_cnie_held_by_an_account_opens_no_second_one(client):
    User.objects.create_user("first@example.ma", "x-long-passphrase", national_id="BK123456")
    link = _sign_up(client)
    response = client.post(link, {"action": "code", "code": _sms_code("+212661234567")})
    assert "Un compte existe déjà pour ce numéro de CNIE" in response.content.decode()
    assert User.objects.count() == 1


def test_five_wrong_codes_end_the_sign_up(client):
    link = _sign_up(client)
    right = _sms_code("+212661234567")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        client.post(link, {"action": "code", "code": wrong})
    response = client.post(link, {"action": "code", "code": right})
    assert "Trop de codes erronés" in response.content.decode()
    assert not User.objects.exists()


def test_a_code_is_sent_at_most_three_times_a_minute_apart(client, time_machine):
    time_machine.move_to("2027-03-01 10:00:00+01:00", tick=False)
    link = _sign_up(client)
    client.post(link, {"action": "send"})  # at once: refused
    assert Message.objects.filter(channel=Channel.SMS).count() == 1
    for minute in (2, 4, 6):
        time_machine.move_to(f"2027-03-01 10:0{minute}:00+01:00", tick=False)
        client.post(link, {"action": "send"})
    assert Message.objects.filter(channel=Channel.SMS).count() == 3


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"national_id": "123456"}, "Un numéro de CNIE"),
        ({"phone": "05 22 00 00 00"}, "numéro de mobile marocain"),
        ({"full_name_ar": "Salma"}, "en lettres arabes"),
        ({"password2": "autre chose encore"}, "Les deux mots de passe diffèrent"),
        ({"password1": "motdepasse", "password2": "motdepasse"}, "trop court"),
    ],
)
def test_bad_input_is_named_in_french_and_opens_nothing(client, changes, said):
    response = client.post("/fr/account/sign-up/", FORM | changes)
    assert response.status_code == 200
    assert said in response.content.decode()
    assert not SignUp.objects.exists() and not Message.objects.exists()


def test_the_sign_up_page_is_in_arabic_by_default(client):
    page = client.get("/account/sign-up/", follow=True).content.decode()
    assert 'dir="rtl"' in page and "إنشاء حساب" in page


def test_a_citizen_resets_their_password_by_the_mailed_link(client, citizen, mailoutbox):
    client.post("/fr/account/password/", {"email": citizen.email})
    (mail,) = mailoutbox
    assert mail.subject == "Idara : choisissez un nouveau mot de passe"
    link = re.search(r"http://testserver(\S+)", mail.body).group(1)
    assert "/account/password/" in link
    form = client.get(link, follow=True)
    new = "une autre phrase secrète"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    citizen.refresh_from_db()
    assert citizen.check_password(new)


def test_the_citizens_sign_in_page_is_theirs(client):
    page = client.get("/fr/account/login/").content.decode()
    assert "Ouvrez-en un" in page or "ouvrir" in page.lower()
    assert "agents des collectivités" not in page.split("<form")[1]
    sent = client.get("/fr/account/login/?next=/fr/backoffice/")
    assert sent["Location"].startswith("/fr/backoffice/login/")
