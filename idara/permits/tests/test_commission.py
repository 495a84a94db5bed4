"""Issue 7: a building permit goes from filing through the commission to the issued PDF."""

import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from idara.clock import due_date
from idara.documents.issuing import issued_pdf
from idara.dossiers import services
from idara.dossiers.models import Opinion, Purpose
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.selectors import holidays_around
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import pdf_file
from idara.payments.services import record_counter_payment
from idara.permits.tests.conftest import body_agent, building_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit(offered, applicant):
    return services.file_dossier(applicant, applicant, building_filing(offered))[0]


def opinion_of(dossier, kind: str) -> Opinion:
    return dossier.opinions.get(asked_service__kind=kind)


def give(dossier, kind, verdict, conditions=""):
    return services.answer_opinion(
        body_agent(dossier.collectivity, kind),
        opinion_of(dossier, kind),
        "Examen du dossier et des plans.",
        verdict,
        conditions,
    )


def text_of(content: bytes, tmp_path) -> str:
    path = tmp_path / "permit.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_the_fee_follows_the_communes_formula_and_is_on_the_receipt(permit, tmp_path):
    """150 m² of housing at 10 MAD per m²."""
    assert permit.fee_mad == Decimal("1500.00")
    assert "1500.00 MAD" in text_of(receipt_pdf(permit.receipt), tmp_path)


def test_a_shop_pays_its_own_rate_and_a_small_project_the_minimum(offered, applicant):
    shop = building_filing(offered, use="commerce", idempotency_key="shop")
    small = building_filing(offered, built_surface=12.5, idempotency_key="small")
    assert services.file_dossier(applicant, applicant, shop)[0].fee_mad == Decimal("2250.00")
    assert services.file_dossier(applicant, applicant, small)[0].fee_mad == Decimal("300.00")


def test_filing_asks_each_body_of_the_commission_with_its_due_date(permit):
    asked = {o.asked_service.kind: o for o in permit.opinions.all()}
    assert set(asked) == {"urban_agency", "civil_protection", "hygiene", "utilities"}
    assert asked["urban_agency"].binding and asked["civil_protection"].binding
    assert not asked["hygiene"].binding and not asked["utilities"].binding
    assert asked["urban_agency"].asked_service.collectivity == permit.collectivity.parent
    assert asked["hygiene"].asked_service.collectivity == permit.collectivity
    # The product's own calendar: a last day on a public holiday (11 January) moves on.
    holidays = holidays_around(permit.filed_on, permit.filed_on + timedelta(days=30))
    assert asked["urban_agency"].due_on == due_date(
        permit.filed_on, 10, working_days=False, holidays=holidays
    )
    assert permit.events.filter(kind="opinion_asked").count() == 4


def test_no_decision_while_binding_opinions_are_awaited(permit, urbanism_agent):
    give(permit, "urban_agency", "favourable")
    for decide in (
        lambda: services.accept(urbanism_agent, permit),
        lambda: services.refuse(urbanism_agent, permit, "Le projet dépasse la hauteur permise."),
    ):
        with pytest.raises(TransitionRefused, match="waits for the binding opinions of: Prot"):
            decide()
    permit.refresh_from_db()
    assert permit.status == "submitted" and not permit.issued.exists()


def test_an_unfavourable_binding_opinion_blocks_acceptance(permit, urbanism_agent):
    give(permit, "urban_agency", "unfavourable")
    give(permit, "civil_protection", "favourable")
    with pytest.raises(TransitionRefused, match="binding opinion is unfavourable"):
        services.accept(urbanism_agent, permit)
    refused = services.refuse(urbanism_agent, permit, "Avis défavorable de l'agence urbaine.")
    assert refused.status == "refused"


def test_a_non_binding_unfavourable_opinion_does_not_block(permit, urbanism_agent, signing):
    give(permit, "urban_agency", "favourable")
    give(permit, "civil_protection", "favourable")
    give(permit, "hygiene", "unfavourable")
    record_counter_payment(urbanism_agent, permit, Decimal("1500.00"), "Q-77")
    assert services.accept(urbanism_agent, permit).status == "accepted"


