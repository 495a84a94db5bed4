"""Issue 25: "the catalogue complete in both languages ... Where no official Arabic wording is
in the sources, write the translation, mark it in the data as the project's
(`*_source: translation`), show nothing different to the user, and let the national supervisor
replace it"."""

import json
from datetime import date

import pytest
from django.test import Client

from idara.catalog import selectors
from idara.catalog.arabic import Translation
from idara.catalog.national_file import ARABIC
from idara.catalog.rules import asks_legalised_or_certified_copy
from idara.catalog.services import NATIONAL_FILE, publish_version

pytestmark = pytest.mark.django_db
BUILDING = ("permis-construire-petits-projets", "permis-construire-grands-projets")


def entries() -> list[dict]:
    return json.loads(NATIONAL_FILE.read_text(encoding="utf-8"))


def test_the_project_marks_every_arabic_it_wrote_as_a_translation():
    data = json.loads(ARABIC.read_text(encoding="utf-8"))
    assert {n["name_ar_source"] for n in data["names"].values()} == {"translation"}
    assert {t["source"] for t in data["texts"]} == {"translation"}


def test_every_procedure_has_an_arabic_name_and_no_two_share_one(catalogue):
    names = [selectors.version_in_force(p).name_ar for p in selectors.procedures()]
    assert all(names)
    assert len(set(names)) == len(names)


def test_the_authorities_fees_legal_bases_and_documents_are_all_in_arabic():
    translation = Translation.read(ARABIC)
    untranslated = {text for entry in entries() for text in translation.missing(entry)}
    assert not untranslated


def test_an_official_arabic_name_is_kept_and_the_translation_marked_only_where_used():
    translation = Translation.read(ARABIC)
    official = next(e for e in entries() if e["slug"] == "permis-demolir")
    assert translation.applied(official)["name_ar"] == "رخصة الهدم"
    assert "name_ar" not in translation.applied(official).get("translated", [])
    small = translation.applied(next(e for e in entries() if e["slug"] == BUILDING[0]))
    assert small["name_ar"] == "رخصة البناء – مسطرة المشاريع الصغرى"
    assert "name_ar" in small["translated"]
    renamed = next(e for e in entries() if e["slug"] == BUILDING[0]) | {"name_ar": "رخصة"}
    assert translation.applied(renamed)["name_ar"] == "رخصة"  # the file's own, once it changes


def test_the_arabic_fiche_shows_the_authority_fee_and_legal_basis_in_arabic(catalogue):
    page = Client().get("/ar/procedures/permis-habiter/").content.decode()
    assert "رئيس مجلس الجماعة" in page
    assert "القانون رقم 12.90 المتعلق بالتعمير" in page
    assert "Loi n° 12-90" not in page
    assert "نسخة من رخصة البناء" in page  # a document
    assert "Copie du permis de construire" not in page
    french = Client().get("/fr/procedures/permis-habiter/").content.decode()
    assert "Loi n° 12-90 relative à" in french
    assert "القانون رقم 12.90" not in french


def test_the_supervisors_wording_replaces_the_translation(catalogue, supervisor):
    procedure = selectors.procedure("permis-habiter")
    current = selectors.version_in_force(procedure)
    assert "competent_authority_ar" in current.translated
    documents = [
        {"code": d.code, "name_fr": d.name_fr, "name_ar": d.name_ar, "mandatory": d.mandatory}
        for d in current.documents.all()
    ]
    edited = publish_version(
        supervisor,
        procedure,
        {"competent_authority_ar": "رئيس المجلس الجماعي"},
        documents,
        effective_from=date.today(),
        reason="الصيغة الرسمية",
    )
    assert edited.competent_authority_ar == "رئيس المجلس الجماعي"
    assert "competent_authority_ar" not in edited.translated
    assert "legal_basis_ar" in edited.translated  # untouched: still the project's


def test_a_document_asks_a_legalised_copy_in_arabic_exactly_when_it_does_in_french():
    """The Arabic must not add a legalisation the source did not ask (the catalogue would then
    refuse the fiche) nor drop one it asked (the waiver would go unexplained)."""
    translation = Translation.read(ARABIC)
    documents = {text for entry in entries() for text in entry["required_documents"] or []}
    differ = [
        (french, translation.texts[french])
        for french in documents
        if asks_legalised_or_certified_copy(french)
        != asks_legalised_or_certified_copy(translation.texts[french])
    ]
    assert not differ
