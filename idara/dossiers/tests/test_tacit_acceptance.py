"""R8 (Law 55-19 art. 19, 20; decree 2-22-141 art. 2, 3 and annex 2): "silence past the deadline
means acceptance. Then, on the user's request, the president delivers the act within 7 days of
that request. If he does not, the user may ask the wali or governor for an attestation of the
silence, who writes to the president for written explanations and delivers the attestation, on
the model of annex 2, within 10 days of receiving the user's request."

A demolition permit (an act of annex 1) is filed on Monday 2 November 2026; every other day is
counted by the product's clock."""

import subprocess
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from idara.accounts.models import Role
from idara.clock import due_date
from idara.conftest import make_user
from idara.documents.issuing import issued_pdf
from idara.documents.selectors import verify
from idara.dossiers import legal, selectors, services
from idara.dossiers.models import Dossier, Status
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.services.appeals import appeals_service
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import demolition_filing, pdf_file
from idara.notifications.models import Message
from idara.text import ltr

pytestmark = pytest.mark.django_db
FILED = "2026-11-02"


def at(day):
    return time_machine.travel(f"{day} 09:00 +01:00", tick=False)


def holidays():
    return selectors.holidays_around(date(2026, 11, 2), date(2027, 6, 1))


def day_after(day: date) -> date:
    return day + timedelta(days=1)


@pytest.fixture(autouse=True)
def on_filing_day():
    """The catalogue is loaded and the permit filed on that day (each step travels on)."""
    with at(FILED):
        yield


@pytest.fixture
def permit(offered, citizen) -> Dossier:
    return services.file_dossier(citizen, citizen, demolition_filing(offered))[0]


@pytest.fixture
def silent_on(permit) -> date:
    """The first day of the silence: the day after the permit's legal due date."""
    return day_after(selectors.legal_view(permit, today=date(2026, 11, 2)).due)


@pytest.fixture
def governor_agent(commune):
    return make_user("governor@province.ma", Role.AGENT, service=appeals_service(commune.parent))


def fresh(dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk)


def asked_for_the_act(permit, citizen, silent_on) -> Dossier:
    with at(silent_on):
        return services.request_act(citizen, fresh(permit))


def asked_the_governor(permit, citizen, silent_on) -> Dossier:
    asked = asked_for_the_act(permit, citizen, silent_on)
    past = day_after(legal.act_due_on(asked, holidays()))
    with at(past):
        return services.ask_attestation(citizen, fresh(permit))


def letter(on: date):
    return services.GovernorLetter("2027/045", on, pdf_file("letter.pdf", body=b"au president"))


def test_no_act_is_issued_by_the_silence_alone(permit, silent_on):
    """R8: "Then, on the user's request, the president delivers the act": the silence writes
    the acceptance down and issues nothing, neither the act nor an attestation."""
    with at(silent_on):
        call_command("sweep_deadlines", verbosity=0)
    kept = fresh(permit)
    assert kept.status == Status.TACITLY_ACCEPTED
    assert not kept.issued.exists()
    assert selectors.legal_view(kept, today=silent_on).may_request_act


def test_the_act_may_be_asked_for_from_the_first_day_of_silence_without_any_sweep(
    permit, citizen, silent_on
):
    """R8: "The dossier is tacitly accepted the moment its due date has passed, computed from its
    dates (no job needs to have run). The user then sees 'request the act'"; not on the due date
    itself."""
    last_day = silent_on - timedelta(days=1)
    with at(last_day), pytest.raises(TransitionRefused):
        services.request_act(citizen, fresh(permit))
    asked = asked_for_the_act(permit, citizen, silent_on)
    assert (asked.status, asked.act_requested_on) == (Status.TACITLY_ACCEPTED, silent_on)
    with at(silent_on), pytest.raises(TransitionRefused):
        services.request_act(citizen, fresh(permit))  # once


