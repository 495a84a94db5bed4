"""The permit to occupy names the building permit: Idara attaches the one it issued (L3);
the public register lists issued permits without their holders; bad input changes nothing."""

from decimal import Decimal

import pytest

from idara.catalog import selectors as catalog
from idara.dossiers import services
from idara.dossiers.models import Dossier, Purpose
from idara.dossiers.services import Filing, FilingRefused
from idara.dossiers.tests.helpers import pdf_file, png_file
from idara.payments.services import record_counter_payment
from idara.permits.tests.conftest import OCCUPANCY, body_agent, building_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(offered, applicant, urbanism_agent):
    """A building permit the commune issued to the applicant."""
    permit = services.file_dossier(applicant, applicant, building_filing(offered))[0]
    for kind in ("urban_agency", "civil_protection"):
        opinion = permit.opinions.get(asked_service__kind=kind)
        services.answer_opinion(body_agent(offered, kind), opinion, "Conforme.", "favourable")
    record_counter_payment(urbanism_agent, permit, Decimal("1500.00"), "Q-1")
    services.accept(urbanism_agent, permit)
    return permit


def occupancy_filing(commune, reference, land_title="4521/07", key="occupancy"):
    version = catalog.version_in_force(catalog.procedure(OCCUPANCY))
    files = {
        d.code: pdf_file()
        for d in version.documents.all()
        if d.mandatory and "permis de construire" not in d.name_fr
    }
    data = {
        "permit_reference": reference,
        "land_title": land_title,
        "completion_date": "2026-11-01",
    }
    held = tuple(d.code for d in version.documents.all())  # R11: the applicant consents
    return Filing(catalog.procedure(OCCUPANCY), commune, data, files, key, consents=held)


def test_the_permit_to_occupy_gets_the_building_permit_from_idara(issued, applicant):
    dossier = services.file_dossier(
        applicant, applicant, occupancy_filing(issued.collectivity, issued.reference)
    )[0]
    held = dossier.files.get(purpose=Purpose.HELD)
    assert "permis" in held.document_code and held.content_type == "application/pdf"


def test_a_number_of_the_commune_that_is_not_the_applicants_permit_is_refused(issued):
    from idara.conftest import make_user

    stranger = make_user("stranger@example.ma")
    before = Dossier.objects.count()
    with pytest.raises(FilingRefused) as refused:
        services.file_dossier(
            stranger, stranger, occupancy_filing(issued.collectivity, issued.reference)
        )
    assert "issued you no building permit" in refused.value.errors["permit_reference"][0]
    assert Dossier.objects.count() == before


def test_the_land_must_be_the_permits(issued, applicant):
    with pytest.raises(FilingRefused) as refused:
        services.file_dossier(
            applicant,
            applicant,
            occupancy_filing(issued.collectivity, issued.reference, land_title="999/01"),
        )
    assert "4521/07" in refused.value.errors["land_title"][0]


def test_an_older_paper_permit_is_sent_as_a_copy(offered, applicant):
    """Not held by Idara, its copy is asked of the user: missing, the file is being filed
    (R3), never refused for it."""
    dossier, _ = services.file_dossier(
        applicant, applicant, occupancy_filing(offered, "PC-1998-0042")
    )
    assert dossier.status == "being_filed"
    assert dossier.missing_documents == ["copie-permis-construire"]


def test_a_plan_that_is_not_a_pdf_is_refused(offered, applicant):
    filing = building_filing(offered)
    filing.files["plans-construction"] = png_file("plan.png")
    with pytest.raises(FilingRefused) as refused:
        services.file_dossier(applicant, applicant, filing)
    assert list(refused.value.errors) == ["plans-construction"]
    assert not Dossier.objects.exists()


def test_a_surface_that_is_not_a_number_is_refused(offered, applicant):
    with pytest.raises(FilingRefused) as refused:
        services.file_dossier(applicant, applicant, building_filing(offered, built_surface="150m2"))
    assert "built_surface" in refused.value.errors
    assert not Dossier.objects.exists()


def test_the_public_register_shows_the_permit_not_its_holder(client, issued):
    page = client.get(f"/fr/permits/{issued.collectivity.code}/").content.decode()
    assert issued.reference in page and "Lotissement Al Amal" in page and "Habitation" in page
    assert "Youssef" not in page and "youssef@" not in page
    csv = client.get(f"/fr/permits/{issued.collectivity.code}/permits.csv").content.decode()
    assert csv.splitlines()[0].startswith("reference,issued_on,procedure,address")
    assert issued.reference in csv and "Youssef" not in csv


def test_the_register_of_another_commune_does_not_show_it(client, issued, other_commune):
    page = client.get(f"/fr/permits/{other_commune.code}/").content.decode()
    assert issued.reference not in page
