"""Issue 13: "Onboarding at national scale: one command onboards a region, province or commune
(its services, its administrator, its offerings) and a CSV onboards many at once; re-running it
changes nothing."."""

import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from idara.accounts.models import Membership, Role, User
from idara.audit.models import AuditEntry
from idara.catalog.models import Category, Offering
from idara.territories.models import Service
from idara.territories.tests.factories import CollectivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(catalogue):
    """A commune of the reference, not yet onboarded: no service, nobody, nothing online."""
    return CollectivityFactory(kind="commune_urban")


def _onboard(*args, **options) -> str:
    out = io.StringIO()
    call_command("onboard", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def _state() -> dict:
    return {
        "services": Service.objects.count(),
        "people": User.objects.count(),
        "memberships": Membership.objects.count(),
        "online": Offering.objects.filter(online=True).count(),
        "audit": AuditEntry.objects.count(),
        "mail": len(mail.outbox),
    }


def test_one_command_onboards_a_commune_and_again_changes_nothing(commune):
    online = f"{Category.CIVIL_STATUS};{Category.URBANISM}"
    said = _onboard(
        commune.code, admin_email="Admin@Commune.ma", admin_name="Salma Idrissi", online=online
    )
    assert "6 services created, 1 administrators named (1 new accounts" in said
    assert {s.kind for s in commune.services.all()} >= {"civil_status", "urbanism", "hygiene"}
    admin = User.objects.get(email="admin@commune.ma")
    assert admin.full_name == "Salma Idrissi"
    assert admin.memberships.get().role == Role.COLLECTIVITY_ADMIN
    assert admin.memberships.get().collectivity == commune
    # The administrator sets their own password by the link sent to them.
    assert mail.outbox[-1].to == ["admin@commune.ma"]
    assert f"{settings.PUBLIC_BASE_URL}/fr/backoffice/password/" in mail.outbox[-1].body
    offered = Offering.objects.filter(collectivity=commune, online=True)
    assert offered.exists()
    assert {o.procedure.category for o in offered} <= {Category.CIVIL_STATUS, Category.URBANISM}
    assert all(o.service.collectivity == commune for o in offered)
    assert AuditEntry.objects.filter(action="collectivity.onboarded").count() == 1

    before = _state()
    said = _onboard(
        commune.code, admin_email="admin@commune.ma", admin_name="Salma Idrissi", online=online
    )
    assert "already onboarded: nothing changed" in said
    assert _state() == before


def test_procedures_that_need_the_collectivity_s_own_choices_are_named(commune):
    said = _onboard(commune.code, admin_email="a@c.ma", admin_name="A B", online="all")
    not_online = Offering.objects.filter(collectivity=commune, online=False)
    assert not_online.exists()  # e.g. a local fee only the commune can set
    assert f"{commune.code} {not_online.first().procedure.slug}: not online until" in said


def _csv(tmp_path, *lines: str):
    path = tmp_path / "onboarding.csv"
    path.write_text("\n".join(["code,admin_email,admin_name,online", *lines]) + "\n")
    return path


def test_a_csv_onboards_a_region_a_province_and_communes_at_once(commune, tmp_path):
    province = commune.parent
    region = province.region
    other = CollectivityFactory(kind="commune_rural", parent=province)
    path = _csv(
        tmp_path,
        f"{region.code},region@idara.ma,Admin Région,all",
        f"{province.code},province@idara.ma,Admin Province,",
        f"{commune.code},commune@idara.ma,Admin Commune,{Category.CIVIL_STATUS}",
        f"{other.code},commune@idara.ma,Admin Commune,all",  # one person, two communes
    )
    said = _onboard(file=path)
    assert "4 collectivities:" in said
    for unit in (region, province, commune, other):
        assert unit.services.exists()
        assert Membership.objects.filter(collectivity=unit, role=Role.COLLECTIVITY_ADMIN).exists()
    assert User.objects.filter(email="commune@idara.ma").count() == 1
    assert len(mail.outbox) == 3
    before = _state()
    assert "already onboarded: nothing changed" in _onboard(file=path)
    assert _state() == before


def test_one_bad_line_and_nothing_is_done_each_named_in_the_operator_s_language(commune, tmp_path):
    region = commune.parent.region
    path = _csv(
        tmp_path,
        f"{commune.code},ok@idara.ma,Good Line,{Category.CIVIL_STATUS}",
        "99.999.99.99.,x@idara.ma,Unknown Code,",
        f"{commune.parent.code},not-an-email,Bad Email,",
        f"{commune.code},again@idara.ma,Twice,",
        f"{region.code},r@idara.ma,Wrong Level,extrait-acte-naissance;no-such-thing",
    )
    before = _state()
    errors = io.StringIO()
    with pytest.raises(CommandError, match="4 lines rejected; nothing was done"):
        call_command("onboard", file=path, stdout=io.StringIO(), stderr=errors)
    said = errors.getvalue()
    assert "line 2" not in said
    assert "line 3: Code de collectivité inconnu « 99.999.99.99. »." in said
    assert "line 4: L'adresse électronique de l'administrateur n'est pas valide." in said
    assert "line 5: Cette collectivité figure déjà sur une ligne précédente." in said
    assert "line 6: Ni une procédure ni une catégorie : no-such-thing." in said
    assert "Cette collectivité ne traite pas : extrait-acte-naissance." in said
    assert _state() == before

    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("onboard", file=path, language="ar", stdout=io.StringIO(), stderr=errors)
    assert "line 3: رمز جماعة غير معروف «99.999.99.99.»." in errors.getvalue()


def test_a_file_with_other_columns_is_refused_whole(tmp_path, catalogue):
    path = tmp_path / "onboarding.csv"
    path.write_text("code;email\n01.;a@b.ma\n")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was done"):
        call_command("onboard", file=path, stdout=io.StringIO(), stderr=errors)
    assert "Les colonnes doivent être : code, admin_email, admin_name, online." in errors.getvalue()
