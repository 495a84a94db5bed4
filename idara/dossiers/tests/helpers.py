"""What the dossier tests file: two procedures of a commune, and files that look like files."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from idara.catalog import selectors as catalog
from idara.dossiers.services import Filing

EXTRACT = "extrait-acte-naissance"
DEMOLITION = "permis-demolir"
DEMOLITION_DOCUMENT = "attestation-direction-regionale-cult"
EXTRACT_DATA = {
    "family_name": "El Idrissi",
    "given_name": "Amina",
    "birth_date": "1990-04-12",
    "act_number": 1234,
    "act_year": 1990,
    "relation": "self",
    "copies": 1,
}
# The licence of a commercial activity (R1's conditional documents), filed for a grocery.
SHOP = "autorisation-exercice-activite-commerciale"
GROCERY = {
    "trade_name": "Épicerie Al Baraka",
    "activity_type": "shop",
    "activity": "Épicerie de quartier",
    "address": "12 rue Al Amal, Chefchaouen",
    "surface": 40,
    "trade_register": "RC 12345",
}
DEMOLITION_DATA = {
    "land_title": "12345/07",
    "address": "12 rue Al Amal, Chefchaouen",
    "built_surface": 120,
    "reason": "Bâtiment menaçant ruine selon le rapport technique",
}


def pdf_bytes(body: bytes = b"a scanned page") -> bytes:
    """A real one-page PDF; `body` goes in its page's content stream, so each body gives
    another file (and another SHA-256)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    content = DecodedStreamObject()
    content.set_data(b"% " + body)
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_file(name="document.pdf", body=b"a scanned page"):
    return SimpleUploadedFile(name, pdf_bytes(body), content_type="application/pdf")


def image_bytes(kind: str = "PNG", size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def png_file(name="scan.png"):
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def demolition_filing(commune, **kwargs):
    documents = catalog.version_in_force(catalog.procedure(DEMOLITION)).documents.all()
    files = {d.code: pdf_file() for d in documents if d.mandatory}
    return Filing(catalog.procedure(DEMOLITION), commune, dict(DEMOLITION_DATA), files, **kwargs)


def extract_filing(commune, **kwargs):
    return Filing(catalog.procedure(EXTRACT), commune, dict(EXTRACT_DATA), {}, **kwargs)


REPLACE_REASON = "Le plan est illisible : merci de le numériser à nouveau."


def ask_to_replace(agent, dossier, codes=(DEMOLITION_DOCUMENT,), reason=REPLACE_REASON):
    """R5 (a): the request to replace documents, motivated."""
    from idara.dossiers import services

    return services.ask_applicant(
        agent, dossier, services.Asked("replace_document", list(codes), reason)
    )
