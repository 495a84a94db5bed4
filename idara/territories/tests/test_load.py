import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from idara.accounts.models import Role
from idara.accounts.services import create_user, grant_membership
from idara.audit.models import AuditEntry
from idara.territories import selectors
from idara.territories.models import Collectivity, Kind, Service, ServiceKind
from idara.territories.services import correct_names, load_territories_file

pytestmark = pytest.mark.django_db


def test_the_reference_file_loads_the_1590_collectivities(all_territories):
    assert all_territories.created == 1631
    assert selectors.collectivities().count() == 1590
    assert selectors.collectivities(kind="commune").count() == 1503
    assert selectors.collectivities(kind="region").count() == 12
    counts = selectors.counts_by_kind()
    assert counts[Kind.PROVINCE] + counts[Kind.PREFECTURE] == 75
    assert counts[Kind.ARRONDISSEMENT] == 41


def test_each_unit_knows_its_region_and_parent(all_territories):
    chefchaouen = selectors.collectivity("01.151.01.01.")
    assert chefchaouen.parent.code == "01.151."
    assert chefchaouen.region.code == "01."
    arrondissement = Collectivity.objects.get(code="01.511.01.03.")
    assert arrondissement.parent.code == "01.511.01.00."
    assert arrondissement.region.code == "01."


def test_loading_again_changes_nothing(all_territories):
    entries = AuditEntry.objects.count()
    report = load_territories_file()
    assert (report.created, report.updated, report.services_created) == (0, 0, 0)
    assert report.unchanged == 1631
    assert AuditEntry.objects.count() == entries


def test_each_kind_gets_its_default_services(all_territories):
    commune = selectors.collectivity("09.581.01.07.")
    assert set(commune.services.values_list("kind", flat=True)) == {
        ServiceKind.CIVIL_STATUS,
        ServiceKind.URBANISM,
        ServiceKind.ECONOMIC_AFFAIRS,
        ServiceKind.LOCAL_TAXES,
        ServiceKind.HYGIENE,
        ServiceKind.APPEALS,  # R9: the appeals to the president
    }
    arrondissement = Collectivity.objects.get(code="01.511.01.03.")
    assert list(arrondissement.services.values_list("kind", flat=True)) == ["civil_status"]
    assert Service.objects.filter(collectivity__kind=Kind.REGION).count() == 36


def test_a_malformed_file_stops_at_its_line_and_loads_nothing(tmp_path):
    bad = tmp_path / "territories.csv"
    bad.write_text(
        "code,kind,name_fr,name_ar,parent_code\n"
        "01.,region,Tanger-Tétouan-Al Hoceïma,طنجة,\n"
        "01.151.,province,Chefchaouen,شفشاون,01.\n"
        "01.151.01.01.,village,Chefchaouen,شفشاون,01.151.\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="line 4: unknown kind 'village'"):
        call_command("load_territories", str(bad))
    assert Collectivity.objects.count() == 0


def test_search_ignores_accents_case_and_hamza(all_territories):
    fes = Collectivity.objects.get(code="03.231.01.00.")
    assert fes.name_fr == "Fès"
    assert fes in selectors.collectivities(q="FES")
    agadir = [c.code for c in selectors.collectivities(q="اكادير")]
    assert Collectivity.objects.get(name_ar="أكادير").code in agadir


def admin_of(unit, email="admin@example.ma"):
    user = create_user(None, email=email, password="a long passphrase")
    grant_membership(None, user, Role.COLLECTIVITY_ADMIN, collectivity=unit)
    return user


def test_an_administrator_corrects_the_names_and_a_reload_keeps_them(all_territories):
    unit = selectors.collectivity("01.151.01.01.")
    admin = admin_of(unit)
    correct_names(admin, unit, name_fr="Chefchaouen", name_ar="شفشاون", name_zgh="ⵛⴼⵛⴰⵡⵏ")
    correct_names(admin, unit, name_fr="Chaouen", name_ar="الشاون", name_zgh="ⵛⴼⵛⴰⵡⵏ")
    load_territories_file()
    unit.refresh_from_db()
    assert (unit.name_fr, unit.name_ar, unit.name_zgh) == ("Chaouen", "الشاون", "ⵛⴼⵛⴰⵡⵏ")
    entry = AuditEntry.objects.filter(action="collectivity.names_corrected").last()
    assert entry.actor_id == admin.pk
    assert entry.data["before"]["name_fr"] == "Chefchaouen"
    assert entry.collectivity_code == "01.151.01.01."
    assert "01.151.01.01." in [c.code for c in selectors.collectivities(q="chaouen")]


def test_an_administrator_cannot_rename_another_collectivity(commune, other_commune):
    admin = admin_of(commune)
    with pytest.raises(PermissionDenied):
        correct_names(admin, other_commune, name_fr="Mine", name_ar="لي", name_zgh="")
    other_commune.refresh_from_db()
    assert other_commune.name_fr != "Mine"


def test_a_name_cannot_be_blanked(commune):
    admin = admin_of(commune)
    with pytest.raises(ValidationError):
        correct_names(admin, commune, name_fr="  ", name_ar="اسم", name_zgh="")
    assert not AuditEntry.objects.filter(action="collectivity.names_corrected").exists()
