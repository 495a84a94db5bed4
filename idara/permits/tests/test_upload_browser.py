"""In the browser, a plan is sent in pieces: the connection drops during the upload, the page
resumes where the server stopped, and the dossier keeps a file with the original's SHA-256."""

import hashlib
import os

import pytest
from playwright.sync_api import expect

from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROJECT = {
    "land_title": "777/07",
    "address": "Route de Ras El Ma, 4",
    "parcel_surface": "120",
    "built_surface": "90",
    "floors": "1",
    "architect_name": "Karim Bennani",
    "architect_order_number": "A-2211",
    "engineer_name": "Bureau d'études Rif Structures",
}


def test_a_dropped_connection_resumes_and_the_plan_keeps_its_hash(
    new_page, live_server, demo, tmp_path, screenshot
):
    plan = tmp_path / "plans.pdf"
    plan.write_bytes(pdf_bytes(os.urandom(2_500_000)))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes())
    page = new_page(1280)
    page.goto(f"{live_server.url}/fr/backoffice/login/")
    page.get_by_label("Adresse électronique").fill("citizen@demo.idara.ma")
    page.get_by_label("Mot de passe").fill("idara-demo")
    page.get_by_role("button", name="Se connecter").click()

    offsets = []  # of each piece the page sends

    def drop_the_second_piece(route):
        if route.request.method == "PATCH":
            offsets.append(route.request.headers["upload-offset"])
            if len(offsets) == 2:
                route.abort("connectionreset")
                return
        route.continue_()

    page.route("**/api/v1/uploads/*", drop_the_second_piece)
    page.goto(
        f"{live_server.url}/fr/procedures/permis-construire-petits-projets/file/"
        "?collectivity=01.151.01.01."
    )
    for name, value in PROJECT.items():
        page.locator(f"#id_{name}").fill(value)
    page.locator("#id_use").select_option("housing")
    page.locator("#id_doc-plans-construction").set_input_files(str(plan))
    expect(page.get_by_text("Reçu en entier").first).to_be_visible(timeout=30_000)
    for field in page.locator("input[type=file]").all():
        if field.get_attribute("id") != "id_doc-plans-construction":
            field.set_input_files(str(scan))
    expect(page.get_by_text("Reçu en entier")).to_have_count(
        page.locator("input[type=file]").count(), timeout=30_000
    )
    screenshot(page, "permit-resumable-upload-fr")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator(".messages[role=status]")).to_contain_text("Votre demande a été reçue")

    # The piece lost with the connection was sent again from the same offset, not from zero
    # (the first piece is 64 KB: the server reads the file's kind from it).
    assert offsets[1] == offsets[2] == "65536"
    (dossier,) = [d for d in Dossier.objects.all() if d.data.get("land_title") == "777/07"]
    kept = dossier.files.get(document_code="plans-construction")
    assert kept.sha256 == hashlib.sha256(plan.read_bytes()).hexdigest()
    assert kept.size == plan.stat().st_size
