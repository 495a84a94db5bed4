"""A new person opens an account in the real browser, without JavaScript: in Arabic on a phone,
in French on a laptop; then claims what an agent filed for them at the counter. Every page is
checked by axe and for reflow (the new_page fixture)."""

import re

import pytest
from playwright.sync_api import expect

from idara.backoffice.tests.test_counter import _file_at_counter
from idara.conftest import staff_login
from idara.dossiers.models import Dossier
from idara.identity.tests.test_sign_up import _link_in, _mail_to, _sms_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = (375, 740)
LAPTOP = (1280, 800)

FIELDS = {
    "ar": {
        "البريد الإلكتروني": "salma.idrissi@example.ma",
        "رقم الهاتف المحمول": "0661234567",
        "رقم البطاقة الوطنية للتعريف الإلكترونية": "BK123456",
        "الاسم الكامل بالحروف العربية": "سلمى الإدريسي",
        "الاسم الكامل بالحروف اللاتينية": "Salma Idrissi",
        "كلمة المرور": "un jardin sous la pluie",
        "كلمة المرور نفسها مرة أخرى": "un jardin sous la pluie",
    },
    "fr": {
        "Adresse électronique": "salma.idrissi@example.ma",
        "Numéro de mobile": "0661234567",
        "Numéro de CNIE": "BK123456",
        "Nom complet en lettres arabes": "سلمى الإدريسي",
        "Nom complet en lettres latines": "Salma Idrissi",
        "Mot de passe": "un jardin sous la pluie",
        "Le même mot de passe, à nouveau": "un jardin sous la pluie",
    },
}
WORDS = {
    "ar": {
        "sign in": "تسجيل الدخول",
        "open": "ليس لديك حساب؟ أنشئ حسابا",
        "submit": "إنشاء حسابي",
        "sent": "اطلع على بريدك الإلكتروني",
        "send": "أرسلوا إلي الرمز",
        "code": "الرمز المتوصل به عبر الرسالة القصيرة",
        "confirm": "تأكيد وإنشاء حسابي",
        "space": "فضائي",
        "claim": "طلب مودع في الشباك",
        "claim code": "الرمز المطبوع على الوصل",
        "add": "إضافته إلى فضائي",
        "data": "معطياتي ونسخة منها",
        "close": "إغلاق حسابي",
    },
    "fr": {
        "sign in": "Se connecter",
        "open": "Pas encore de compte ? Ouvrez-en un",
        "submit": "Ouvrir mon compte",
        "sent": "Consultez votre messagerie",
        "send": "Envoyez-moi le code",
        "code": "Le code reçu par SMS",
        "confirm": "Confirmer et ouvrir mon compte",
        "space": "Mon espace",
        "claim": "Une demande déposée au guichet",
        "claim code": "Code imprimé sur le récépissé",
        "add": "L’ajouter à mon espace",
        "data": "Mes données et leur copie",
        "close": "Fermer mon compte",
    },
}


@pytest.mark.parametrize(("language", "size"), [("ar", PHONE), ("fr", LAPTOP)])
def test_a_new_person_signs_up_and_claims_a_counter_dossier(
    new_page, live_server, client, offered, agent, language, size, screenshot
):
    staff_login(client, agent)
    _file_at_counter(client, offered, **{"citizen-national_id": "BK123456"})
    dossier = Dossier.objects.get()
    words = WORDS[language]
    page = new_page(*size, javascript=False)
    page.goto(f"{live_server.url}/{language}/")
    page.get_by_role("link", name=words["sign in"]).click()
    page.get_by_role("link", name=words["open"]).click()
    for label, value in FIELDS[language].items():
        page.get_by_label(re.compile(f"^{label}\\s*:?$")).fill(value)
    screenshot(page, f"sign-up-{language}-{size[0]}")
    page.get_by_role("button", name=words["submit"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["sent"])

    page.goto(live_server.url + _link_in(_mail_to("salma.idrissi@example.ma")))
    page.get_by_role("button", name=words["send"]).click()
    page.get_by_label(words["code"]).fill(_sms_code("+212661234567"))
    page.get_by_role("button", name=words["confirm"]).click()
    page.wait_for_url(f"**/{language}/my/dossiers/")

    page.get_by_role("link", name=words["space"], exact=True).click()
    page.get_by_role("link", name=words["claim"]).click()
    page.get_by_label(words["claim code"]).fill(dossier.claim_code)
    page.get_by_role("button", name=words["add"]).click()
    page.wait_for_url(f"**/{language}/my/dossiers/{dossier.pk}/")
    expect(page.get_by_text(dossier.reference).first).to_be_visible()

    page.get_by_role("link", name=words["space"], exact=True).click()
    screenshot(page, f"my-space-{language}-{size[0]}")
    page.get_by_role("link", name=words["data"]).click()
    expect(page.get_by_text(dossier.reference).first).to_be_visible()
    page.go_back()
    page.get_by_role("link", name=words["close"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["close"])
