"""L4: "A receipt is given for every application", as a PDF with a QR code that verifies it."""

import re
import subprocess

import pytest
import zxingcpp
from PIL import Image

from idara.catalog import selectors as catalog
from idara.documents import codes
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.services import Filing, file_dossier
from idara.dossiers.tests.helpers import GROCERY, SHOP, demolition_filing, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(offered, citizen):
    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    return dossier.receipt


def pdf_text(content: bytes, tmp_path, layout: bool = True) -> str:
    """The PDF's text; with `layout`, laid out as on the page, else block by block."""
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_receipt_states_what_the_law_asks(receipt, tmp_path):
    """L4: "a receipt with its number, date and time, the procedure and version, each document
    received with its SHA-256, the legal due date, whether silence means acceptance, and how to
    appeal"."""
    content = receipt_pdf(receipt)
    assert content.startswith(b"%PDF-")
    text = pdf_text(content, tmp_path)
    dossier = receipt.dossier
    assert dossier.reference in text
    assert dossier.submitted_at.astimezone().strftime("%Y-%m-") in text
    assert "Permis de démolir" in text and "v1" in text
    assert dossier.files.get().sha256 in text
    assert dossier.due_on.isoformat() in text
    assert "vaut acceptation" in text
    assert "30 jours" in text  # the appeal deadline
    assert "وصل إيداع طلب" in text  # the Arabic is shaped and extractable


def test_the_receipt_is_always_the_same_bytes(receipt):
    assert receipt_pdf(receipt) == receipt_pdf(receipt)
    receipt.refresh_from_db()
    assert receipt.pdf_sha256


def test_the_qr_code_opens_the_verification_page(receipt, tmp_path, client, settings):
    """Issue 25: the QR codes pointed to http://127.0.0.1:8000 whatever served them; they lead
    to the platform's public address."""
    settings.PUBLIC_BASE_URL = "https://idara.example.ma:8443"
    path = tmp_path / "receipt.pdf"
    path.write_bytes(receipt_pdf(receipt))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png")))
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == f"https://idara.example.ma:8443/verify/{receipt.verification_code}"
    page = client.get(code.text.split("8443", 1)[-1], HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200
    assert "Ce document est authentique" in page.content.decode()


def test_a_verification_code_is_short_unambiguous_and_printed_to_be_read_aloud(receipt, tmp_path):
    """Issue 25: "27 characters with "_" and case-sensitive. Make them short, readable aloud,
    free of ambiguous characters, and case-insensitive"."""
    code = receipt.verification_code
    assert len(code) == 20 and set(code) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    printed = codes.grouped(code)
    assert printed.count("-") == 4 and len(printed) == 24
    assert printed in pdf_text(receipt_pdf(receipt), tmp_path)


def test_a_code_is_read_whatever_its_case_spacing_and_misread_letters(receipt, client):
    code = receipt.verification_code
    misread = codes.grouped(code).lower().replace("1", "l").replace("0", "o")
    for typed in (misread, " ".join(codes.grouped(code).split("-")), code.lower()):
        answer = client.get("/fr/verify/", {"code": typed})
        assert answer.status_code == 200, typed
        assert "Ce document est authentique" in answer.content.decode()


def test_a_code_printed_before_keeps_verifying_as_it_was(receipt, client):
    legacy = "Zq3_vR8xTk2-pLw9mN4bYc5dHs7"  # base64url, case-sensitive
    type(receipt).objects.filter(pk=receipt.pk).update(verification_code=legacy)
    assert client.get(f"/verify/{legacy}").status_code == 200
    assert client.get(f"/verify/{legacy.lower()}").status_code == 404


def test_the_verification_api(receipt, client):
    body = client.get(f"/api/v1/verify/{receipt.verification_code}").json()
    receipt.refresh_from_db()
    assert body == {
        "valid": True,
        "kind": "receipt",
        "reference": receipt.dossier.reference,
        "issued_at": body["issued_at"],
        "collectivity": receipt.collectivity.code,
        "sha256": receipt.pdf_sha256,
    }
    assert client.get("/api/v1/verify/forged-code").json()["valid"] is False
    assert client.get("/verify/forged-code").status_code == 404


def test_a_code_typed_or_an_address_pasted_leads_to_the_verification(receipt, client):
    code = receipt.verification_code
    for typed in (code, f" {code} ", f"https://idara.ma/verify/{code}"):
        answer = client.get("/fr/verify/", {"code": typed})
        assert answer.status_code == 200
        assert "Ce document est authentique" in answer.content.decode()
    forged = client.get("/ar/verify/", {"code": "ABCD-EFGH-JKMN-PQRS-TVWX"})
    assert forged.status_code == 404 and "لا توجد وثيقة صادرة عن إدارة" in forged.content.decode()


def test_a_mistyped_code_is_explained_in_the_visitors_language(client):
    page = client.get("/ar/verify/", {"code": "<script>1</script>"}).content.decode()
    assert "ليس هذا رمز تحقق" in page and "<script>1" not in page
    page = client.get("/fr/verify/", {"code": ""}).content.decode()
    assert "Saisissez le code imprimé sur le document." in page
    assert client.get("/fr/verify/").status_code == 200  # the empty form, no error yet
    assert "error-summary" not in client.get("/fr/verify/").content.decode()


def test_french_on_the_receipt_keeps_its_punctuation_where_it_was_written(
    shop_offered, commune, citizen, tmp_path
):
    """Issue 25, item 7: French inside the right-to-left table put its punctuation at the wrong
    end (",locaux ouverts au public, simple vente(", ")…cyber", "(jours / يوما 60) 2027-02-01");
    each language now has its own line, in its own direction."""
    files = {
        d.code: pdf_file(body=d.code.encode())
        for d in shop_offered.documents.all()
        if d.mandatory and not d.required_when
    }
    filing = Filing(catalog.procedure(SHOP), commune, dict(GROCERY), files)
    dossier, _ = file_dossier(citizen, citizen, filing)
    text = pdf_text(receipt_pdf(dossier.receipt), tmp_path, layout=False)
    assert "simple vente," in text and "cyber…" in text
    assert "…cyber" not in text
    days = f"{dossier.due_on.isoformat()} \\S?{dossier.deadline_days} jours"
    assert re.search(days, text), text
