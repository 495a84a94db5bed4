"""The tus endpoints of resumable uploads: POST creates, HEAD says how far it got, PATCH sends a
piece at that offset, DELETE gives up. Only the upload's owner reaches it; anyone else, 404."""

import base64
import binascii

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from idara.api.errors import error_body
from idara.documents import resumable
from idara.documents.models import ResumableUpload
from idara.dossiers.uploads import SIGNATURES

TUS = {"Tus-Resumable": "1.0.0"}
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"


def _refused(error: resumable.UploadError) -> Response:
    return Response(error_body("upload", error.message), status=error.status, headers=TUS)


MB = 1024 * 1024


def _number(value) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _metadata(header: str) -> dict[str, str]:
    """tus Upload-Metadata: comma-separated "key base64(value)" pairs."""
    found = {}
    for pair in filter(None, (p.strip() for p in header.split(","))):
        key, _sep, value = pair.partition(" ")
        try:
            found[key] = base64.b64decode(value).decode()
        except (binascii.Error, UnicodeDecodeError):
            found[key] = ""
    return found


def _accepted(meta: dict[str, str]) -> resumable.Accepted | None:
    """What the document's field accepts, where the page said (`types`: content types with
    commas, `maxsize`: MB), for the upload to be refused at its start, not after it."""
    types = [t for t in meta.get("types", "").split(",") if t.strip() in SIGNATURES]
    if not types and not meta.get("maxsize"):
        return None
    return resumable.Accepted([t.strip() for t in types], _number(meta.get("maxsize")))


class UploadList(APIView):
    permission_classes = [IsAuthenticated]

    def options(self, request, *args, **kwargs):
        return Response(
            status=204,
            headers=TUS
            | {
                "Tus-Version": "1.0.0",
                "Tus-Extension": "creation,checksum,termination",
                "Tus-Checksum-Algorithm": "sha256",
                "Tus-Max-Size": str(settings.RESUMABLE_UPLOAD_MAX_MB * 1024 * 1024),
            },
        )

    @extend_schema(
        summary="Start a resumable upload (tus 1.0 creation)",
        parameters=[
            OpenApiParameter(
                "Upload-Length",
                {"type": "integer", "minimum": 1, "maximum": settings.RESUMABLE_UPLOAD_MAX_MB * MB},
                OpenApiParameter.HEADER,
                required=True,
                description="the whole file's size; past Tus-Max-Size, 413",
            ),
            OpenApiParameter(
                "Upload-Metadata",
                str,
                OpenApiParameter.HEADER,
                description=(
                    "filename and sha256 of the whole file; types (accepted content types, "
                    "comma-separated) and maxsize (MB) of the document's field: a file larger "
                    "is refused here (413), one of another type at its first piece (415); "
                    "each value base64-encoded"
                ),
            ),
        ],
        request=None,
        responses={201: OpenApiResponse(description="created; its address in Location")},
    )
    def post(self, request):
        meta = _metadata(request.headers.get("Upload-Metadata", ""))
        try:
            upload = resumable.start(
                request.user,
                _number(request.headers.get("Upload-Length")),
                meta.get("filename", ""),
                meta.get("sha256", ""),
                _accepted(meta),
            )
        except resumable.UploadError as error:
            return _refused(error)
        location = reverse("api:upload", args=[upload.pk])
        return Response(status=201, headers=TUS | {"Location": location, "Upload-Offset": "0"})


class UploadDetail(APIView):
    permission_classes = [IsAuthenticated]

    def _upload(self, request, pk) -> ResumableUpload:
        try:
            return resumable.upload_of(request.user, pk)
        except ResumableUpload.DoesNotExist:
            raise Http404(_("Nothing was found at this address."))

    def head(self, request, pk):
        upload = self._upload(request, pk)
        headers = {"Upload-Offset": str(upload.offset), "Upload-Length": str(upload.length)}
        if upload.complete:
            headers["Upload-SHA256"] = upload.sha256
        return Response(status=200, headers=TUS | headers | {"Cache-Control": "no-store"})

    @extend_schema(
        summary="Send the next piece (tus 1.0, checksum extension)",
        parameters=[
            OpenApiParameter(
                "Upload-Offset",
                {"type": "integer", "minimum": 0},
                OpenApiParameter.HEADER,
                required=True,
            ),
            OpenApiParameter(
                "Upload-Checksum", str, OpenApiParameter.HEADER, description="sha256 <base64>"
            ),
        ],
        request={OFFSET_CONTENT_TYPE: OpenApiTypes.BINARY},
        responses={204: OpenApiResponse(description="kept; the new offset in Upload-Offset")},
    )
    def patch(self, request, pk):
        upload = self._upload(request, pk)
        if request.content_type != OFFSET_CONTENT_TYPE:
            message = _("Send the piece as %(type)s.") % {"type": OFFSET_CONTENT_TYPE}
            return _refused(resumable.UploadError(message, 415))
        offset = _number(request.headers.get("Upload-Offset"))
        if offset is None:
            return _refused(resumable.UploadError(_("Give the piece's Upload-Offset."), 400))
        try:
            upload = resumable.append(
                upload, offset, request._request, request.headers.get("Upload-Checksum", "")
            )
        except resumable.UploadError as error:
            return _refused(error)
        return Response(status=204, headers=TUS | {"Upload-Offset": str(upload.offset)})

    @extend_schema(responses={204: OpenApiResponse(description="given up, its bytes removed")})
    def delete(self, request, pk):
        resumable.cancel(self._upload(request, pk))
        return Response(status=204, headers=TUS)
