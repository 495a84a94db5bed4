"""Keeping the register: acts entered and corrected by the bureau's agents, audited, never
deleted; marginal notes added by later acts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from idara.audit.models import AuditEntry
from idara.civil_status import services
from idara.civil_status.models import Act
from idara.civil_status.services import ActRefused
from idara.civil_status.tests.conftest import BIRTH
from idara.conftest import make_user

pytestmark = pytest.mark.django_db


def test_entering_an_act_is_audited(act, civil_agent):
    entry = AuditEntry.objects.get(action="civil_act.entered")
    assert (entry.actor_id, entry.object_id) == (civil_agent.pk, str(act.pk))
    assert act.birth_date == date(1990, 4, 12)  # a birth act's event is the birth


def test_a_number_is_taken_once_per_kind_and_year(act, commune, civil_agent):
    with pytest.raises(ActRefused) as refused:
        services.enter_act(civil_agent, commune, dict(BIRTH))
    assert "1234" in refused.value.errors["number"][0]
    assert Act.objects.count() == 1


def test_bad_fields_are_all_named_and_nothing_is_written(commune, civil_agent):
    with pytest.raises(ActRefused) as refused:
        services.enter_act(
            civil_agent, commune, BIRTH | {"sex": "X", "event_date": "1991-01-01", "number": ""}
        )
    assert set(refused.value.errors) == {"sex", "event_date", "number"}
    assert not Act.objects.exists()


def test_only_the_bureaus_civil_status_agents_keep_its_register(commune, agent, other_commune):
    outsider = make_user(
        "civil@other.ma", "agent", service=other_commune.services.get(kind="civil_status")
    )
    for who in (agent, outsider):  # the urbanism agent of the commune, another bureau's agent
        with pytest.raises(PermissionDenied):
            services.enter_act(who, commune, dict(BIRTH))


def test_an_act_is_never_deleted(act):
    with pytest.raises(PermissionError):
        act.delete()
    assert Act.objects.filter(pk=act.pk).exists()


def test_a_correction_changes_the_act_and_writes_the_margin(act, civil_agent):
    services.correct_act(
        civil_agent, act, {"given_name_fr": "Aminah"}, "Jugement n° 55/2024 du TPI de Chefchaouen"
    )
    act.refresh_from_db()
    assert act.given_name_fr == "Aminah"
    note = act.notes.get()
    assert note.kind == "rectification" and "Amina → Aminah" in note.text_fr
    entry = AuditEntry.objects.get(action="civil_act.corrected")
    assert entry.data["given_name_fr"] == ["Amina", "Aminah"]


def test_a_correction_needs_its_reason_and_leaves_number_and_kind_alone(act, civil_agent):
    with pytest.raises(ActRefused):
        services.correct_act(civil_agent, act, {"given_name_fr": "Aminah"}, " ")
    with pytest.raises(ActRefused) as refused:
        services.correct_act(civil_agent, act, {"number": "99"}, "Erreur")
    assert "number" in refused.value.errors
    act.refresh_from_db()
    assert (act.given_name_fr, act.number) == ("Amina", 1234)
    assert not act.notes.exists()


def test_a_marriage_in_the_margin_names_the_spouse_and_a_divorce_ends_it(act, civil_agent):
    services.add_note(
        civil_agent,
        act,
        "marriage",
        date(2015, 6, 20),
        "تزوجت بيوسف العلوي",
        "Mariée à Youssef Alaoui",
        spouse=("يوسف العلوي", "Youssef Alaoui"),
    )
    act.refresh_from_db()
    assert act.spouse_fr == "Youssef Alaoui"
    services.add_note(civil_agent, act, "divorce", date(2020, 1, 5), "طلاق", "Divorce")
    act.refresh_from_db()
    assert act.spouse_fr == "" and act.notes.count() == 2
