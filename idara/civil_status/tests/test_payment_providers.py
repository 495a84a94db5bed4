"""Paying a birth extract's fee. Issue 21, F2: "outside demo mode the sandbox refuses to start and `check --deploy` errors;
the checkout belongs to the payer's session; a provider interface for a real gateway
(Morocco's CMI: form post with a hash, a server-to-server callback that is verified)"."""

import base64
import hashlib
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import translation

from idara.civil_status.tests.test_delivery import order  # noqa: F401 (a fixture)
from idara.conftest import make_user
from idara.payments import services
from idara.payments.providers import PROVIDERS, provider

pytestmark = pytest.mark.django_db
CALLBACK = "/fr/payments/cmi-callback/"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__))))


def test_the_sandbox_outside_demo_mode_is_refused(settings):
    settings.DEMO, settings.PAYMENT_PROVIDER = False, "sandbox"
    with pytest.raises(ImproperlyConfigured, match="demo mode"):
        provider()
    with pytest.raises(SystemCheckError, match="idara.E020"):
        call_command("check", deploy=True)


def test_idara_does_not_start_with_the_sandbox_outside_demo_mode(tmp_path):
    environment = os.environ | {"PAYMENT_PROVIDER": "sandbox", "IDARA_VAR_DIR": str(tmp_path)}
    environment.pop("IDARA_DEMO", None)
    run = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "demo mode" in run.stderr


def test_outside_demo_mode_fees_are_paid_at_the_till_by_default(settings, order):  # noqa: F811
    settings.DEMO, settings.PAYMENT_PROVIDER = False, ""
    assert provider() is None
    with translation.override("fr"), pytest.raises(services.TransitionRefused, match="caisse"):
        services.start_online_payment(order.applicant, order)


@pytest.mark.usefixtures("sandbox_payments")
def test_the_checkout_belongs_to_the_payers_session(client, order):  # noqa: F811
    payment = services.start_online_payment(order.applicant, order)
    page = f"/fr/payments/sandbox/{payment.reference}/"
    assert client.post(page, {"outcome": "paid"})["Location"].startswith("/fr/account/login/")
    client.force_login(make_user("holder-of-the-link@example.ma"))
    assert client.post(page, {"outcome": "paid"}).status_code == 404
    payment.refresh_from_db()
    assert payment.status == "pending"
    client.force_login(order.applicant)
    client.post(page, {"outcome": "paid"})
    payment.refresh_from_db()
    assert payment.status == "paid"


@pytest.fixture
def cmi(settings):
    settings.PAYMENT_PROVIDER = "cmi"
    settings.CMI_CLIENT_ID, settings.CMI_STORE_KEY = "600000000", "TEST|KEY\\1"
    return PROVIDERS["cmi"]


def test_cmis_hash_is_version_3(cmi):
    """SHA-512 of the values in the natural, case-insensitive order of the names (hash and
    encoding left out), each `\\` and `|` escaped, joined by `|`, then the store key."""
    fields = {"oid": "A1", "amount": "10.00", "BillToName": "Ali|Ben", "encoding": "UTF-8"}
    plain = "10.00|Ali\\|Ben|A1|TEST\\|KEY\\\\1"
    expected = base64.b64encode(hashlib.sha512(plain.encode()).digest()).decode()
    assert cmi.hash(fields) == expected


def callback(cmi, payment, **changes) -> dict:
    params = {
        "oid": payment.reference,
        "amount": f"{payment.amount_mad:.2f}",
        "ProcReturnCode": "00",
        "Response": "Approved",
        "clientid": "600000000",
    } | changes
    return params | {"HASH": cmi.hash(params)}


def test_the_payer_is_sent_to_cmi_with_a_signed_form(client, cmi, order):  # noqa: F811
    client.force_login(order.applicant)
    checkout = client.post(f"/fr/my/dossiers/{order.pk}/pay/")["Location"]
    answer = client.get(checkout)
    assert "form-action 'self' https://testpayment.cmi.co.ma" in answer["Content-Security-Policy"]
    page = answer.content.decode()
    assert 'action="https://testpayment.cmi.co.ma/fim/est3Dgate"' in page
    assert "csrfmiddlewaretoken" not in page
    assert 'name="HASH"' in page and 'name="callbackUrl"' in page
    assert "/payments/cmi-callback/" in page


def test_a_verified_cmi_callback_settles_the_fee_and_takes_the_money(client, cmi, order):  # noqa: F811
    payment = services.start_online_payment(order.applicant, order)
    answer = client.post(CALLBACK, callback(cmi, payment))
    assert answer.content == b"ACTION=POSTAUTH"
    payment.refresh_from_db()
    assert payment.status == "paid"


@pytest.mark.parametrize(
    "forge",
    [
        lambda cmi, payment: callback(cmi, payment) | {"amount": "0.01"},
        lambda cmi, payment: callback(cmi, payment, amount="0.01"),
        lambda cmi, payment: {k: v for k, v in callback(cmi, payment).items() if k != "HASH"},
    ],
    ids=["an amount changed after signing", "a signed amount that is not due", "no hash"],
)
def test_a_callback_cmi_did_not_sign_or_for_another_amount_changes_nothing(
    client,
    cmi,
    order,  # noqa: F811
    forge,
):
    payment = services.start_online_payment(order.applicant, order)
    assert client.post(CALLBACK, forge(cmi, payment)).content == b"FAILURE"
    payment.refresh_from_db()
    assert payment.status == "pending" and payment.amount_mad == Decimal(order.fee_mad)
