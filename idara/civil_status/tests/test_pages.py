"""The register and orders in the browser's pages: the bureau's agent imports, enters and
corrects acts, and issues an order the citizen paid online."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from idara.civil_status.models import Act
from idara.civil_status.register_file import import_register
from idara.civil_status.tests.conftest import BIRTH
from idara.civil_status.tests.test_import import numbered, register_csv
from idara.conftest import make_user, staff_login
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import extract_filing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_payments")]


def test_an_import_with_a_bad_line_shows_the_report_and_loads_nothing(client, commune, civil_agent):
    staff_login(client, civil_agent)
    upload = SimpleUploadedFile("r.csv", register_csv(numbered(1), numbered(2) | {"sex": "?"}))
    html = client.post(
        f"/fr/backoffice/collectivities/{commune.code}/register/", {"register": upload}
    ).content.decode()
    assert "Ligne 3" in html and "rien n’a été chargé" in html
    assert not Act.objects.exists()
    upload = SimpleUploadedFile("r.csv", register_csv(numbered(1), numbered(2)))
    client.post(f"/fr/backoffice/collectivities/{commune.code}/register/", {"register": upload})
    assert Act.objects.count() == 2


def test_the_agent_enters_then_corrects_an_act(client, commune, civil_agent):
    staff_login(client, civil_agent)
    response = client.post(f"/fr/backoffice/collectivities/{commune.code}/register/new/", BIRTH)
    act = Act.objects.get()
    assert response["Location"].endswith(f"/backoffice/acts/{act.pk}/")
    again = client.post(f"/fr/backoffice/collectivities/{commune.code}/register/new/", BIRTH)
    assert "contient déjà" in again.content.decode() and Act.objects.count() == 1
    fields = {k: v for k, v in BIRTH.items() if k not in ("kind", "year", "number")}
    client.post(
        f"/fr/backoffice/acts/{act.pk}/",
        fields | {"change": "correct", "given_name_fr": "Aminah", "reason": "Jugement 12/2027"},
    )
    act.refresh_from_db()
    assert act.given_name_fr == "Aminah" and act.notes.get().kind == "rectification"


def test_the_order_is_paid_online_then_issued_from_the_dossier_page(
    client, act, offered, signing, civil_agent
):
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    filing = extract_filing(offered)
    filing.data["given_name"] = "Aminah"  # the agent sees what differs from the act
    order = file_dossier(amina, amina, filing)[0]
    client.force_login(amina)
    page = client.get(f"/fr/my/dossiers/{order.pk}/").content.decode()
    assert "Payer 2,00 MAD en ligne" in page
    checkout = client.post(f"/fr/my/dossiers/{order.pk}/pay/")["Location"]
    client.post(checkout, {"outcome": "paid"})
    assert "Droit payé" in client.get(f"/fr/my/dossiers/{order.pk}/").content.decode()

    client.logout()
    staff_login(client, civil_agent)
    page = client.get(f"/fr/backoffice/dossiers/{order.pk}/").content.decode()
    assert "Aminah" in page and "/deliver/" in page and "/accept/" not in page
    client.post(f"/fr/backoffice/dossiers/{order.pk}/deliver/", {"confirmed": "1"})
    order.refresh_from_db()
    assert order.status == "accepted" and order.issued.get().kind == "civil_extract"


def test_a_counter_payment_needs_a_real_amount(client, act, offered, signing, civil_agent):
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    order = file_dossier(amina, amina, extract_filing(offered))[0]
    staff_login(client, civil_agent)
    url = f"/fr/backoffice/dossiers/{order.pk}/record_payment/"
    for amount in ("NaN", "-2", "deux", "1e12"):
        client.post(url, {"amount": amount, "counter_receipt": "Q-1"})
    assert not order.payments.exists()
    client.post(url, {"amount": "2,00", "counter_receipt": "Q-1"})
    assert order.payments.get().counter_receipt == "Q-1"


def test_the_registers_next_page_keeps_the_search(client, commune, civil_agent):
    import_register(civil_agent, commune, register_csv(*(numbered(n) for n in range(1, 61))))
    staff_login(client, civil_agent)
    url = f"/fr/backoffice/collectivities/{commune.code}/register/?q=Idrissi"
    assert 'href="?q=Idrissi&amp;page=2" rel="next"' in client.get(url).content.decode()
