from datetime import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from idara.accounts.models import Role, User
from idara.catalog import selectors
from idara.catalog.services import import_national_file
from idara.civil_status.models import Act
from idara.demo.accounts import DEMO_PASSWORD
from idara.documents.models import IssuedDocument
from idara.documents.signing import has_signing_key
from idara.dossiers.models import Dossier, Status
from idara.dossiers.selectors import legal_view
from idara.territories.selectors import collectivity
from idara.tests.today import CASABLANCA

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data(all_territories):
    import_national_file()


@override_settings(DEMO=True)
def test_the_demo_accounts_of_the_contract(reference_data):
    call_command("load_demo")
    call_command("load_demo")  # safe to run twice
    agent = User.objects.get(email="agent@demo.idara.ma")
    assert agent.check_password(DEMO_PASSWORD)
    assert {(m.collectivity.code, m.service.kind) for m in agent.memberships.all()} == {
        ("01.151.01.01.", "civil_status"),
        ("01.151.01.01.", "urbanism"),
    }
    assert {
        m.collectivity.code
        for m in User.objects.get(email="agent.tiznit@demo.idara.ma").memberships.all()
    } == {"09.581.01.07."}
    supervisor = User.objects.get(email="supervisor@demo.idara.ma")
    assert supervisor.memberships.get().role == Role.NATIONAL_SUPERVISOR
    citizen = User.objects.get(email="citizen@demo.idara.ma")
    assert not citizen.memberships.exists()


def test_demo_accounts_are_refused_outside_demo_mode(db):
    assert not settings.DEMO
    with pytest.raises(CommandError, match="demo mode"):
        call_command("load_demo")
    assert not User.objects.exists()


@override_settings(DEMO=True)
def test_both_demo_communes_offer_at_least_ten_procedures_online(reference_data):
    """Issue 3: both demo communes offer at least ten procedures online, their demo
    administrators having set what is theirs to set."""
    call_command("load_demo")
    for code in ("01.151.01.01.", "09.581.01.07."):
        fiches = selectors.online_fiches(collectivity(code))
        assert len(fiches) >= 10
        assert all(not f.missing_for_online() for f in fiches)
        assert any(f.fee.set_by == code for f in fiches)


# Days on which `make run` must give the same demo: figures kept as dossiers move equal to
# their rebuild, every status in both communes, a ranking to show.
DEMO_DAYS = {
    "today": None,
    # Permits filed six days back land in the previous month: the figures once disagreed.
    "2 December 2026": datetime(2026, 12, 2, 10, tzinfo=CASABLANCA),
    # The last working day of a year, late, before a holiday (1 January).
    "31 December 2027, 23:30": datetime(2027, 12, 31, 23, 30, tzinfo=CASABLANCA),
    # A new year and a new quarter in which nobody is ranked yet.
    "1 January 2028, 00:10": datetime(2028, 1, 1, 0, 10, tzinfo=CASABLANCA),
    "29 February 2028": datetime(2028, 2, 29, 10, tzinfo=CASABLANCA),
    # The eve of Eid al-Fitr 2027, in Ramadan's time (UTC+0 in Casablanca).
    "8 March 2027, 23:30": datetime(2027, 3, 8, 23, 30, tzinfo=CASABLANCA),
}


@pytest.fixture(params=list(DEMO_DAYS))
def demo_day(request):
    """The clock moved, before anything is loaded, to a day `make run` might be run."""
    day = DEMO_DAYS[request.param]
    if day is None:
        yield
        return
    with time_machine.travel(day, tick=True):
        yield


