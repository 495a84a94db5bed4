"""Issue 10: "Bad input, tried by the tests: forged and replayed tokens, other tenants' ids,
path traversal in file names, oversized and malformed multipart bodies, SQL and HTML in every
text field, polyglot files: each refused with a clear error, nothing stored."

Forged, expired and replayed tokens: accounts/api token tests and exchange/test_exchange.py;
other tenants' ids: tests/test_isolation.py; polyglots: dossiers/test_upload_safety.py."""

from pathlib import Path

import pytest
from django.core.files.storage import storages

from idara.catalog import selectors as catalog
from idara.dossiers.models import Dossier, DossierFile
from idara.dossiers.tests.helpers import DEMOLITION, DEMOLITION_DATA, pdf_file

pytestmark = pytest.mark.django_db

HOSTILE_TEXT = [
    "'; DROP TABLE dossiers_dossier; --",
    "1' OR '1'='1",
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "{{ request.user.password }} {% debug %}",
]


def _filing_page(offered) -> str:
    return f"/fr/procedures/{DEMOLITION}/file/?collectivity={offered.code}"


def _documents():
    version = catalog.version_in_force(catalog.procedure(DEMOLITION))
    return {f"doc-{d.code}": pdf_file() for d in version.documents.all() if d.mandatory}


def _text_fields() -> list[str]:
    schema = catalog.version_in_force(catalog.procedure(DEMOLITION)).form_schema
    return [
        name
        for name, spec in schema["properties"].items()
        if spec.get("type") == "string" and "pattern" not in spec and "enum" not in spec
    ]


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_sql_and_html_in_every_text_field_stay_inert_text(client, offered, citizen, agent, hostile):
    fields = _text_fields()
    assert fields
    answers = dict(DEMOLITION_DATA) | {name: hostile for name in fields}
    client.force_login(citizen)
    client.post(_filing_page(offered), answers | _documents())
    dossier = Dossier.objects.get()  # the table is there, and holds the answers verbatim
    assert all(dossier.data[name] == hostile for name in fields)
    for viewer, page in (
        (citizen, f"/fr/my/dossiers/{dossier.pk}/"),
        (agent, f"/fr/backoffice/dossiers/{dossier.pk}/"),
    ):
        client.force_login(viewer)
        html = client.get(page).content.decode()
        assert hostile not in html or "<" not in hostile, page  # markup never reaches a page raw
        assert "<script>alert" not in html and "onerror=alert" not in html.replace("&", "")


def test_a_file_name_with_a_path_in_it_is_never_used(client, offered, citizen):
    documents = _documents()
    for upload in documents.values():
        upload.name = "../../../../etc/passwd.pdf"
    client.force_login(citizen)
    client.post(_filing_page(offered), dict(DEMOLITION_DATA) | documents)
    stored = DossierFile.objects.all()
    assert stored.count() == len(documents)
    root = Path(storages["default"].inner.location).resolve()
    for kept in stored:
        assert ".." not in kept.file.name and "passwd" not in kept.file.name
        assert Path(storages["default"].inner.path(kept.file.name)).resolve().is_relative_to(root)
        assert kept.name.endswith(".pdf") and "/" not in kept.name


def test_an_oversized_body_is_refused_before_it_is_read(client, offered, citizen, settings):
    settings.MAX_REQUEST_BODY_MB = 1
    client.force_login(citizen)
    big = pdf_file(body=b"x" * (2 * 1024 * 1024))
    page = client.post(_filing_page(offered), dict(DEMOLITION_DATA) | {"doc-plan": big})
    assert page.status_code == 413 and "dépasse 1 Mo" in page.content.decode()
    big.seek(0)
    api = client.post(
        "/api/v1/dossiers",
        {"procedure": DEMOLITION, "collectivity": offered.code, "plan": big},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert api.status_code == 413 and "dépasse 1 Mo" in api.json()["error"]["message"]
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()


TRUNCATED = (
    b'--xyz\r\nContent-Disposition: form-data; name="doc-plan"; filename="a.pdf"\r\n\r\n%PDF-'
)


@pytest.mark.parametrize("path", ["page", "api"])
def test_a_multipart_body_without_its_boundary_is_refused(client, offered, citizen, path):
    client.force_login(citizen)
    url = _filing_page(offered) if path == "page" else "/api/v1/dossiers"
    response = client.generic("POST", url, b"garbage", content_type="multipart/form-data")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Traceback" not in body
    assert "comprise" in body if path == "page" else response.json()["error"]["code"]
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()


@pytest.mark.parametrize("path", ["page", "api"])
def test_a_truncated_multipart_body_stores_nothing_and_says_what_is_missing(
    client, offered, citizen, path
):
    client.force_login(citizen)
    url = _filing_page(offered) if path == "page" else "/api/v1/dossiers"
    response = client.generic(
        "POST", url, TRUNCATED, content_type="multipart/form-data; boundary=xyz"
    )
    assert response.status_code in (200, 400)  # the page shows its form again, with the errors
    body = response.content.decode()
    assert "Traceback" not in body
    assert ("error-summary" in body) if path == "page" else response.json()["error"]["fields"]
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/collectivities?q=a%00b", "/fr/collectivities/?q=%00"])
def test_a_nul_character_in_a_query_is_refused_not_a_server_error(client, path):
    response = client.get(path)
    assert response.status_code == 400 and "Traceback" not in response.content.decode()
