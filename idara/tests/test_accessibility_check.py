"""The accessibility check itself: it must see what WCAG 2.2 AA forbids, or every browser
test's "no violation" proves nothing."""

import pytest

from idara.tests.accessibility import violations

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