def test_the_president_has_7_full_days_from_the_request(permit, citizen, silent_on):
    """R8 (art. 19 §2): "the president delivers the act within 7 days of that request", a full
    deadline counted from the request."""
    asked = asked_for_the_act(permit, citizen, silent_on)
    expected = due_date(silent_on, 7, working_days=False, holidays=holidays())
    assert legal.act_due_on(asked, holidays()) == expected == selectors.act_due_on(asked)
    assert expected >= silent_on + timedelta(days=8)  # neither the request's day nor the last


def test_the_delivered_act_is_the_one_an_express_acceptance_gives(
    permit, citizen, silent_on, agent
):
    """R8: "the act itself, signed, the same document an express acceptance would give"."""
    asked = asked_for_the_act(permit, citizen, silent_on)
    with at(silent_on + timedelta(days=3)):
        delivered = services.deliver_act(agent, asked)
    document = delivered.issued.get()
    assert document.kind == "acceptance" and document.issuer == permit.collectivity
    assert delivered.act_delivered_on == silent_on + timedelta(days=3)
    assert verify(document.verification_code).valid
    assert not selectors.legal_view(delivered).may_ask_attestation


def test_the_governor_is_asked_only_once_the_7_days_have_passed(permit, citizen, silent_on):
    """R8 (art. 20): "If he does not, the user may ask the wali or governor": not on the 7th day's
    last day, from the day after."""
    asked = asked_for_the_act(permit, citizen, silent_on)
    last_day = legal.act_due_on(asked, holidays())
    with at(last_day), pytest.raises(TransitionRefused):
        services.ask_attestation(citizen, fresh(permit))
    with at(day_after(last_day)):
        request = services.ask_attestation(citizen, fresh(permit))
    assert request.attestation_of == fresh(permit)
    with at(day_after(last_day)), pytest.raises(TransitionRefused):
        services.ask_attestation(citizen, fresh(permit))


def test_the_request_goes_to_the_province_with_10_days(permit, citizen, silent_on, commune):
    """R8: "a linked request at the province or prefecture, due 10 days after it reaches the
    province", with its own receipt there."""
    request = asked_the_governor(permit, citizen, silent_on)
    assert request.collectivity == commune.parent
    assert request.service == appeals_service(commune.parent)
    assert request.receipt.collectivity == commune.parent
    expected = due_date(request.filed_on, 10, working_days=False, holidays=holidays())
    assert (
        selectors.legal_view(request).due
        == expected
        == legal.attestation_due_on(request, holidays())
    )
    assert selectors.legal_view(request).appeal_until is None


def test_the_governor_writes_then_delivers_the_attestation_of_annex_2(
    permit, citizen, silent_on, governor_agent, tmp_path
):
    """R8: "its agent records the letter to the president (number and date, as annex 2 cites
    them) and any explanations, then issues the attestation (annex 2's wording, citing the
    application's and the letter's numbers and dates, signed, verifiable like any issued
    document)"."""
    request = asked_the_governor(permit, citizen, silent_on)
    assert list(selectors.attestation_requests(governor_agent)) == [request]
    # Its own queue in the back office; still among the open dossiers the API lists.
    assert request not in selectors.inbox_list(governor_agent)
    assert request in selectors.inbox(governor_agent)
    with at(request.filed_on), pytest.raises(TransitionRefused, match="letter"):
        services.deliver_attestation(governor_agent, request)
    written = request.filed_on + timedelta(days=1)
    with at(written):
        services.record_letter_to_president(governor_agent, request, letter(written))
        services.record_explanations(governor_agent, request, "Le dossier attendait la commission.")
        answered = services.deliver_attestation(governor_agent, fresh(request))
    assert answered.status == Status.ACCEPTED
    assert not selectors.attestation_requests(governor_agent).exists()
    document = fresh(permit).issued.get(kind="tacit_acceptance")
    assert document.issuer == permit.collectivity.parent
    assert verify(document.verification_code).valid
    said = " ".join(_text(issued_pdf(document), tmp_path).split())
    for cited in [permit.reference, request.reference, "2027/045", written.isoformat()]:
        assert cited in said
    assert "Gouverneur de la province" in said or "gouverneur de la province" in said
    assert "ne dispense pas du paiement" in said  # decree 2-22-141 art. 3


