"""The law's promises after filing: motivated refusals (R7), one extension (R6), tacit
acceptance computed from dates (R8), appeals (R9). The requests of R5: test_requests.py."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from idara.dossiers import services
from idara.dossiers.models import Dossier, Status
from idara.dossiers.selectors import legal_view
from idara.dossiers.services import file_dossier
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import (
    DEMOLITION_DOCUMENT,
    ask_to_replace,
    demolition_filing,
    extract_filing,
)
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def demolition(offered, citizen):
    return file_dossier(citizen, citizen, demolition_filing(offered))[0]


@pytest.fixture
def extract(offered, citizen):
    return file_dossier(citizen, citizen, extract_filing(offered))[0]


@pytest.fixture
def on_2_december_2026():
    """Filed and decided on Wednesday 2 December 2026 at 10:00 in Casablanca."""
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


def backdate(dossier, days: int) -> Dossier:
    """Move a dossier's filing `days` into the past, as if filed (complete) then."""
    filed_on = timezone.localdate() - timedelta(days=days)
    Dossier.objects.filter(pk=dossier.pk).update(filed_on=filed_on, complete_on=filed_on)
    dossier.refresh_from_db()
    return dossier


class TestDecisions:
    def test_a_refusal_without_a_written_motivation_is_impossible(self, demolition, agent):
        """L8: "A refusal without a written motivation is impossible"."""
        for motivation in ("", "   ", "Non."):
            with pytest.raises(TransitionRefused, match="motivated"):
                services.refuse(agent, demolition, motivation)
        dossier = services.refuse(
            agent, demolition, "Le bâtiment est classé au patrimoine de la médina."
        )
        assert (dossier.status, dossier.motivation[:10]) == (Status.REFUSED, "Le bâtimen")

    def test_a_refusal_may_be_appealed_within_the_appeal_deadline(
        self, on_2_december_2026, demolition, agent
    ):
        """R9: "A refusal ... may be appealed within 30 days of ... receiving the refusal", a
        full deadline counted by the clock: refused on Wednesday 2 December 2026, its 31st day
        is Saturday 2 January 2027, which moves to Monday 4 January."""
        dossier = services.refuse(
            agent, demolition, "Le bâtiment est classé au patrimoine de la médina."
        )
        services.refusal_opened(dossier.applicant, dossier)  # it reached them the same day
        dossier.refresh_from_db()
        assert legal_view(dossier).appeal_until == date(2027, 1, 4)
        # Its last day still open, the day after closed, whatever day the suite runs.
        assert legal_view(dossier, today=date(2027, 1, 4)).appeal_until == date(2027, 1, 4)
        assert legal_view(dossier, today=date(2027, 1, 5)).appeal_until is None

    def test_only_an_agent_of_the_service_decides(self, demolition, civil_agent, citizen):
        for actor in (civil_agent, citizen):
            with pytest.raises(PermissionDenied):
                services.accept(actor, demolition)

    def test_an_illegal_transition_is_refused(self, demolition, agent, citizen):
        services.withdraw(citizen, demolition)
        with pytest.raises(TransitionRefused, match="Withdrawn"):
            services.accept(agent, demolition)

    def test_one_extension_where_the_fiche_allows_it(self, demolition, agent):
        """R6 (art. 17): "One extension, only where the act is listed as needing a technical
        expertise or a public enquiry, no longer than that needs; the user is told the new
        date." The agent gives the kind, the days and the reason."""
        why = "Avis de l'agence urbaine attendu"
        with pytest.raises(TransitionRefused, match="no extension"):
            services.extend(agent, demolition, "public_enquiry", 10, why)
        Dossier.objects.filter(pk=demolition.pk).update(extension_allowed_days=10)
        demolition.refresh_from_db()
        with pytest.raises(TransitionRefused, match="reason"):
            services.extend(agent, demolition, "public_enquiry", 10, " ")
        with pytest.raises(TransitionRefused, match="expertise"):
            services.extend(agent, demolition, "workload", 10, why)
        for days in (0, 11):
            with pytest.raises(TransitionRefused, match="1 to 10 days"):
                services.extend(agent, demolition, "public_enquiry", days, why)
        before = demolition.due_on
        dossier = services.extend(agent, demolition, "technical_expertise", 7, why)
        assert dossier.due_on > before and dossier.extension_days == 7
        assert dossier.extension_notified_on == timezone.localdate()
        with pytest.raises(TransitionRefused, match="once"):
            services.extend(agent, dossier, "public_enquiry", 3, "Encore une enquête")
        # R6: "the user is notified of the new due date, in words and as a date".
        told = Message.objects.filter(about=dossier.reference, channel="sms").last().body
        assert dossier.due_on.isoformat() in told and "7" in told

    def test_the_api_gives_the_extension(self, demolition, agent, citizen):
        from rest_framework.test import APIClient

        api = APIClient()
        api.force_authenticate(citizen)
        assert api.get(f"/api/v1/dossiers/{demolition.pk}").json()["extension"] is None
        Dossier.objects.filter(pk=demolition.pk).update(extension_allowed_days=10)
        demolition.refresh_from_db()
        services.extend(agent, demolition, "public_enquiry", 5, "Enquête publique en cours")
        extension = api.get(f"/api/v1/dossiers/{demolition.pk}").json()["extension"]
        assert extension == {
            "kind": "public_enquiry",
            "days": 5,
            "reason": "Enquête publique en cours",
            "notified_on": timezone.localdate().isoformat(),
        }


