"""Ordering online: where the bureau's register is on the platform, an order names an act that
exists and a relation the act bears out; otherwise nothing is filed."""

import pytest

from idara.civil_status import services as register
from idara.civil_status.tests.conftest import BIRTH
from idara.conftest import make_user
from idara.dossiers.services import FilingRefused, file_dossier
from idara.dossiers.tests.helpers import demolition_filing, extract_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina(db):
    return make_user("amina@example.ma", full_name="Amina El Idrissi")


def test_the_person_orders_her_own_extract(act, offered, amina):
    dossier, created = file_dossier(amina, amina, extract_filing(offered))
    assert created and dossier.fee_mad == 2


def test_an_act_that_does_not_exist_is_refused(act, offered, amina):
    filing = extract_filing(offered)
    filing.data["act_number"] = 999
    with pytest.raises(FilingRefused) as refused:
        file_dossier(amina, amina, filing)
    assert "999" in refused.value.errors["act_number"][0]
    assert not amina.dossiers.exists()


def test_a_relation_the_act_contradicts_is_refused(act, offered):
    stranger = make_user("karim@example.ma", full_name="Karim Bennani")
    for relation in ("self", "parent", "spouse", "child"):
        filing = extract_filing(offered)
        filing.data["relation"] = relation
        with pytest.raises(FilingRefused) as refused:
            file_dossier(stranger, stranger, filing)
        assert "Karim Bennani" in refused.value.errors["relation"][0]
    assert not stranger.dossiers.exists()


def test_a_parent_named_on_the_act_orders_it(act, offered):
    father = make_user("mohammed@example.ma", full_name="Mohammed El Idrissi")
    filing = extract_filing(offered)
    filing.data["relation"] = "parent"
    assert file_dossier(father, father, filing)[1]


def test_a_child_orders_through_their_own_birth_act(act, offered, commune, civil_agent):
    register.enter_act(
        civil_agent,
        commune,
        BIRTH
        | {
            "year": "2016",
            "number": "77",
            "event_date": "2016-03-01",
            "given_name_fr": "Salma",
            "family_name_fr": "Alaoui",
            "given_name_ar": "سلمى",
            "family_name_ar": "العلوي",
            "father_fr": "Youssef Alaoui",
            "mother_fr": "Amina El Idrissi",
        },
    )
    salma = make_user("salma@example.ma", full_name="Salma Alaoui")
    filing = extract_filing(offered)
    filing.data["relation"] = "child"
    assert file_dossier(salma, salma, filing)[1]


def test_a_representative_is_sent_to_the_bureau(act, offered, amina):
    filing = extract_filing(offered)
    filing.data["relation"] = "representative"
    with pytest.raises(FilingRefused) as refused:
        file_dossier(amina, amina, filing)
    assert "relation" in refused.value.errors


def test_without_the_register_on_the_platform_the_agent_checks_by_hand(offered):
    stranger = make_user("karim@example.ma", full_name="Karim Bennani")
    assert file_dossier(stranger, stranger, extract_filing(offered))[1]


def test_other_procedures_are_not_checked_against_the_register(act, offered, citizen):
    assert file_dossier(citizen, citizen, demolition_filing(offered))[1]


def test_an_act_of_an_arrondissement_is_found_from_its_commune(all_territories):
    """Issue 6: a bureau is "a commune, or an arrondissement in the six cities that have them";
    each arrondissement numbers its own acts, and the name tells two of them apart."""
    from idara.civil_status.ordering import requested_act
    from idara.territories.models import Collectivity

    city = Collectivity.objects.get(code="01.511.01.00.")
    first, second = city.children.filter(kind="arrondissement")[:2]
    keepers = [
        make_user(f"civil{n}@tanger.ma", "agent", service=b.services.get(kind="civil_status"))
        for n, b in enumerate((first, second))
    ]
    register.enter_act(keepers[0], first, dict(BIRTH))
    register.enter_act(
        keepers[1], second, BIRTH | {"given_name_fr": "Salma", "given_name_ar": "سلمى"}
    )
    data = {"act_number": 1234, "act_year": 1990, "family_name": "El Idrissi"}
    found = requested_act(city, "extrait-acte-naissance", data | {"given_name": "Salma"})
    assert found.bureau == second
    assert requested_act(city, "extrait-acte-naissance", data | {"given_name": "Nadia"}) is None
