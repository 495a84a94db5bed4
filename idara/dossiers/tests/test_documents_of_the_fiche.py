"""R1 (art. 3, 5, 6, 9): "Every required document has a stable document type code (not its
label) ... A document may be required only when an answer of the form makes it apply (a shop
does not give a restaurant's kitchen plan)."

R2 (art. 7): "The catalogue refuses a required document that is a legalised or certified copy
(by its type, in any language: « légalisé », « copie certifiée conforme », « مصادق »,
« مطابقة للأصل »)." """

import html
import json

import pytest

from idara.catalog import rules
from idara.catalog import selectors as catalog
from idara.catalog.rules import RuleBroken
from idara.catalog.services import publish_version
from idara.conftest import staff_login
from idara.dossiers.services import Filing, file_dossier
from idara.dossiers.tests.helpers import GROCERY, SHOP, pdf_file

pytestmark = pytest.mark.django_db

KITCHEN_PLAN = "plan-amenagement-local-approuve"
ANRT_RECEIPT = "cyber-recepisse-declaration-aupres"


def every_unconditioned_document(version) -> dict:
    return {
        d.code: pdf_file(body=d.code.encode())
        for d in version.documents.all()
        if d.mandatory and not d.required_when
    }


def documents_of(version) -> list[dict]:
    """The fiche's documents as the editor sends them; the one the sources ask "légalisé" is
    reworded, as the catalogue requires of any new version (R2)."""
    return [
        {
            "code": d.code,
            "name_fr": "Contrat de bail, reçu de loyer ou certificat de propriété"
            if d.legalisation_waived
            else d.name_fr,
            "name_ar": "عقد الكراء أو وصل الكراء أو شهادة الملكية"
            if d.legalisation_waived
            else d.name_ar,
            "mandatory": d.mandatory,
        }
        for d in version.documents.all()
    ]


class TestRequiredWhen:
    def test_the_condition_is_read_from_the_answer(self):
        """R1: "A document may be required only when an answer of the form makes it apply"."""
        cafe_only = {"field": "activity_type", "in": ["cafe"]}
        assert rules.document_applies(None, {})
        assert rules.document_applies(cafe_only, {"activity_type": "cafe"})
        assert not rules.document_applies(cafe_only, {"activity_type": "shop"})
        assert not rules.document_applies(cafe_only, {})

    def test_a_grocery_is_not_asked_for_a_kitchen_plan_or_an_anrt_receipt(
        self, shop_offered, commune, citizen
    ):
        filing = Filing(
            catalog.procedure(SHOP),
            commune,
            dict(GROCERY),
            every_unconditioned_document(shop_offered),
        )
        dossier, _ = file_dossier(citizen, citizen, filing)
        assert (dossier.status, dossier.missing_documents) == ("submitted", [])

    def test_a_cafe_is_asked_for_its_kitchen_plan_and_nothing_for_a_cyber(
        self, shop_offered, commune, citizen
    ):
        cafe = GROCERY | {"activity_type": "cafe", "activity": "Café"}
        filing = Filing(
            catalog.procedure(SHOP), commune, cafe, every_unconditioned_document(shop_offered)
        )
        dossier, _ = file_dossier(citizen, citizen, filing)
        assert (dossier.status, dossier.missing_documents) == ("being_filed", [KITCHEN_PLAN])

    def test_the_form_says_the_condition_in_words_without_javascript(
        self, shop_offered, commune, client, citizen
    ):
        client.force_login(citizen)
        page = client.get(f"/fr/procedures/{SHOP}/file/?collectivity={commune.code}")
        text = html.unescape(page.content.decode())
        assert (
            "requis si votre réponse à « Type d'activité » est « Café, restaurant ou snack »"
            in text
        )
        assert 'data-required-when="activity_type"' in text

    def test_the_fiche_says_it_too(self, shop_offered, client):
        text = html.unescape(client.get(f"/ar/procedures/{SHOP}/").content.decode())
        assert "مطلوبة إذا كان جوابك عن «نوع النشاط» هو «مقهى الإنترنت»" in text

    def test_the_api_gives_it(self, shop_offered, client):
        documents = client.get(f"/api/v1/procedures/{SHOP}").json()["required_documents"]
        by_code = {d["code"]: d for d in documents}
        assert by_code[ANRT_RECEIPT]["required_when"] == {"field": "activity_type", "in": ["cyber"]}
        assert by_code["copie-cnie"]["document_type"] == "identity-card"

    def test_a_condition_on_an_answer_the_form_does_not_offer_is_refused(
        self, shop_offered, supervisor
    ):
        documents = documents_of(shop_offered)
        documents[-1]["required_when"] = {"field": "activity_type", "in": ["pharmacy"]}
        with pytest.raises(RuleBroken, match="does not offer"):
            publish_version(
                supervisor,
                catalog.procedure(SHOP),
                {},
                documents,
                effective_from=shop_offered.effective_from,
                reason="Pharmacies",
            )

    def test_a_new_version_keeps_the_conditions(self, shop_offered, supervisor):
        renamed = publish_version(
            supervisor,
            catalog.procedure(SHOP),
            {"name_ar": "رخصة مزاولة نشاط تجاري"},
            documents_of(shop_offered),
            effective_from=shop_offered.effective_from,
            reason="Nom arabe",
        )
        assert renamed.documents.get(code=KITCHEN_PLAN).required_when == {
            "field": "activity_type",
            "in": ["cafe"],
        }


