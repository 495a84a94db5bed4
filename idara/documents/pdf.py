"""PDF documents drawn from HTML templates by WeasyPrint (HarfBuzz shapes Arabic right)."""

import hashlib

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML

from idara.documents import codes


def new_verification_code() -> str:
    return codes.new_code()


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG, printable at any size."""
    return segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def render_pdf(template: str, context: dict, *, language: str = "ar") -> bytes:
    with translation.override(language):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def verification_url(code: str) -> str:
    """Where a document's QR code leads: its public verification page."""
    return settings.PUBLIC_BASE_URL + reverse("verify", args=[code])


def verification(code: str) -> dict:
    """What a PDF prints to be verified (documents/_verification.html): the QR code, the
    address it leads to, and the code to type or read aloud."""
    url = verification_url(code)
    return {"verify_url": url, "qr": qr_svg(url), "verify_code": codes.grouped(code)}


def drawn_once(document, template: str, context, filename: str, seal=None) -> bytes:
    """The PDF of a receipt or an issued document: drawn the first time (then `seal`ed, i.e.
    signed, if given), kept in its `pdf` field with its SHA-256, and read back every time after,
    so it is always the same bytes."""
    with transaction.atomic():
        kept = type(document).objects.select_for_update().get(pk=document.pk)
        if not kept.pdf:
            content = render_pdf(template, context(kept))
            if seal is not None:
                content = seal(content)
            kept.pdf.save(filename, ContentFile(content), save=False)
            kept.pdf_sha256 = sha256(content)
            kept.save(update_fields=["pdf", "pdf_sha256"])
            return content
    with kept.pdf.open("rb") as f:
        return f.read()
