"""Issue 10: "CSP without inline scripts, HSTS, secure `__Host-` cookies, SameSite, CSRF on
every form, `no-store` on personal pages, rate limits on login, filing and verification,
generic error pages, no personal data in URLs or logs"."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.security.logs import redact

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "idara"
# Drawn by WeasyPrint into PDFs and images, never served as pages.
DRAWN = re.compile(r"(_pdf|card_base|plan|specimen)\.html$")


def _served_templates():
    for path in TEMPLATES.rglob("templates/**/*.html"):
        if not DRAWN.search(path.name):
            yield path


def test_no_served_template_holds_inline_script_style_or_handler():
    offenders = []
    for path in _served_templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)",
            r"\sstyle=",
            r"<style",
            r"<[a-z][^>]*\son[a-z]+=",
        ):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
    assert not offenders


def test_every_post_form_carries_its_csrf_token():
    """Except the form that leaves for the payment gateway: Idara's token must not go there."""
    missing = []
    for path in _served_templates():
        text = path.read_text(encoding="utf-8")
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", text, re.S | re.I):
            leaves = 'action="{{ gateway }}"' in form
            if ("csrf_token" in form) == leaves:
                missing.append(str(path.relative_to(TEMPLATES)))
    assert not missing


def test_pages_carry_the_policy_and_the_security_headers(client):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_https_answers_carry_hsts(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/fr/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def _settings_in(**environment) -> dict:
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("IDARA_DEMO", "SECURE_COOKIES")}
    env["DJANGO_SETTINGS_MODULE"] = "idara.settings"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env | environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )
    assert out.returncode == 0, out.stderr
    out = out.stdout.split()
    return dict(zip(("session", "csrf", "secure", "hsts"), out, strict=True))


def test_production_cookies_are_host_only_and_secure():
    production = _settings_in()
    assert production == {
        "session": "__Host-idara_session",
        "csrf": "__Host-idara_csrf",
        "secure": "True",
        "hsts": "31536000",
    }
    demo = _settings_in(IDARA_DEMO="1")  # the local demo is served over plain HTTP
    assert demo["secure"] == "False" and not demo["session"].startswith("__Host-")


def test_personal_pages_are_never_stored_public_ones_may_be(client, offered, citizen):
    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    assert "no-store" not in client.get("/fr/procedures/").get("Cache-Control", "")
    client.force_login(citizen)
    for path in ("/fr/my/dossiers/", f"/fr/my/dossiers/{dossier.pk}/", "/api/v1/me"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_a_form_sent_without_its_token_is_refused_with_a_clear_page(offered, citizen):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    response = browser.post(
        "/fr/procedures/permis-demolir/file/?collectivity=" + offered.code, {"address": "x"}
    )
    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()
    assert not citizen.dossiers.exists()


def test_signing_in_is_limited_per_address(client, settings):
    settings.LOGIN_RATE = "3/d"  # a day-long window: one minute long could roll over mid-test
    wrong = {"username": "nobody@example.ma", "password": "wrong"}
    codes = [client.post("/fr/backoffice/login/", wrong).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    page = client.post("/fr/backoffice/login/", wrong)
    assert page["Retry-After"] == "60" and "Trop de tentatives" in page.content.decode()
    api = [client.post("/api/v1/auth/token", wrong).status_code for _ in range(4)]
    assert api[-1] == 429


def test_verification_is_limited_per_address(client, settings):
    settings.VERIFY_RATE = "2/d"
    pages = [client.get("/verify/NOPE-NOPE").status_code for _ in range(3)]
    assert pages == [404, 404, 429]
    api = [client.get("/api/v1/verify/NOPE-NOPE").status_code for _ in range(3)]
    assert api[-1] == 429


def test_filing_is_limited_per_account(client, settings, offered, citizen):
    settings.FILING_RATE = "1/d"
    client.force_login(citizen)
    url = "/fr/procedures/permis-demolir/file/?collectivity=" + offered.code
    assert client.post(url, {}).status_code == 200  # refused by its form, but counted
    assert client.post(url, {}).status_code == 429
    assert client.get(url).status_code == 200  # reading the form is never limited


def test_an_error_shows_a_generic_page_never_a_trace(client, monkeypatch):
    from idara.portal import views

    def broken(request):
        raise RuntimeError("secret internals: DATABASE_URL=postgres://user:pw@db")

    monkeypatch.setattr(views, "home", broken)
    failing = Client(raise_request_exception=False)
    html = failing.get("/fr/").content.decode()
    assert "secret internals" not in html and "Traceback" not in html
    api = failing.get("/api/v1/dossiers/00000000-0000-0000-0000-000000000000")
    assert api.status_code in (401, 403, 404) and "Traceback" not in api.content.decode()


def test_logs_mask_emails_phones_and_cnie_numbers(caplog):
    line = "Not Found: /x?email=amina@example.ma&tel=+212600000000&cnie=AB123456"
    assert redact(line) == "Not Found: /x?email=[email]&tel=[phone]&cnie=[cnie]"
    assert redact("dossier 02.001.00.00-2026-000001 filed") == (
        "dossier 02.001.00.00-2026-000001 filed"
    )


def test_a_logged_error_is_masked_down_to_its_traceback():
    import io
    import logging

    from idara.security.logs import RedactPersonalData

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RedactPersonalData())
    logger = logging.getLogger("idara.test.redaction")
    logger.addHandler(handler)
    try:
        raise ValueError("duplicate key (national_id)=(AB123456) for amina@example.ma")
    except ValueError:
        logger.exception("filing failed for %s", "+212600000000")
    finally:
        logger.removeHandler(handler)
    logged = out.getvalue()
    assert "[phone]" in logged and "[cnie]" in logged and "[email]" in logged
    assert "AB123456" not in logged and "amina@" not in logged and "600000000" not in logged


def test_no_url_carries_personal_data():
    """No route takes an email, a phone or a CNIE number as a path parameter."""
    personal = re.compile(r"national_id|cnie|email|phone", re.I)
    offenders = [str(p) for p in _patterns(get_resolver()) if personal.search(str(p))]
    assert not offenders


def _patterns(resolver):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield entry.pattern
            yield from _patterns(entry)
        elif isinstance(entry, URLPattern):
            yield entry.pattern


def test_every_configured_log_handler_redacts():
    handlers = settings.LOGGING["handlers"]
    assert handlers and all("redact" in h.get("filters", []) for h in handlers.values())


def test_passwords_need_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("k7#Rq9!mZ2w")  # eleven
    validate_password("k7#Rq9!mZ2wX")  # twelve


def test_a_session_ends_with_the_browser_and_after_a_working_day(client, citizen):
    client.force_login(citizen)
    session = client.session
    assert session.get_expire_at_browser_close() and session.get_expiry_age() == 8 * 3600
    client.post("/fr/backoffice/logout/")
    assert "_auth_user_id" not in client.session
