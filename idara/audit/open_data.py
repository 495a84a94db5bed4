"""The audit log's checkpoints and the national public key, published for anyone to keep:
a copy downloaded today still names a log cut or rewritten tomorrow."""

import csv
import io
import json

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from idara.audit import national_key
from idara.audit.selectors import stored_checkpoints

CHECKPOINT_FIELDS = ["day", "entry_id", "head_hash", "key_id", "signature"]


def checkpoints(request, fmt):
    rows = [checkpoint.published() for checkpoint in stored_checkpoints()]
    if fmt == "json":
        body = {"fields": CHECKPOINT_FIELDS, "rows": rows}
        if national_key.has_national_key():
            body |= {"key_id": national_key.key_id(), "public_key": _public_key()}
        response = HttpResponse(json.dumps(body), content_type="application/json")
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CHECKPOINT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-checkpoints.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def public_key(request):
    if not national_key.has_national_key():
        raise Http404(_("No national key is published yet."))
    response = HttpResponse(_public_key(), content_type="application/x-pem-file")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _public_key() -> str:
    return national_key.public_pem().decode()
