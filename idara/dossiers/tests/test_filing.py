import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from idara.audit.models import AuditEntry
from idara.clock import due_date
from idara.dossiers.idempotency import KeyReused
from idara.dossiers.models import Dossier, DossierFile, Receipt, ReceiptCounter
from idara.dossiers.selectors import holidays_around
from idara.dossiers.services import FilingRefused, file_dossier
from idara.dossiers.tests.helpers import demolition_filing, extract_filing, pdf_file
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db


def test_a_filing_commits_dossier_files_receipt_audit_and_outbox(offered, citizen):
    filing = demolition_filing(offered)
    upload = next(iter(filing.files.values()))
    expected_hash = hashlib.sha256(upload.read()).hexdigest()
    dossier, created = file_dossier(citizen, citizen, filing)
    assert created and dossier.status == "submitted"
    assert dossier.receipt.number == 1
    assert dossier.reference == f"{offered.code.rstrip('.')}-{dossier.filed_on.year}-000001"
    kept = dossier.files.get()
    assert kept.sha256 == expected_hash
    with kept.file.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == expected_hash
    assert citizen.email not in kept.file.name and "amina" not in kept.file.name.lower()
    assert AuditEntry.objects.get(action="dossier.filed").data["files"] == [expected_hash]
    assert set(Message.objects.values_list("channel", flat=True)) == {"email", "sms"}
    assert [e.kind for e in dossier.events.all()] == ["filed"]


def test_the_due_date_is_the_clocks(offered, citizen):
    """LAW.md: the legal due date is the clock's, from the filing day and the fiche's deadline."""
    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    assert (dossier.deadline_days, dossier.working_days) == (30, False)
    holidays = holidays_around(dossier.filed_on, dossier.filed_on)
    assert dossier.due_on == due_date(dossier.filed_on, 30, working_days=False, holidays=holidays)
    assert dossier.silence_means_acceptance  # decree n° 2-22-141 lists the demolition permit


def test_a_retried_submission_returns_the_first_receipt(offered, citizen):
    """CONTRACT.md: a retried submission returns the first receipt (Idempotency-Key)."""
    first, created = file_dossier(citizen, citizen, extract_filing(offered, idempotency_key="k-1"))
    again, created_again = file_dossier(
        citizen, citizen, extract_filing(offered, idempotency_key="k-1")
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Dossier.objects.count() == Receipt.objects.count() == 1


def test_a_key_sent_again_with_other_answers_files_nothing(offered, citizen):
    first, _ = file_dossier(citizen, citizen, extract_filing(offered, idempotency_key="k-1"))
    changed = extract_filing(offered, idempotency_key="k-1")
    changed.data["copies"] = 3
    with pytest.raises(KeyReused) as reused:
        file_dossier(citizen, citizen, changed)
    assert reused.value.first == first
    assert Dossier.objects.count() == Receipt.objects.count() == 1


def test_receipt_numbers_have_no_gaps(offered, citizen):
    numbers = [
        file_dossier(citizen, citizen, extract_filing(offered))[0].receipt.number for _ in range(3)
    ]
    with pytest.raises(FilingRefused):
        file_dossier(citizen, citizen, _bad(offered))
    numbers.append(file_dossier(citizen, citizen, extract_filing(offered))[0].receipt.number)
    assert numbers == [1, 2, 3, 4]  # a refused filing took no number


def _bad(commune):
    filing = extract_filing(commune)
    filing.data["act_year"] = "last year"
    return filing


def _replace(name, content):
    def spoil(filing, code):
        filing.files[code] = SimpleUploadedFile(name, content)

    return spoil


@pytest.mark.parametrize(
    "spoil, field, message",
    [
        (
            lambda f, code: f.data.update(land_title="TF 12"),
            "land_title",
            "The format is not valid.",
        ),
        (lambda f, code: f.data.pop("address"), "address", "This field is required."),
        (
            _replace("plan.pdf", b"MZ\x90\x00 an executable"),
            None,
            "This kind of file is not accepted here",
        ),
        (_replace("plan.png", b"%PDF-1.4 a pdf named png"), None, "does not match its name"),
        (
            _replace("plan.pdf", b"%PDF-" + b"x" * (6 * 1024 * 1024)),
            None,
            "at most 5 MB are accepted here",
        ),
        (
            lambda f, code: f.files.update({"selfie": pdf_file()}),
            "selfie",
            "not asked by the procedure",
        ),
    ],
)
def test_bad_input_gets_a_message_per_field_and_stores_nothing(
    offered, citizen, spoil, field, message
):
    filing = demolition_filing(offered)
    code = next(iter(filing.files))
    spoil(filing, code)
    with pytest.raises(FilingRefused) as refused:
        file_dossier(citizen, citizen, filing)
    assert any(message in m for m in refused.value.errors[field or code]), refused.value.errors
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    assert not ReceiptCounter.objects.filter(last__gt=0).exists()
    assert not Message.objects.exists()


def test_a_procedure_not_offered_online_cannot_be_filed(catalogue, commune, citizen):
    with pytest.raises(FilingRefused) as refused:
        file_dossier(citizen, citizen, extract_filing(commune))
    assert refused.value.errors == {
        "procedure": ["This collectivity does not offer this procedure online."]
    }


def test_an_agent_files_at_the_counter_for_a_citizen_of_their_service(
    offered, citizen, civil_agent, agent
):
    """L10: filed "at the counter by an agent on the citizen's behalf, with the same receipt and clock"."""
    dossier, _ = file_dossier(civil_agent, citizen, extract_filing(offered, channel="counter"))
    assert (dossier.applicant, dossier.filed_by, dossier.channel) == (
        citizen,
        civil_agent,
        "counter",
    )
    assert dossier.receipt.number == 1
    with pytest.raises(PermissionDenied):
        file_dossier(agent, citizen, extract_filing(offered))  # urbanism does not file civil status
