"""Issue 6: the citizen orders a birth extract, pays, the agent issues it; the signed PDF's QR
code opens a page that confirms it, and poppler's pdfsig finds the signature valid."""

import re
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from idara.civil_status import services as register
from idara.civil_status.delivery import deliver
from idara.conftest import make_user
from idara.documents.issuing import issued_pdf
from idara.dossiers.services import file_dossier
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import extract_filing
from idara.payments import services as payments
from idara.payments.providers import provider

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_payments")]


@pytest.fixture
def order(act, offered):
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    return file_dossier(amina, amina, extract_filing(offered))[0]


def pay_online(dossier):
    payment = payments.start_online_payment(dossier.applicant, dossier)
    return payments.settle(confirmation(payment.reference, "paid"))


def confirmation(reference: str, outcome: str, signature: str = "") -> dict:
    signature = signature or provider().signature(reference, outcome)
    return {"reference": reference, "outcome": outcome, "signature": signature}


def test_the_extract_is_issued_signed_and_verifiable(client, order, signing, civil_agent, tmp_path):
    pay_online(order)
    document = deliver(civil_agent, order)
    order.refresh_from_db()
    assert order.status == "accepted" and document.kind == "civil_extract"
    content = issued_pdf(document)
    path = tmp_path / "extract.pdf"
    path.write_bytes(content)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report and "Total document signed" in report
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Extrait d’acte de naissance" in text and "El Idrissi" in text
    page = client.get(f"/verify/{document.verification_code}")
    assert page.status_code == 200 and order.reference in page.content.decode()


def test_the_document_shows_the_act_as_it_stood_when_issued(order, signing, civil_agent, act):
    pay_online(order)
    document = deliver(civil_agent, order)
    register.correct_act(civil_agent, act, {"given_name_fr": "Aminah"}, "Jugement 12/2027")
    assert document.civil_delivery.snapshot["given_name_fr"] == "Amina"


def test_nothing_is_issued_before_the_fee_is_paid(order, signing, civil_agent):
    with translation.override("fr"), pytest.raises(TransitionRefused, match="payé"):
        deliver(civil_agent, order)
    order.refresh_from_db()
    assert order.status == "submitted" and not order.issued.exists()


def test_a_fee_paid_at_the_counter_releases_it(order, signing, civil_agent):
    payments.record_counter_payment(civil_agent, order, order.fee_mad, "Q-2026-0042")
    assert deliver(civil_agent, order).kind == "civil_extract"
    assert order.events.filter(kind="paid").exists()


def test_a_bureau_without_its_signing_key_issues_nothing(order, keys, civil_agent):
    pay_online(order)
    with translation.override("fr"), pytest.raises(TransitionRefused, match="clé de signature"):
        deliver(civil_agent, order)
    assert not order.issued.exists()


def test_the_act_is_checked_again_when_issuing(order, signing, civil_agent, act):
    pay_online(order)
    register.correct_act(
        civil_agent, act, {"given_name_fr": "Nadia", "given_name_ar": "نادية"}, "Jugement"
    )
    with pytest.raises(TransitionRefused, match="Amina El Idrissi"):
        deliver(civil_agent, order)  # the register no longer shows her as the person


def test_only_the_bureaus_agents_issue(order, signing, agent):
    pay_online(order)
    with pytest.raises(PermissionDenied):
        deliver(agent, order)


def test_a_payment_confirmation_must_be_signed_by_the_provider(order):
    payment = payments.start_online_payment(order.applicant, order)
    with pytest.raises(PermissionDenied):
        payments.settle(confirmation(payment.reference, "paid", "0" * 64))
    payment.refresh_from_db()
    assert payment.status == "pending"


def test_a_second_confirmation_changes_nothing(order):
    first = pay_online(order)
    again = payments.settle(confirmation(first.reference, "cancelled"))
    assert again.status == "paid" and order.payments.count() == 1


def test_the_applicant_pays_through_the_sandbox_page(client, order):
    client.force_login(order.applicant)
    payment = payments.start_online_payment(order.applicant, order)
    page = client.get(f"/fr/payments/sandbox/{payment.reference}/")
    assert "2,00 MAD" in page.content.decode()
    client.post(f"/fr/payments/sandbox/{payment.reference}/", {"outcome": "paid"})
    payment.refresh_from_db()
    assert payment.status == "paid"
    assert client.get(f"/fr/payments/sandbox/{payment.reference}/").status_code == 404
    assert re.fullmatch(r"[-_A-Za-z0-9]{24}", payment.reference)


def test_signing_works_where_an_event_loop_already_runs(signing):
    """pyHanko is asynchronous; a thread that runs an event loop (an async worker, the browser
    tests' driver) still gets a signed document."""
    import asyncio

    from idara.documents.pdf import render_pdf
    from idara.documents.signing import sign_pdf

    async def sign_inside_a_loop():
        return sign_pdf(render_pdf("documents/specimen.html", {"text": "x"}), signing)

    assert b"/ByteRange" in asyncio.run(sign_inside_a_loop())
