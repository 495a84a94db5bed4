"""PDF documents drawn from HTML templates by WeasyPrint (HarfBuzz shapes Arabic right)."""

import hashlib
import secrets

import segno
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

# A verification code carries 160 random bits (the law asks at least 128).
CODE_BYTES = 20


def new_verification_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG, printable at any size."""
    return segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def render_pdf(template: str, context: dict, *, language: str = "ar") -> bytes:
    with translation.override(language):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
