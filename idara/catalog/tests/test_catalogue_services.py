from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from idara.audit.models import AuditEntry
from idara.catalog import selectors
from idara.catalog.models import Offering, ProcedureVersion
from idara.catalog.rules import RuleBroken
from idara.catalog.services import (
    OfferingChanges,
    offer_category_online,
    publish_version,
    set_offering,
)
from idara.territories.models import ServiceKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages are matched as written in the code (English)."""
    with translation.override("en"):
        yield


def procedure(slug):
    return selectors.procedure(slug)


def urbanism(unit):
    return unit.services.get(kind=ServiceKind.URBANISM)


def documents_of(slug):
    version = selectors.version_in_force(procedure(slug))
    return [
        {
            "code": d.code,
            "name_fr": d.name_fr,
            "name_ar": d.name_ar,
            "mandatory": d.mandatory,
            "max_size_mb": d.max_size_mb,
        }
        for d in version.documents.all()
    ]


def publish(actor, slug, changes, documents=None, **kwargs):
    return publish_version(
        actor,
        procedure(slug),
        changes,
        documents_of(slug) if documents is None else documents,
        effective_from=kwargs.get("effective_from", timezone.localdate()),
        reason="test",
    )


class TestPublishingAVersion:
    def test_an_edit_publishes_a_new_version_and_the_old_stays(self, catalogue, supervisor):
        publish(supervisor, "permis-demolir", {"name_ar": "رخصة الهدم", "deadline_days": 20})
        fiche = selectors.fiche(procedure("permis-demolir"))
        assert (fiche.version.number, fiche.version.name_ar, fiche.deadline_days) == (
            2,
            "رخصة الهدم",
            20,
        )
        assert (
            ProcedureVersion.objects.get(procedure__slug="permis-demolir", number=1).deadline_days
            == 30
        )
        assert AuditEntry.objects.filter(
            action="procedure.version_published", actor_id=supervisor.pk
        ).exists()

    def test_a_future_version_waits_for_its_date(self, catalogue, supervisor):
        publish(
            supervisor,
            "permis-demolir",
            {"deadline_days": 20},
            effective_from=timezone.localdate() + timedelta(days=10),
        )
        assert selectors.fiche(procedure("permis-demolir")).version.number == 1

    @pytest.mark.parametrize(
        "changes, field",
        [
            ({"deadline_days": 61}, "deadline_days"),
            ({"deadline_days": 31, "investment_linked": True}, "deadline_days"),
            (
                {"form_schema": {"type": "object", "properties": {"x": {"type": "text"}}}},
                "form_schema",
            ),
            ({"fee_kind": "amount", "fee_mad": None}, "fee_mad"),
        ],
    )
    def test_a_fiche_the_law_does_not_allow_is_refused_and_nothing_saved(
        self, catalogue, supervisor, changes, field
    ):
        """L6: "The catalogue refuses a deadline above the ceiling of its category." """
        with pytest.raises(RuleBroken) as error:
            publish(supervisor, "permis-demolir", changes)
        assert error.value.field == field
        assert ProcedureVersion.objects.filter(procedure__slug="permis-demolir").count() == 1

    def test_a_legalised_copy_among_the_documents_is_refused(self, catalogue, supervisor):
        """L10: "No procedure may require a legalised copy". The imported wording must be fixed."""
        with pytest.raises(RuleBroken, match="legalis") as error:
            publish(supervisor, "permis-construire-petits-projets", {})
        assert error.value.field == "documents"
        fixed = [
            d
            | {
                "name_fr": "Demande signée (formulaire fourni par l'architecte)",
                "name_ar": "طلب موقع (مطبوع يسلمه المهندس المعماري)",  # in both languages
            }
            if d["code"] == "demande-signee-legalisee-formulaire"
            else d
            for d in documents_of("permis-construire-petits-projets")
        ]
        version = publish(supervisor, "permis-construire-petits-projets", {}, fixed)
        assert not version.documents.filter(legalisation_waived=True).exists()

    def test_only_the_national_supervisor_edits_the_catalogue(self, catalogue, admin):
        with pytest.raises(PermissionDenied):
            publish(admin, "permis-demolir", {"deadline_days": 20})

    def test_a_published_version_never_changes(self, catalogue):
        version = selectors.version_in_force(procedure("permis-demolir"))
        version.deadline_days = 5
        with pytest.raises(ValueError, match="never changes"):
            version.save()


class TestOfferings:
    def test_the_administrator_sets_the_local_fee_and_goes_online(self, catalogue, commune, admin):
        permit = procedure("permis-construire-petits-projets")
        changes = OfferingChanges(
            online=True,
            service=urbanism(commune),
            local_fee_formula_fr="10 MAD/m²",
            local_fee_formula_ar="10 دراهم/م²",
        )
        offering = set_offering(admin, commune, permit, changes)
        assert offering.online and offering.online_since == timezone.localdate()
        fiche = selectors.fiche(permit, commune)
        assert (fiche.fee.formula_fr, fiche.fee.set_by) == ("10 MAD/m²", commune.code)
        assert AuditEntry.objects.filter(
            action="offering.changed", collectivity_code=commune.code
        ).exists()

    def test_a_procedure_cannot_go_online_until_a_filing_has_all_it_needs(
        self, catalogue, commune, admin
    ):
        """A procedure cannot go online in a collectivity until every field a filing needs is known."""
        permit = procedure("permis-construire-petits-projets")
        with pytest.raises(RuleBroken, match="the fee") as error:
            set_offering(
                admin, commune, permit, OfferingChanges(online=True, service=urbanism(commune))
            )
        assert error.value.field == "online"
        assert not Offering.objects.filter(online=True).exists()

    def test_a_nationally_set_fee_is_not_the_communes_to_change(self, catalogue, commune, admin):
        extract = procedure("extrait-acte-naissance")
        changes = OfferingChanges(
            online=True, service=commune.services.first(), local_fee_mad=Decimal("5")
        )
        with pytest.raises(RuleBroken, match="set nationally"):
            set_offering(admin, commune, extract, changes)

    def test_a_collectivity_may_only_shorten_the_deadline(self, catalogue, commune, admin):
        demolition = procedure("permis-demolir")  # 30 days nationally
        service = urbanism(commune)
        with pytest.raises(RuleBroken, match="only shorten"):
            set_offering(
                admin, commune, demolition, OfferingChanges(False, service, local_deadline_days=31)
            )
        set_offering(
            admin, commune, demolition, OfferingChanges(False, service, local_deadline_days=20)
        )
        fiche = selectors.fiche(demolition, commune)
        assert (fiche.deadline_days, fiche.deadline_set_by) == (20, commune.code)

    def test_file_limits_may_only_narrow(self, catalogue, commune, admin):
        demolition = procedure("permis-demolir")
        code = selectors.version_in_force(demolition).documents.get().code
        with pytest.raises(RuleBroken, match="narrow"):
            set_offering(
                admin,
                commune,
                demolition,
                OfferingChanges(
                    False, urbanism(commune), local_document_limits={code: {"max_size_mb": 500}}
                ),
            )

    def test_an_administrator_cannot_touch_another_collectivity(
        self, catalogue, commune, other_commune, admin
    ):
        with pytest.raises(PermissionDenied):
            set_offering(
                admin,
                other_commune,
                procedure("permis-demolir"),
                OfferingChanges(False, urbanism(other_commune)),
            )
        with pytest.raises(RuleBroken, match="this collectivity's services"):
            set_offering(
                admin,
                commune,
                procedure("permis-demolir"),
                OfferingChanges(False, urbanism(other_commune)),
            )

    def test_the_digitisation_rate(self, catalogue, commune, admin):
        set_offering(
            admin,
            commune,
            procedure("extrait-acte-naissance"),
            OfferingChanges(True, commune.services.get(kind=ServiceKind.CIVIL_STATUS)),
        )
        rate = selectors.digitisation(commune)
        assert (rate.online, rate.handled) == (
            1,
            45,
        )  # 43 of the communes + 2 of every collectivity
        assert rate.rate == pytest.approx(1 / 45)


class TestSwitchingACategoryOn:
    def test_the_supervisor_switches_civil_status_on_where_it_is_ready(
        self, catalogue, commune, other_commune, supervisor
    ):
        report = offer_category_online(supervisor, "etat_civil", [commune, other_commune])
        online = set(
            Offering.objects.filter(collectivity=commune, online=True).values_list(
                "procedure__slug", flat=True
            )
        )
        assert "extrait-acte-naissance" in online  # fee, documents, form: all known
        assert "declaration-naissance" not in online  # its fee is the commune's to set
        assert report.switched_on == 2 * len(online)
        assert "the fee" in report.not_ready[commune.code]["declaration-naissance"]
        again = offer_category_online(supervisor, "etat_civil", [commune])
        assert (again.switched_on, again.already_online) == (0, len(online))

    def test_only_the_supervisor_switches_categories(self, catalogue, commune, admin):
        with pytest.raises(PermissionDenied):
            offer_category_online(admin, "etat_civil", [commune])