def test_the_letters_date_is_between_the_request_and_today(
    permit, citizen, silent_on, governor_agent
):
    request = asked_the_governor(permit, citizen, silent_on)
    with at(request.filed_on), pytest.raises(services.FilingRefused) as refused:
        services.record_letter_to_president(
            governor_agent, request, letter(request.filed_on - timedelta(days=1))
        )
    assert "written_on" in refused.value.errors
    assert fresh(request).governor_letter_on is None


def test_nobody_else_acts_on_the_request(permit, citizen, silent_on, agent, other_commune):
    """The commune's agent and another province's governor neither see nor act on it."""
    request = asked_the_governor(permit, citizen, silent_on)
    stranger = make_user(
        "governor@other.ma", Role.AGENT, service=appeals_service(other_commune.parent)
    )
    for outsider in (agent, stranger):
        assert not selectors.attestation_requests(outsider).exists()
        with at(request.filed_on), pytest.raises(PermissionDenied):
            services.record_letter_to_president(outsider, request, letter(request.filed_on))
    with at(request.filed_on), pytest.raises(PermissionDenied):
        services.request_act(agent, fresh(permit))


def test_the_applicant_is_told_each_step(permit, citizen, silent_on, governor_agent):
    """In their language: the act's last day when they ask for it, the attestation when it is
    delivered."""
    request = asked_the_governor(permit, citizen, silent_on)
    with at(request.filed_on):
        services.record_letter_to_president(governor_agent, request, letter(request.filed_on))
        services.deliver_attestation(governor_agent, fresh(request))
    told = [m.body for m in Message.objects.filter(about=permit.reference, channel="email")]
    act_due = legal.act_due_on(fresh(permit), holidays()).isoformat()
    assert any(act_due in body for body in told)
    with translation.override(citizen.preferred_language):
        delivered = gettext(
            "The attestation of the silence on %(reference)s was delivered by the wali or "
            "governor: it is in your space, once the fee still due is paid."
        ) % {"reference": ltr(permit.reference)}  # isolated: right to left in Arabic
    assert delivered in told


def _text(content: bytes, tmp_path) -> str:
    path = tmp_path / "attestation.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_api_gives_the_act_and_the_attestation_request(permit, citizen, silent_on):
    """CONTRACT.md: "for a tacit acceptance, `act_requested_on`, `act_due_on` and the linked
    attestation request, if any"; the applicant asks for both through the API too."""
    api = APIClient()
    api.force_authenticate(citizen)
    with at(silent_on):
        asked = api.post(f"/api/v1/dossiers/{permit.pk}/act")
    assert asked.status_code == 200
    act_due = legal.act_due_on(fresh(permit), holidays())
    assert (asked.json()["act_requested_on"], asked.json()["act_due_on"]) == (
        silent_on.isoformat(),
        act_due.isoformat(),
    )
    with at(act_due):
        too_soon = api.post(f"/api/v1/dossiers/{permit.pk}/attestation")
    assert too_soon.status_code == 400
    with at(day_after(act_due)):
        filed = api.post(f"/api/v1/dossiers/{permit.pk}/attestation")
        detail = api.get(f"/api/v1/dossiers/{permit.pk}").json()
    assert filed.status_code == 201 and filed.json()["attestation_of"] == str(permit.pk)
    request = detail["attestation_request"]
    assert (request["reference"], request["status"]) == (filed.json()["reference"], "submitted")
    assert request["due_date"] == filed.json()["due_date"] and request["governor_letter"] is None


def test_the_requests_receipt_says_what_it_asks_and_what_follows(
    permit, citizen, silent_on, tmp_path
):
    """R8: the receipt of the request names the application whose silence it asks attested,
    and what the wali or governor does next; not the building permit's silence rule."""
    request = asked_the_governor(permit, citizen, silent_on)
    said = " ".join(_text(receipt_pdf(request.receipt), tmp_path).split())
    assert "Demande d’attestation du silence valant" in said and "sur la demande" in said
    assert permit.reference in said and "annexe 2 du décret n° 2-22-141" in said
    assert "Silence de l’administration" not in said
