"""Idara as a client: when a procedure asks for a document another administration holds, the
filing asks that administration through a connector and attaches the answer (L3), instead of
asking the citizen. Connectors are named in settings (EXCHANGE_CONNECTORS); the sandbox land
registry ships for the demo and the tests, and a real one implements the same two methods."""

import hashlib

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from idara.catalog.document_types import PROPERTY_CERTIFICATE, document_types
from idara.documents.pdf import render_pdf
from idara.dossiers.held_documents import HeldDocument, NotObtained
from idara.exchange.models import ExchangeLog


class Connector:
    """One administration Idara asks for documents."""

    name = ""
    holder: tuple[str, str] = ("", "")  # the administration, as the applicant reads it

    def provides(self, document_type: str) -> bool:
        """Whether it holds documents of this type (catalog.document_types)."""
        raise NotImplementedError

    def fetch(self, person, document_type: str) -> bytes | None:
        raise NotImplementedError


class SandboxLandRegistry(Connector):
    """The land registry (ANCFCC) as a sandbox: a property certificate for anyone with a
    national ID. Demo and tests only: its documents say so and prove nothing."""

    name = "ancfcc-sandbox"
    holder = (
        "Agence nationale de la conservation foncière (ANCFCC), bac à sable",
        "الوكالة الوطنية للمحافظة العقارية والمسح العقاري والخرائطية (تجريبية)",
    )

    def provides(self, document_type: str) -> bool:
        return document_type == PROPERTY_CERTIFICATE

    def fetch(self, person, document_type: str) -> bytes | None:
        if not person.national_id:
            return None
        text = (
            f"Certificat de propriété (bac à sable ANCFCC) — {person.full_name} "
            f"— CNIE {person.national_id} — شهادة الملكية (تجريبية)"
        )
        return render_pdf("documents/specimen.html", {"text": text})


def connectors() -> list[Connector]:
    return [import_string(path)() for path in settings.EXCHANGE_CONNECTORS]


def held_elsewhere(applicant, filing, fiche) -> dict[str, HeldDocument]:
    """Supplier of held documents: what the connected administrations hold for the applicant."""
    if not getattr(applicant, "national_id", ""):
        return {}
    held = {}
    for connector in connectors():
        for document in fiche.documents:
            kind = document.source.document_type
            if document.source.code not in held and connector.provides(kind):
                held[document.source.code] = HeldDocument(
                    f"{document.source.code}.pdf",
                    lambda c=connector, k=kind: _fetched(c, applicant, k),
                    f"connector {connector.name}",
                    connector.holder,
                )
    return held


def _fetched(connector: Connector, person, document_type: str) -> bytes:
    """The document, logged in the person's "who consulted my data" (R11); NotObtained, with the
    reason, when the administration has none or does not answer."""
    try:
        content = connector.fetch(person, document_type) or b""
    except Exception:  # noqa: BLE001 (any failure of another administration's service)
        _log(connector, person, document_type, b"", "unreachable")
        raise NotObtained(_("The administration that holds it did not answer."))
    _log(connector, person, document_type, content, "ok" if content else "document_unknown")
    if not content:
        raise NotObtained(_("The administration that holds it has no such document about you."))
    return content


def _log(connector: Connector, person, document_type: str, content: bytes, outcome: str) -> None:
    ExchangeLog.objects.create(
        method="FETCH",
        path=f"connector:{connector.name}",
        status=200 if content else 404,
        outcome=outcome,
        request_sha256=hashlib.sha256(f"{person.pk}:{document_type}".encode()).hexdigest(),
        response_sha256=hashlib.sha256(content).hexdigest(),
        end_user="idara",
        case_reference=document_types()[document_type].name_fr,
        subject=person,
    )
