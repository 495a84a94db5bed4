"""What the exchange gives, and the consents that allow it. A document about a person goes to
an administration only with that person's consent in force, or a legal basis the
administration's registration names for that kind of document."""

import base64
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.models import Application

from idara.accounts.models import User
from idara.audit.services import record
from idara.civil_status.once_only import applicant_birth_act, held_extract
from idara.documents.issuing import issued_pdf
from idara.documents.models import IssuedDocument, Kind
from idara.exchange.gate import Refused
from idara.exchange.models import DOCUMENT_SCOPES, ClientAdministration, Consent, Scope
from idara.territories.models import Collectivity
from idara.vault.fields import blind_index


def consented(user, client: ClientAdministration, scope: str) -> bool:
    if _by_legal_basis(client, scope):
        return True
    return Consent.objects.filter(
        user=user, client=client, scope=scope, revoked_at__isnull=True
    ).exists()


def _by_legal_basis(client: ClientAdministration, scope: str) -> bool:
    return scope in client.legal_basis_scopes and bool(client.legal_basis.strip())


def document_about(call, national_id: str, scope: str, collectivity_code: str = "") -> dict:
    """The document of this kind Idara holds about the person, for the calling administration.
    Without a legal basis, a CNIE with no account and one with no consent get the same answer:
    the exchange never tells a client who has an account."""
    person = (
        User.objects.filter(national_id_digest=blind_index(national_id.upper())).first()
        if national_id
        else None
    )
    if person is None and _by_legal_basis(call.client, scope):
        raise Refused(404, "person_unknown", _("No citizen of Idara has this national ID."))
    call.subject = person  # the citizen sees the attempt, refused or not
    if person is None or not consented(person, call.client, scope):
        raise Refused(
            403, "consent_missing", _("No consent of this person to this exchange is in force.")
        )
    if scope == Scope.PERMIT:
        content, reference = _permit(person)
    else:
        content, reference = _civil_extract(person, collectivity_code)
    return {
        "kind": scope.split(".", 1)[1],
        "reference": reference,
        "sha256": hashlib.sha256(content).hexdigest(),
        "pdf_base64": base64.b64encode(content).decode(),
    }


def _permit(person) -> tuple[bytes, str]:
    found = (
        IssuedDocument.objects.filter(kind=Kind.PERMIT, dossier__applicant=person)
        .select_related("dossier")
        .order_by("-issued_at")
        .first()
    )
    if found is None:
        raise Refused(404, "document_unknown", _("Idara issued no permit to this person."))
    return issued_pdf(found), found.dossier.reference


def _civil_extract(person, collectivity_code: str) -> tuple[bytes, str]:
    bureau = Collectivity.objects.filter(code=collectivity_code).first()
    act = applicant_birth_act(bureau, person, {}) if bureau else None
    if act is None:
        raise Refused(
            404, "document_unknown", _("This commune's register holds no birth act of this person.")
        )
    return held_extract(act), f"{act.number}/{act.year}"


@transaction.atomic
def grant(user, client: ClientAdministration, scope: str) -> Consent:
    if scope not in DOCUMENT_SCOPES or scope not in client.scopes:
        raise ValueError(_("This administration does not receive this kind of document."))
    consent = Consent.objects.create(
        user=user, client=client, scope=scope, granted_at=timezone.now()
    )
    record(
        user,
        "exchange.consent_granted",
        consent,
        data={"client": client.identifier, "scope": scope},
    )
    return consent


@transaction.atomic
def revoke(user, consent_id) -> bool:
    """Withdraw the user's own consent in force; False if the user has none by this id."""
    consent = Consent.objects.filter(pk=consent_id, user=user, revoked_at__isnull=True).first()
    if consent is None:
        return False
    consent.revoked_at = timezone.now()
    consent.save(update_fields=["revoked_at"])
    record(user, "exchange.consent_revoked", consent, data={"scope": consent.scope})
    return True


def register_client(identifier: str, **fields) -> tuple[ClientAdministration, str]:
    """An administration that calls Idara: its OAuth2 client (the secret returned once, Idara
    keeping only its hash) and what it may ask (`fields`: names, public JWK, scopes, legal
    basis)."""
    secret = secrets.token_urlsafe(32)
    application = Application.objects.create(
        name=identifier,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
    )
    client = ClientAdministration.objects.create(
        application=application, identifier=identifier, **fields
    )
    record(None, "exchange.client_registered", client, data={"scopes": client.scopes})
    return client, secret