def test_a_binding_body_silent_past_its_due_date_is_held_to_agree(permit, urbanism_agent):
    give(permit, "urban_agency", "favourable")
    late = timezone.localdate() - timedelta(days=1)
    Opinion.objects.filter(pk=opinion_of(permit, "civil_protection").pk).update(due_on=late)
    record_counter_payment(urbanism_agent, permit, Decimal("1500.00"), "Q-78")
    assert services.accept(urbanism_agent, permit).status == "accepted"


def test_only_a_body_that_was_asked_gives_an_opinion(permit):
    utilities = body_agent(permit.collectivity, "utilities")
    with pytest.raises(PermissionDenied):
        services.answer_opinion(
            utilities, opinion_of(permit, "urban_agency"), "Avis.", "favourable"
        )
    assert not opinion_of(permit, "urban_agency").answered_at


@pytest.mark.parametrize(
    "verdict, conditions, message",
    [
        ("maybe", "", "Choose the opinion"),
        ("conditions", "", "Write the conditions"),
    ],
)
def test_an_opinion_without_its_verdict_or_conditions_is_refused(
    permit, verdict, conditions, message
):
    with pytest.raises(TransitionRefused, match=message):
        give(permit, "urban_agency", verdict, conditions)
    assert not opinion_of(permit, "urban_agency").answered_at


def test_an_opinion_keeps_its_documents_with_their_hash(permit):
    agency = body_agent(permit.collectivity, "urban_agency")
    services.answer_opinion(
        agency,
        opinion_of(permit, "urban_agency"),
        "Conforme au plan d'aménagement.",
        "favourable",
        files=[pdf_file("fiche-technique.pdf")],
    )
    kept = permit.files.get(purpose=Purpose.OPINION)
    assert kept.opinion == opinion_of(permit, "urban_agency") and len(kept.sha256) == 64


def test_the_fee_is_paid_before_the_permit_is_issued(permit, urbanism_agent):
    give(permit, "urban_agency", "favourable")
    give(permit, "civil_protection", "favourable")
    with pytest.raises(TransitionRefused, match="1,500.00 MAD is not paid yet"):
        services.accept(urbanism_agent, permit)


def test_the_issued_permit_carries_the_project_conditions_qr_and_signature(
    permit, urbanism_agent, signing, tmp_path, client
):
    give(permit, "urban_agency", "conditions", "Recul de 4 m sur la voie.\nHauteur ≤ 8,5 m.")
    give(permit, "civil_protection", "favourable")
    record_counter_payment(urbanism_agent, permit, Decimal("1500.00"), "Q-79")
    services.accept(urbanism_agent, permit)
    document = permit.issued.get()
    assert document.kind == "permit"
    content = issued_pdf(document)
    text = text_of(content, tmp_path)
    assert "Recul de 4 m sur la voie." in text and "Hauteur ≤ 8,5 m." in text
    assert "4521/07" in text and "Salma Bennani" in text and "Youssef Amrani" in text
    assert "Favorable sous conditions" in text and "1500,00 MAD" in text
    (tmp_path / "signed.pdf").write_bytes(content)
    report = subprocess.run(
        ["pdfsig", str(tmp_path / "signed.pdf")], capture_output=True, text=True
    ).stdout
    assert "Signature is Valid." in report
    verified = client.get(f"/api/v1/verify/{document.verification_code}").json()
    assert verified["valid"] and verified["kind"] == "permit"


def test_the_commission_is_asked_once_the_file_is_complete(offered, applicant):
    """R3 (art. 10 §1, 16 §3): "The deadline starts only when the file is complete": a file
    being filed is not sent to the commission; the last missing document sends it, and each
    body's days count from that day."""
    filing = building_filing(offered)
    code, _file = filing.files.popitem()
    dossier, _ = services.file_dossier(applicant, applicant, filing)
    assert dossier.status == "being_filed" and not dossier.opinions.exists()
    completed = services.complete_file(applicant, dossier, {code: pdf_file(f"{code}.pdf")})
    assert completed.status == "submitted"
    asked = {o.asked_service.kind: o for o in completed.opinions.all()}
    assert set(asked) == {"urban_agency", "civil_protection", "hygiene", "utilities"}
    holidays = holidays_around(completed.complete_on, completed.complete_on + timedelta(days=30))
    assert asked["urban_agency"].due_on == due_date(
        completed.complete_on, 10, working_days=False, holidays=holidays
    )
