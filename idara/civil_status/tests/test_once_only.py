"""LAW.md L3: "Documents the platform already holds (an act of the collectivity's own
register ...) are attached by reference, never asked again." """

import subprocess

import pytest

from idara.catalog import selectors as catalog
from idara.catalog.document_types import BIRTH_ACT, classify
from idara.catalog.form_schema import example_answers
from idara.catalog.services import OfferingChanges, publish_version, set_offering
from idara.civil_status import services as register
from idara.civil_status.once_only import applicant_birth_act
from idara.civil_status.tests.conftest import BIRTH
from idara.conftest import make_user
from idara.dossiers.services import Filing, file_dossier
from idara.dossiers.tests.helpers import pdf_file

pytestmark = pytest.mark.django_db
FIRST_NAME = "changement-de-prenom"


@pytest.fixture
def first_name_change(catalogue, commune, admin):
    set_offering(
        admin,
        commune,
        catalog.procedure(FIRST_NAME),
        OfferingChanges(online=True, service=commune.services.get(kind="civil_status")),
    )
    version = catalog.version_in_force(catalog.procedure(FIRST_NAME))
    birth_act = next(d for d in version.documents.all() if d.document_type == BIRTH_ACT)
    others = {d.code: pdf_file() for d in version.documents.all() if d.mandatory}
    others.pop(birth_act.code)
    return version, birth_act.code, others


def filing(commune, version, files, consent=True, **data):
    """R11: by default the applicant consents that every document held is obtained for them."""
    answers = example_answers(version.form_schema) | data
    consents = tuple(d.code for d in version.documents.all()) if consent else ()
    return Filing(catalog.procedure(FIRST_NAME), commune, answers, dict(files), consents=consents)


def test_which_documents_of_the_national_file_are_the_applicants_own_birth_act():
    """R1: "Every required document has a stable document type code (not its label)": the
    national file has only labels, read once at import."""
    assert classify("Copie de l'acte de naissance de l'intéressé") == BIRTH_ACT
    assert classify("Extrait d'acte de naissance de moins de trois mois") == BIRTH_ACT
    assert classify("Copie de l'acte de naissance du père") == "birth-act-of-relative"
    assert classify("Extrait d'acte de naissance de l'époux") == "birth-act-of-relative"
    assert classify("Avis de l'autorité locale") == "other"


def test_a_renamed_birth_act_is_still_held_by_the_register(
    act, commune, first_name_change, supervisor
):
    """R1: "what is asked, held, exchanged or forbidden is decided by that code": the national
    supervisor renames the document, in both languages, and the register still supplies it."""
    version, code, others = first_name_change
    documents = [
        {"code": d.code, "name_fr": d.name_fr, "name_ar": d.name_ar, "mandatory": d.mandatory}
        for d in version.documents.all()
    ]
    for document in documents:
        if document["code"] == code:
            document.update(
                name_fr="Pièce d'état civil du demandeur", name_ar="وثيقة الحالة المدنية"
            )
    renamed = publish_version(
        supervisor,
        catalog.procedure(FIRST_NAME),
        {},
        documents,
        effective_from=version.effective_from,
        reason="Libellé simplifié",
    )
    assert renamed.documents.get(code=code).document_type == BIRTH_ACT
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    dossier = file_dossier(
        amina, amina, filing(commune, renamed, others, act_number=1234, act_year=1990)
    )[0]
    assert dossier.files.get(document_code=code).purpose == "held"


def test_the_register_supplies_the_birth_act_the_citizen_was_not_asked_for(
    act, commune, first_name_change, tmp_path
):
    version, code, others = first_name_change
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    dossier = file_dossier(
        amina, amina, filing(commune, version, others, act_number=1234, act_year=1990)
    )[0]
    held = dossier.files.get(document_code=code)
    assert held.purpose == "held" and len(held.sha256) == 64
    path = tmp_path / "held.pdf"
    path.write_bytes(held.file.read())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "El Idrissi" in text and "loi 55-19" in text


def test_without_consent_the_register_is_not_read(act, commune, first_name_change):
    """R11 (art. 23): documents are obtained "with the user's prior consent": without it the
    birth act is neither drawn nor attached; it is missing, as for anyone."""
    version, code, others = first_name_change
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    dossier = file_dossier(
        amina,
        amina,
        filing(commune, version, others, consent=False, act_number=1234, act_year=1990),
    )[0]
    assert dossier.missing_documents == [code]
    assert not dossier.files.filter(purpose="held").exists() and not dossier.fetches.exists()


def test_found_by_name_alone_when_the_form_names_no_act(act, commune):
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    assert applicant_birth_act(commune, amina, {}) == act
    assert applicant_birth_act(commune, amina, {"relation": "parent"}) is None


def test_someone_the_register_does_not_hold_is_asked_for_it(act, commune, first_name_change):
    version, code, others = first_name_change
    karim = make_user("karim@example.ma", full_name="Karim Bennani")
    dossier, _ = file_dossier(
        karim, karim, filing(commune, version, others, act_number=1234, act_year=1990)
    )
    assert dossier.status == "being_filed" and dossier.missing_documents == [code]


def test_two_people_of_the_same_name_and_the_register_cannot_tell(
    act, commune, civil_agent, first_name_change
):
    register.enter_act(civil_agent, commune, BIRTH | {"number": "1235", "event_date": "1990-05-01"})
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    assert applicant_birth_act(commune, amina, {}) is None
    assert applicant_birth_act(commune, amina, {"birth_date": "1990-05-01"}).number == 1235


def test_a_document_the_citizen_sends_anyway_is_kept_as_sent(act, commune, first_name_change):
    version, code, others = first_name_change
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    dossier = file_dossier(
        amina,
        amina,
        filing(commune, version, others | {code: pdf_file()}, act_number=1234, act_year=1990),
    )[0]
    assert dossier.files.get(document_code=code).purpose == "filing"


def test_the_filing_page_says_the_administration_attaches_it(
    client, act, commune, first_name_change
):
    amina = make_user("amina@example.ma", full_name="Amina El Idrissi")
    client.force_login(amina)
    html = client.get(f"/fr/procedures/{FIRST_NAME}/file/?collectivity={commune.code}")
    page = html.content.decode()
    # R11: who holds it, and the consent the applicant gives, unticked until they tick it.
    assert f"Registre d'état civil de {commune.name_fr}" in page.replace("&#x27;", "'")
    assert 'name="consent"' in page and 'name="consent" value' in page
    assert "checked" not in page.split('name="consent"')[1].split(">")[0]
