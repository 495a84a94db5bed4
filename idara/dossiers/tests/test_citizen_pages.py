"""The citizen's pages, without JavaScript: file from the fiche, get the receipt, answer."""

import pytest

from idara.conftest import staff_login
from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import (
    DEMOLITION,
    DEMOLITION_DATA,
    DEMOLITION_DOCUMENT,
    ask_to_replace,
    pdf_file,
)

pytestmark = pytest.mark.django_db


def file_url(commune):
    return f"/fr/procedures/{DEMOLITION}/file/?collectivity={commune.code}"


def test_the_fiche_leads_to_the_form_drawn_from_the_schema(client, offered, citizen):
    client.force_login(citizen)
    fiche = client.get(f"/fr/procedures/{DEMOLITION}/?collectivity={offered.code}").content.decode()
    assert file_url(offered).replace("&", "&amp;") in fiche
    form = client.get(file_url(offered)).content.decode()
    assert "Numéro du titre foncier ou de la réquisition" in form
    assert 'name="filing_token"' in form and 'enctype="multipart/form-data"' in form


def test_filing_online_twice_with_the_same_token_gives_one_dossier(client, offered, citizen):
    client.force_login(citizen)
    post = DEMOLITION_DATA | {
        "filing_token": "3f1c-retry",
        f"doc-{DEMOLITION_DOCUMENT}": pdf_file(),
    }
    first = client.post(file_url(offered), post)
    again = client.post(file_url(offered), post | {f"doc-{DEMOLITION_DOCUMENT}": pdf_file()})
    dossier = Dossier.objects.get()
    assert first["Location"] == again["Location"] == f"/fr/my/dossiers/{dossier.pk}/"
    page = client.get(first["Location"]).content.decode()
    assert dossier.reference in page and "Télécharger le récépissé (PDF)" in page
    assert "Messages qui vous ont été envoyés" in page
    receipt = client.get(f"/fr/my/dossiers/{dossier.pk}/receipt.pdf")
    assert receipt.content.startswith(b"%PDF-")


def test_the_form_sent_again_with_other_answers_shows_what_the_first_filed(
    client, offered, citizen
):
    client.force_login(citizen)
    post = DEMOLITION_DATA | {"filing_token": "3f1c-back", f"doc-{DEMOLITION_DOCUMENT}": pdf_file()}
    first = client.post(file_url(offered), post)
    changed = post | {"built_surface": 99, f"doc-{DEMOLITION_DOCUMENT}": pdf_file()}
    again = client.post(file_url(offered), changed, follow=True)
    assert again.redirect_chain[-1][0] == first["Location"]
    assert "Ce formulaire a déjà été envoyé" in again.content.decode()
    assert Dossier.objects.get().data["built_surface"] == DEMOLITION_DATA["built_surface"]


def test_errors_are_listed_and_linked_to_their_fields(client, offered, citizen):
    client.force_login(citizen)
    html = client.post(
        file_url(offered), DEMOLITION_DATA | {"built_surface": "beaucoup"}
    ).content.decode()
    assert 'role="alert"' in html
    assert 'href="#id_built_surface"' in html and "Saisissez un nombre." in html
    # R3: a document not sent is no mistake: the filing will list it as missing.
    assert f'href="#id_doc-{DEMOLITION_DOCUMENT}"' not in html
    assert not Dossier.objects.exists()


def test_the_citizen_answers_the_request_from_their_page(client, offered, citizen, agent):
    client.force_login(citizen)
    client.post(file_url(offered), DEMOLITION_DATA | {f"doc-{DEMOLITION_DOCUMENT}": pdf_file()})
    dossier = Dossier.objects.get()
    ask_to_replace(agent, dossier)
    page = client.get(f"/fr/my/dossiers/{dossier.pk}/").content.decode()
    assert "Le plan est illisible" in page and "Le délai est suspendu" in page
    client.post(f"/fr/my/dossiers/{dossier.pk}/documents/", {DEMOLITION_DOCUMENT: pdf_file()})
    assert Dossier.objects.get().status == "in_review"


def test_nobody_else_opens_a_citizens_dossier(client, offered, citizen, other_admin):
    client.force_login(citizen)
    client.post(file_url(offered), DEMOLITION_DATA | {f"doc-{DEMOLITION_DOCUMENT}": pdf_file()})
    dossier = Dossier.objects.get()
    staff_login(client, other_admin)
    for path in ("", "receipt.pdf"):
        assert client.get(f"/fr/my/dossiers/{dossier.pk}/{path}").status_code == 404


def test_the_agent_decides_from_the_back_office(client, offered, citizen, agent):
    client.force_login(citizen)
    client.post(file_url(offered), DEMOLITION_DATA | {f"doc-{DEMOLITION_DOCUMENT}": pdf_file()})
    dossier = Dossier.objects.get()
    staff_login(client, agent)
    assert dossier.reference in client.get("/fr/backoffice/dossiers/").content.decode()
    short = client.post(f"/fr/backoffice/dossiers/{dossier.pk}/refuse/", {"motivation": "Court"})
    assert "Confirmer le refus" not in short.content.decode()  # refused before any confirmation
    assert Dossier.objects.get().status == "submitted"  # L8: not motivated enough
    motivated = {"motivation": "Le bâtiment est classé au patrimoine de la médina."}
    asked = client.post(f"/fr/backoffice/dossiers/{dossier.pk}/refuse/", motivated)
    assert "Confirmer le refus" in asked.content.decode()  # issue 25: a decision is confirmed
    assert Dossier.objects.get().status == "submitted"
    client.post(f"/fr/backoffice/dossiers/{dossier.pk}/refuse/", motivated | {"confirmed": "1"})
    assert Dossier.objects.get().status == "refused"


def test_the_documents_open_in_the_browser_for_the_applicant_and_the_agent(
    client, offered, citizen, agent
):
    client.force_login(citizen)
    client.post(file_url(offered), DEMOLITION_DATA | {f"doc-{DEMOLITION_DOCUMENT}": pdf_file()})
    dossier = Dossier.objects.get()
    kept = dossier.files.get()
    mine = client.get(f"/fr/my/dossiers/{dossier.pk}/files/{kept.pk}")
    assert mine["Content-Type"] == "application/pdf" and mine["Content-Disposition"].startswith(
        "inline"
    )
    assert mine["X-Content-Type-Options"] == "nosniff" and "no-store" in mine["Cache-Control"]
    assert b"".join(mine.streaming_content).startswith(b"%PDF-")
    staff_login(client, agent)
    page = client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").content.decode()
    assert f"/fr/backoffice/dossiers/{dossier.pk}/files/{kept.pk}" in page
    assert client.get(f"/fr/backoffice/dossiers/{dossier.pk}/files/{kept.pk}").status_code == 200