class TestSilence:
    def test_tacit_acceptance_is_computed_from_dates_without_any_job(self, demolition, agent):
        """L7 and LAW.md: "The legal state is computed from these dates at any moment: no job has to
        run for a dossier to be tacitly accepted." """
        dossier = backdate(demolition, 45)
        view = legal_view(dossier)
        assert view.due < timezone.localdate()
        assert view.status == Status.TACITLY_ACCEPTED
        assert dossier.status == Status.SUBMITTED  # nothing was written yet
        with pytest.raises(TransitionRefused, match="accepted by silence"):
            services.refuse(agent, dossier, "Trop tard pour refuser ce dossier de démolition.")

    def test_the_sweep_writes_it_down_once(self, demolition):
        backdate(demolition, 45)
        Dossier.objects.filter(pk=demolition.pk).update(
            due_on=timezone.localdate() - timedelta(days=10)
        )
        call_command("sweep_deadlines", verbosity=0)
        dossier = Dossier.objects.get(pk=demolition.pk)
        assert dossier.status == Status.TACITLY_ACCEPTED
        events = dossier.events.count()
        call_command("sweep_deadlines", verbosity=0)  # running it twice changes nothing
        assert dossier.events.count() == events

    def test_silence_is_not_acceptance_for_other_acts_and_may_be_appealed(self, extract):
        """L7 only for the acts decree n° 2-22-141 lists; L9: "or a silence that is not an
        acceptance" may be appealed."""
        dossier = backdate(extract, 10)
        view = legal_view(dossier)
        assert view.status == Status.SUBMITTED
        assert view.appeal_until is not None


def test_the_supervisor_moves_a_holiday_and_due_dates_follow(demolition, supervisor, agent):
    """LAW.md: public holidays come from `holidays` (MA) "plus an override table that an
    administrator edits: Islamic holidays follow the moon sighting and can move by a day"."""
    due = legal_view(demolition).due
    services.set_holiday(supervisor, due, observed=True, name="Aïd (observé)")
    moved = Dossier.objects.get(pk=demolition.pk)
    assert legal_view(moved).due > due  # a due date on a holiday moves to the next working day
    assert moved.due_on == legal_view(moved).due
    with pytest.raises(PermissionDenied):
        services.set_holiday(agent, due, observed=False, name="Aïd")


def test_documents_sent_on_request_meet_the_collectivitys_narrower_limit(
    demolition, agent, citizen
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ask_to_replace(agent, demolition)
    too_big = SimpleUploadedFile("plan.pdf", b"%PDF-" + b"x" * (6 * 1024 * 1024))
    with pytest.raises(services.FilingRefused) as refused:
        services.answer_request(citizen, demolition, {DEMOLITION_DOCUMENT: too_big})
    assert "at most 5 MB are accepted here" in refused.value.errors[DEMOLITION_DOCUMENT][0]
