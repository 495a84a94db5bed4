"""What the dossier tests file: two procedures of a commune, and files that look like files."""

from django.core.files.uploadedfile import SimpleUploadedFile

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
DEMOLITION_DATA = {
    "land_title": "12345/07",
    "address": "12 rue Al Amal, Chefchaouen",
    "built_surface": 120,
    "reason": "Bâtiment menaçant ruine selon le rapport technique",
}


def pdf_file(name="document.pdf", body=b"a scanned page"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n" + body + b"\n%%EOF\n", content_type="application/pdf"
    )


def png_file(name="scan.png"):
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")


def demolition_filing(commune, **kwargs):
    documents = catalog.version_in_force(catalog.procedure(DEMOLITION)).documents.all()
    files = {d.code: pdf_file() for d in documents if d.mandatory}
    return Filing(catalog.procedure(DEMOLITION), commune, dict(DEMOLITION_DATA), files, **kwargs)


def extract_filing(commune, **kwargs):
    return Filing(catalog.procedure(EXTRACT), commune, dict(EXTRACT_DATA), {}, **kwargs)