class TestForbiddenCopies:
    @pytest.mark.parametrize(
        "name_fr, name_ar",
        [
            ("Copie certifiée conforme du contrat de bail", ""),
            ("Contrat de bail", "نسخة من عقد الكراء مطابقة للأصل"),
            ("Demande signée et légalisée", ""),
            ("Contrat de bail", "عقد الكراء مصادق على صحة إمضائه"),
        ],
    )
    def test_the_supervisor_cannot_require_a_certified_or_legalised_copy(
        self, shop_offered, supervisor, name_fr, name_ar
    ):
        documents = documents_of(shop_offered)
        documents[1] |= {"name_fr": name_fr, "name_ar": name_ar}
        with pytest.raises(RuleBroken, match="art. 7"):
            publish_version(
                supervisor,
                catalog.procedure(SHOP),
                {},
                documents,
                effective_from=shop_offered.effective_from,
                reason="Bail",
            )

    def test_nor_a_document_of_a_forbidden_type_whatever_its_label(self, shop_offered, supervisor):
        documents = documents_of(shop_offered)
        documents[1] |= {"document_type": "certified-copy", "name_fr": "Contrat de bail"}
        with pytest.raises(RuleBroken, match="art. 7"):
            publish_version(
                supervisor,
                catalog.procedure(SHOP),
                {},
                documents,
                effective_from=shop_offered.effective_from,
                reason="Bail",
            )

    def test_the_editor_offers_no_forbidden_type(self, client, supervisor, catalogue):
        staff_login(client, supervisor)
        page = client.get(f"/fr/backoffice/catalogue/{SHOP}/").content.decode()
        assert 'value="identity-card"' in page
        assert 'value="certified-copy"' not in page and 'value="legalised-copy"' not in page

    def test_the_national_file_waives_what_it_asks_certified(self, catalogue):
        """The national file is the sources' word: a certified copy it asks for is shown as
        waived (a plain copy is accepted), never required."""
        version = catalog.version_in_force(catalog.procedure("duplicata-livret-de-famille"))
        marriage = next(d for d in version.documents.all() if "mariage" in d.name_fr)
        assert marriage.legalisation_waived and marriage.document_type == "marriage-act"


LEASE = "contrat-bail-legalise-recu"


@pytest.fixture
def sworn_allowed(shop_offered, supervisor):
    """The supervisor's version of the fiche lets a declaration on honour replace the lease."""
    documents = documents_of(shop_offered)
    for document in documents:
        document["sworn_statement_allowed"] = document["code"] == LEASE
    return publish_version(
        supervisor,
        catalog.procedure(SHOP),
        {},
        documents,
        effective_from=shop_offered.effective_from,
        reason="Déclaration sur l'honneur admise pour le local",
    )


def pdf_text(content: bytes) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


class TestSwornStatement:
    """R2 (art. 7): "A declaration on honour (تصريح بالشرف) may replace a document where the
    fiche says so." """

    def test_a_declaration_replaces_the_document_the_fiche_allows(
        self, sworn_allowed, commune, citizen
    ):
        files = every_unconditioned_document(sworn_allowed)
        del files[LEASE]
        filing = Filing(
            catalog.procedure(SHOP), commune, dict(GROCERY), files, sworn_statements=(LEASE,)
        )
        dossier, _ = file_dossier(citizen, citizen, filing)
        assert (dossier.status, dossier.missing_documents) == ("submitted", [])
        declaration = dossier.files.get(document_code=LEASE)
        assert declaration.purpose == "sworn" and len(declaration.sha256) == 64
        text = pdf_text(declaration.file.read())
        assert "Déclaration sur l’honneur" in text and "تصريح بالشرف" in text
        assert "Contrat de bail, reçu de loyer" in text and "amina@example.ma" in text

    def test_not_where_the_fiche_does_not_allow_it(self, sworn_allowed, commune, citizen):
        from idara.dossiers.services import FilingRefused

        files = every_unconditioned_document(sworn_allowed)
        del files["copie-cnie"]
        filing = Filing(
            catalog.procedure(SHOP), commune, dict(GROCERY), files, sworn_statements=("copie-cnie",)
        )
        with pytest.raises(FilingRefused) as refused:
            file_dossier(citizen, citizen, filing)
        assert set(refused.value.errors) == {"copie-cnie"}

    def test_the_form_offers_it_only_where_allowed(self, sworn_allowed, commune, client, citizen):
        client.force_login(citizen)
        page = client.get(f"/fr/procedures/{SHOP}/file/?collectivity={commune.code}")
        text = page.content.decode()
        assert f'name="sworn" value="{LEASE}"' in text
        assert text.count('name="sworn"') == 1

    def test_through_the_api(self, sworn_allowed, commune, citizen):
        from rest_framework.test import APIClient

        api = APIClient()
        api.force_authenticate(citizen)
        files = every_unconditioned_document(sworn_allowed)
        del files[LEASE]
        body = {
            "procedure": SHOP,
            "collectivity": commune.code,
            "data": json.dumps(GROCERY),
            "sworn_statements": json.dumps([LEASE]),
        } | files
        filed = api.post("/api/v1/dossiers", body, format="multipart")
        assert filed.status_code == 201, filed.json()
        assert filed.json()["missing_documents"] == []
        bad = body | {"sworn_statements": '{"not": "a list"}'}
        refused = api.post("/api/v1/dossiers", bad, format="multipart")
        assert refused.status_code == 400
        assert "sworn_statements" in refused.json()["error"]["fields"]
