"""Every call of another administration passes here: a valid short-lived token (OAuth2 client
credentials), a request signed by the client (a JWS over the method, the address, the body's
SHA-256, a time and a nonce, naming who asks and why), a scope it was granted, a rate it keeps.
Every call, answered or refused, is logged with the hashes of the request and the answer."""

import hashlib
import json
import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey
from oauth2_provider.models import AccessToken
from rest_framework.response import Response

from idara.api.errors import error_body
from idara.exchange.models import ClientAdministration, ExchangeLog

SIGNATURE_HEADER = "Idara-Signature"
MAX_SKEW_SECONDS = 300


class Refused(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Call:
    client: ClientAdministration | None = None
    end_user: str = ""
    case_reference: str = ""
    jti: str = ""
    subject: object = None


def answer(request, scope: str, handler) -> Response:
    """Check the call, run `handler(call)` (which returns a JSON-able dict), log it all."""
    call = Call()
    try:
        call.client = _client(request)
        _check_rate(call.client)
        _check_signature(request, call)
        if scope not in call.client.scopes:
            raise Refused(403, "scope_missing", _("This administration may not use this service."))
        response = Response(handler(call))
        outcome = "ok"
    except Refused as refused:
        response = Response(error_body(refused.code, refused.message), status=refused.status)
        outcome = refused.code
    _log(request, call, response, outcome)
    return response


def _client(request) -> ClientAdministration:
    header = request.headers.get("Authorization", "")
    token = header[7:] if header.startswith("Bearer ") else ""
    found = (
        AccessToken.objects.select_related("application")
        .filter(token_checksum=hashlib.sha256(token.encode()).hexdigest())
        .first()
        if token
        else None
    )
    if found is None or found.is_expired():
        raise Refused(401, "token_invalid", _("The access token is missing, unknown or expired."))
    client = ClientAdministration.objects.filter(application=found.application, active=True).first()
    if client is None:
        raise Refused(
            403, "client_unknown", _("This application is not a registered administration.")
        )
    return client


def _check_rate(client: ClientAdministration) -> None:
    since = timezone.now() - timezone.timedelta(minutes=1)
    if ExchangeLog.objects.filter(client=client, at__gte=since).count() >= client.calls_per_minute:
        raise Refused(429, "rate_limited", _("Too many calls: wait a minute."))


def _check_signature(request, call: Call) -> None:
    signed = request.headers.get(SIGNATURE_HEADER, "")
    if not signed:
        raise Refused(401, "signature_missing", _("The request must be signed."))
    try:
        key = ECKey.import_key(call.client.public_jwk)
        claims = json.loads(jws.deserialize_compact(signed, key, algorithms=["ES256"]).payload)
    except (JoseError, ValueError, TypeError):
        raise Refused(401, "signature_invalid", _("The signature does not verify."))
    expected = {
        "htm": request.method,
        "htu": request.get_full_path(),
        "body_sha256": hashlib.sha256(request.body).hexdigest(),
    }
    if any(claims.get(name) != value for name, value in expected.items()):
        raise Refused(401, "signature_mismatch", _("The signature is for another request."))
    if (
        not isinstance(claims.get("iat"), int)
        or abs(time.time() - claims["iat"]) > MAX_SKEW_SECONDS
    ):
        raise Refused(
            401, "signature_expired", _("The signed request is too old or in the future.")
        )
    for name in ("jti", "end_user", "case"):
        if not isinstance(claims.get(name), str) or not claims[name].strip():
            raise Refused(
                400, "signature_incomplete", _("Say who asks, for which case, with a nonce.")
            )
    if ExchangeLog.objects.filter(client=call.client, jti=claims["jti"][:100]).exists():
        raise Refused(409, "replayed", _("This signed request was already received."))
    call.jti = claims["jti"][:100]
    call.end_user, call.case_reference = claims["end_user"][:200], claims["case"][:200]


def _log(request, call: Call, response: Response, outcome: str) -> None:
    body = json.dumps(response.data, sort_keys=True, default=str).encode()
    entry = ExchangeLog(
        client=call.client,
        method=request.method,
        path=request.get_full_path()[:300],
        status=response.status_code,
        outcome=outcome,
        request_sha256=_request_digest(request),
        response_sha256=hashlib.sha256(body).hexdigest(),
        end_user=call.end_user,
        case_reference=call.case_reference,
        subject=call.subject,
        jti=call.jti,
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # the same nonce at the same instant: keep the trace, not the nonce
        entry.jti = ""
        entry.save()


def _request_digest(request) -> str:
    signed = request.headers.get(SIGNATURE_HEADER, "")
    content = b"\n".join(
        [request.method.encode(), request.get_full_path().encode(), signed.encode(), request.body]
    )
    return hashlib.sha256(content).hexdigest()
