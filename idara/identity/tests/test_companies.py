"""Businesses: a company by its ICE, registered by someone who proves they represent it; its
members file for it and follow its dossiers; its manager says who they are; the agent checks
the proof before any decision."""

import pytest

from idara.conftest import make_user, staff_login
from idara.dossiers import decision_checks
from idara.dossiers.models import Dossier
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import DEMOLITION_DATA, DEMOLITION_DOCUMENT, pdf_file
from idara.identity import companies
from idara.identity.models import Company, MandateState

pytestmark = pytest.mark.django_db

ICE = "001525384000071"


@pytest.fixture
def manager(client):
    person = make_user("gerante@atlas.ma", full_name="Nadia Berrada")
    person.national_id = "BE654321"
    person.save()
    client.force_login(person)
    return person


def _register(client, **changes):
    form = {"ice": "0015 2538 4000 071", "name": "Atlas Bâtiment SARL", "name_ar": "أطلس"}
    return client.post("/fr/account/companies/", form | {"document": pdf_file("rc.pdf")} | changes)


def _file_for(client, offered, company):
    offering = offered.offerings.get(procedure__slug="permis-demolir")
    post = DEMOLITION_DATA | {"for": f"company-{company.pk}", "filing_token": "company-1"}
    post[f"doc-{DEMOLITION_DOCUMENT}"] = pdf_file()
    slug, code = offering.procedure.slug, offering.collectivity.code
    return client.post(f"/fr/procedures/{slug}/file/?collectivity={code}", post)


def test_a_company_is_registered_by_its_ice_with_its_proof(client, manager):
    response = _register(client)
    company = Company.objects.get()
    assert response["Location"] == f"/fr/account/companies/{company.pk}/"
    assert (company.ice, company.state) == (ICE, MandateState.TO_CHECK)
    assert len(company.document_sha256) == 64
    assert companies.membership(manager, company.pk).is_manager
    again = _register(client)
    assert "déjà enregistré" in again.content.decode()
    bad = _register(client, ice="12345")
    assert "15 chiffres" in bad.content.decode() and Company.objects.count() == 1


def test_a_member_named_by_the_manager_files_and_every_member_follows(
    client, manager, offered, citizen
):
    _register(client)
    company = Company.objects.get()
    citizen.national_id = "JK45678"
    citizen.save()
    member = {
        "national_id": "JK45678",
        "email": citizen.email,
        "full_name": "Amina",
        "full_name_ar": "أمينة",
    }
    client.post(f"/fr/account/companies/{company.pk}/", member)
    client.force_login(citizen)
    assert company in companies.companies_of(citizen)
    _file_for(client, offered, company)
    dossier = Dossier.objects.get()
    assert (dossier.company, dossier.applicant) == (company, citizen)
    client.force_login(manager)  # another member sees it
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 200
    outsider = make_user("outsider@example.ma")
    client.force_login(outsider)
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 404

    client.force_login(manager)
    membership = company.members.get(user=citizen)
    client.post(f"/fr/account/companies/{company.pk}/members/{membership.pk}/remove/")
    client.force_login(citizen)
    assert company not in companies.companies_of(citizen)  # no longer files for it
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 200  # what they filed
    client.force_login(manager)
    Dossier.objects.filter(pk=dossier.pk).update(applicant=manager)  # as if the manager filed
    client.force_login(citizen)
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 404


def test_a_cnie_typed_at_sign_up_opens_no_company(client, manager):
    """The manager names a member by CNIE and e-mail: an account holding the CNIE but another
    e-mail (anyone may type a CNIE at sign-up) is no member."""
    _register(client)
    company = Company.objects.get()
    member = {
        "national_id": "JK45678",
        "email": "real@example.ma",
        "full_name": "Hassan",
        "full_name_ar": "حسن",
    }
    client.post(f"/fr/account/companies/{company.pk}/", member)
    record = company.members.get(is_manager=False).user
    record.email = "impostor@example.ma"  # as a sign-up with that CNIE would make it
    record.save()
    assert company not in companies.companies_of(record)


def test_only_the_manager_names_members(client, manager, citizen):
    _register(client)
    company = Company.objects.get()
    citizen.national_id = "JK45678"
    citizen.save()
    companies.add_member(
        manager,
        company,
        national_id="JK45678",
        email=citizen.email,
        full_name="A",
        full_name_ar="أ",
    )
    with pytest.raises(TransitionRefused):
        companies.add_member(
            citizen,
            company,
            national_id="AB1",
            email="x@example.ma",
            full_name="X",
            full_name_ar="س",
        )
    with pytest.raises(TransitionRefused):
        companies.remove_member(manager, company.members.get(is_manager=True))


def test_no_decision_before_the_agent_checks_the_companys_proof(client, manager, offered, agent):
    _register(client)
    company = Company.objects.get()
    _file_for(client, offered, company)
    dossier = Dossier.objects.get()
    with pytest.raises(TransitionRefused, match="entreprise"):
        decision_checks.check(dossier, "accept")
    staff_login(client, agent)
    page = client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").content.decode()
    assert "Déposé pour une entreprise" in page and ICE in page
    assert client.get(f"/fr/backoffice/dossiers/{dossier.pk}/proof/document").status_code == 200
    client.post(f"/fr/backoffice/dossiers/{dossier.pk}/proof/check/", {"valid": "yes"})
    company.refresh_from_db()
    assert (company.state, company.checked_by) == (MandateState.CHECKED, agent)
    decision_checks.check(Dossier.objects.get(), "accept")


def test_nobody_outside_opens_a_company_or_removes_its_members(client, manager, citizen):
    _register(client)
    company = Company.objects.get()
    membership = company.members.get()
    client.force_login(citizen)
    assert client.get(f"/fr/account/companies/{company.pk}/").status_code == 404
    remove = f"/fr/account/companies/{company.pk}/members/{membership.pk}/remove/"
    assert client.post(remove).status_code == 404
    assert company.members.count() == 1
