"""The accessibility check itself: it must see what WCAG 2.2 AA forbids, or every browser
test's "no violation" proves nothing."""

import pytest

from idara.tests.accessibility import not_isolated, violations, wrong_script

pytestmark = pytest.mark.browser

FAULTY = """<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main>
<h1>Essai</h1><form><input type="text" name="nom"></form>
<p style="color:#bbb;background:#fff">Texte pâle</p>
<a href="/x" style="display:inline-block;width:10px;height:10px"></a></main></body></html>"""


def test_it_names_an_unlabelled_field_pale_text_and_a_tiny_empty_link(browser):
    page = browser.new_page()
    page.set_content(FAULTY)
    found = " ".join(violations(page))
    page.close()
    for rule in ("label", "color-contrast", "link-name"):
        assert rule in found


def test_a_plain_accessible_page_passes(browser):
    page = browser.new_page()
    page.set_content(
        '<!doctype html><html lang="ar" dir="rtl"><head><title>تجربة</title></head>'
        "<body><main><h1>تجربة</h1><form><label for=n>الاسم</label>"
        "<input id=n name=n></form></main></body></html>"
    )
    assert violations(page) == []
    page.close()


def _page_in(browser, language: str, body: str):
    page = browser.new_page()
    direction = "rtl" if language == "ar" else "ltr"
    page.set_content(
        f'<!doctype html><html lang="{language}" dir="{direction}"><head><title>—</title></head>'
        f"<body><main>{body}</main></body></html>"
    )
    return page


def test_it_names_the_french_words_of_an_arabic_page(browser):
    page = _page_in(browser, "ar", "<p>تم الإيداع: Déposé en ligne</p>")
    assert wrong_script(page) == ["Latin words on a page in ar: Déposé en ligne"]
    page.close()


def test_it_names_the_arabic_words_of_a_french_page(browser):
    page = _page_in(browser, "fr", "<p>Déposé : عبر الإنترنت</p><p title='طلب'>x</p>")
    assert wrong_script(page) == ["Arabic words on a page in fr: عبر الإنترنت طلب"]
    page.close()


def test_what_is_latin_by_nature_or_marked_passes(browser):
    page = _page_in(
        browser,
        "ar",
        "<p>المرجع 01.151.01.01-2026-000081، الرمز K7QM-2ZXA، 25 m² و 120 MAD (PDF)</p>"
        "<p>راسلونا: contact@idara.ma أو https://idara.ma/verify/ أو plan.pdf أو /verify/.</p>"
        '<a lang="fr" href="/fr/">Français</a> <bdi lang="">Fatima Zahra Alaoui</bdi>'
        "<code>python manage.py</code><p hidden>Caché</p>"
        "<p>يرجى تعويض الوثيقة (\u2068Le plan est illisible\u2069).</p>",
    )
    assert wrong_script(page) == []
    page.close()
    page = _page_in(
        browser,
        "fr",
        '<p>Commune de Chefchaouen <span lang="ar">شفشاون</span></p>'
        "<p>Source : https://www.scribd.com/document/1/ظهير-شريف</p>",
    )
    assert wrong_script(page) == []
    page.close()


def test_a_part_of_unknown_language_passes_axe(browser):
    page = _page_in(browser, "ar", '<p>الاسم: <bdi lang="">Fatima Zahra</bdi></p>')
    assert violations(page) == []
    page.close()


def test_it_names_a_reference_a_date_and_a_code_left_in_the_right_to_left_flow(browser):
    page = _page_in(
        browser,
        "ar",
        "<p>طلبك 01.151.01.01-2026-000081 بتاريخ 2026-12-02، الرمز K7QM-2ZXA-9PLM-4RTV-8BCD</p>"
        '<p>الجماعة <bdi dir="ltr">01.151.01.01.</bdi> بتاريخ <bdi dir="ltr">2026-12-03</bdi></p>'
        "<p>رسالة: طلبك \u206601.151.01.01-2026-000082\u2069</p>",
    )
    assert not_isolated(page) == [
        "left-to-right text not isolated on a right-to-left page: "
        "01.151.01.01-2026-000081 2026-12-02 K7QM-2ZXA-9PLM-4RTV-8BCD"
    ]
    page.close()
    page = _page_in(browser, "fr", "<p>Dossier 01.151.01.01-2026-000081 du 2026-12-02</p>")
    assert not_isolated(page) == []
    page.close()