@override_settings(DEMO=True)
def test_the_demo_holds_on_any_day(demo_day, reference_data, client):
    """CONTRACT.md: "Both demo communes ... hold demo dossiers in every state"; issue 8: the demo
    shows the ranking, a scorecard, a budget and the share cards, every figure rebuilt from the
    demo provinces' dossiers; issue 20: whatever the date of `make run`."""
    from idara.transparency import indicators

    call_command("load_demo")
    call_command("load_demo")  # safe to run twice: no second set
    for code in ("01.151.01.01.", "09.581.01.07."):
        statuses = set(
            Dossier.objects.filter(collectivity__code=code).values_list("status", flat=True)
        )
        assert statuses == set(Status.values)
        # R9: an appeal at each step: awaiting the president, referred to the governor, and
        # the governor's letter written.
        appeals = Dossier.objects.filter(collectivity__code=code, appeal_of__isnull=False)
        steps = {(a.status, a.governor_letter_on is not None) for a in appeals}
        assert steps == {("submitted", False), ("escalated", False), ("escalated", True)}
        # R8: a permit left unanswered at each step: the act not asked, asked within its 7
        # days, its 7 days passed, the attestation asked of the governor, and delivered.
        silent = Dossier.objects.filter(collectivity__code=code, status="tacitly_accepted")
        assert {_step_after_silence(d) for d in silent} == {
            "act not asked",
            "act asked",
            "governor may be asked",
            "attestation asked",
            "attestation delivered",
        }
    assert Dossier.objects.exclude(applicant__email="archives@demo.idara.ma").count() == 54
    assert indicators.kept() == indicators.recompute()
    ranking = client.get("/fr/transparency/").content.decode()
    assert "Chefchaouen" in ranking or "Tiznit" in ranking
    scorecard = client.get("/ar/transparency/01.151.01.01./").content.decode()
    assert "<svg" in scorecard
    assert client.get("/fr/transparency/01.151.01.01./budgets/").status_code == 200
    assert client.get("/open-data/cards/top-ten.png")["Content-Type"] == "image/png"


def _step_after_silence(dossier: Dossier) -> str:
    view = legal_view(dossier)
    if dossier.issued.filter(kind="tacit_acceptance").exists():
        return "attestation delivered"
    if dossier.attestation_requests.exists():
        return "attestation asked"
    if view.may_ask_attestation:
        return "governor may be asked"
    return "act asked" if dossier.act_requested_on else "act not asked"


@override_settings(DEMO=True)
def test_both_demo_communes_hold_permits_at_every_stage_of_the_commission(reference_data):
    call_command("load_demo")
    for code in ("01.151.01.01.", "09.581.01.07."):
        permits = Dossier.objects.filter(
            applicant__email="citizen@demo.idara.ma",
            collectivity__code=code,
            procedure_version__procedure__slug="permis-construire-petits-projets",
            appeal_of=None,  # an appeal of a permit asks no commission
        )
        verdicts = set(permits.values_list("opinions__verdict", flat=True))
        assert verdicts == {"", "favourable", "conditions", "unfavourable"}
        issued = IssuedDocument.objects.get(kind="permit", dossier__collectivity__code=code)
        assert issued.dossier.files.filter(document_code="plans-construction").exists()
        occupancy = Dossier.objects.get(
            collectivity__code=code, procedure_version__procedure__slug="permis-habiter"
        )
        assert occupancy.data["permit_reference"] == issued.dossier.reference
        assert occupancy.files.filter(purpose="held").exists()  # once-only


@override_settings(DEMO=True)
def test_both_demo_communes_hold_a_register_with_the_citizens_act(reference_data):
    call_command("load_demo")
    for code in ("01.151.01.01.", "09.581.01.07."):
        acts = Act.objects.filter(bureau__code=code)
        assert acts.count() == 300
        assert set(acts.values_list("kind", flat=True)) == {"birth", "marriage", "death"}
        amina = acts.get(kind="birth", number=1234, year=1990)
        assert amina.given_name_fr == "Amina"
        issued = IssuedDocument.objects.filter(
            dossier__collectivity__code=code, kind="civil_extract"
        )
        assert issued.count() == 2  # the accepted order and the closed one, issued and signed
        assert has_signing_key(amina.bureau)


@override_settings(DEMO=True)
def test_demo_staff_sign_in_with_the_published_second_factor(reference_data, client, capsys):
    call_command("load_demo")
    capsys.readouterr()
    client.post(
        "/fr/backoffice/login/", {"username": "agent@demo.idara.ma", "password": DEMO_PASSWORD}
    )
    assert client.get("/fr/backoffice/dossiers/")["Location"] == "/fr/backoffice/second-factor/"
    call_command("demo_code")
    code = capsys.readouterr().out.strip()
    assert client.post("/fr/backoffice/second-factor/", {"code": code}).status_code == 302
    assert client.get("/fr/backoffice/dossiers/").status_code == 200
