"""R5 (Law 55-19 art. 10 §2, 14, 7(4)): "After the receipt, three requests, each once, each
only within the first half of the deadline, ... each suspends the clock until the user provides
what was asked, and it then resumes for what remained: (a) to replace a document ... the user
having 30 days from receiving it or the file is returned; (b) for complementary information;
(c) to see the originals or certified copies, on a justified doubt, motivated."

The demolition permit of the tests has a 30-day deadline in calendar days; filed complete on
Wednesday 2 December 2026, its first 15 days are 3 to 17 December."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from rest_framework.test import APIClient

from idara.clock import due_date
from idara.conftest import staff_login
from idara.dossiers import services
from idara.dossiers.models import ApplicantRequest, Dossier, RequestKind, Status
from idara.dossiers.selectors import holidays_around, legal_view
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import (
    DEMOLITION_DOCUMENT,
    REPLACE_REASON,
    ask_to_replace,
    demolition_filing,
    pdf_file,
)
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db

FILED = "2026-12-02 10:00 +01:00"
DOUBT = "La signature du plan diffère de celle de la CNIE."


def at(day: str):
    return time_machine.travel(f"{day} 09:00 +01:00", tick=False)


@pytest.fixture(autouse=True)
def on_filing_day():
    """Every test starts on the filing day, before the catalogue is loaded (a fiche is in force
    from the day it is loaded); each step then travels to its own day."""
    with time_machine.travel(FILED, tick=False):
        yield


@pytest.fixture
def filed(offered, citizen):
    """A complete demolition permit filed on Wednesday 2 December 2026."""
    return services.file_dossier(citizen, citizen, demolition_filing(offered))[0]


def information(question="Quelle est la surface du bâtiment à démolir ?"):
    return services.Asked(RequestKind.INFORMATION, question=question)


def originals(reason=DOUBT):
    return services.Asked(RequestKind.ORIGINALS, [DEMOLITION_DOCUMENT], reason)


def calendar(first: date, last: date):
    return holidays_around(first, last)


class TestFirstHalf:
    """R5: "each refused after the first half has run (half of the deadline in counted days,
    suspensions excluded)"."""

    @pytest.mark.parametrize("asked", [information, originals], ids=["information", "originals"])
    def test_the_last_day_of_the_first_half_and_the_day_after(self, filed, agent, asked):
        with at("2026-12-18"), pytest.raises(TransitionRefused, match="first half"):
            services.ask_applicant(agent, filed, asked())
        assert not ApplicantRequest.objects.exists()
        with at("2026-12-17"):
            assert services.ask_applicant(agent, filed, asked()).status == Status.AWAITING_APPLICANT

    def test_a_replacement_is_refused_after_it_too(self, filed, agent):
        with at("2026-12-18"), pytest.raises(TransitionRefused, match="first half"):
            ask_to_replace(agent, filed)

    def test_the_days_the_clock_stood_still_do_not_count_in_the_half(self, filed, agent, citizen):
        with at("2026-12-05"):  # 3 days counted (3 to 5 December)
            services.ask_applicant(agent, filed, information())
        with at("2026-12-09"):  # 6 to 9 December do not count
            services.answer_request(citizen, filed, {}, "Environ 120 m².")
        # 10 to 21 December are the 12 days left of the 15: the 22nd is past the first half.
        with at("2026-12-21"):
            ask_to_replace(agent, filed)
        assert Dossier.objects.get(pk=filed.pk).status == Status.AWAITING_APPLICANT

    def test_the_back_office_offers_no_request_after_it(self, filed, agent, client):
        path = f"/fr/backoffice/dossiers/{filed.pk}/"
        with at("2026-12-17"):
            staff_login(client, agent)
            assert "/ask_applicant/" in client.get(path).content.decode()
        with at("2026-12-18"):
            staff_login(client, agent)
            assert "/ask_applicant/" not in client.get(path).content.decode()


class TestEachOnce:
    def test_each_kind_is_asked_once_and_the_others_remain(self, filed, agent, citizen):
        """R5: "Three kinds of request, each at most once per dossier"."""
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
            services.answer_request(citizen, filed, {DEMOLITION_DOCUMENT: pdf_file()})
            with pytest.raises(TransitionRefused, match="once"):
                ask_to_replace(agent, filed)
            services.ask_applicant(agent, filed, information())
            services.answer_request(citizen, filed, {}, "Environ 120 m².")
            with pytest.raises(TransitionRefused, match="once"):
                services.ask_applicant(agent, filed, information("Et la hauteur ?"))
        kinds = list(ApplicantRequest.objects.values_list("kind", flat=True))
        assert kinds == [RequestKind.REPLACE_DOCUMENT, RequestKind.INFORMATION]

    def test_the_back_office_offers_only_the_kinds_not_asked(self, filed, agent, citizen, client):
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
            services.answer_request(citizen, filed, {DEMOLITION_DOCUMENT: pdf_file()})
            staff_login(client, agent)
            page = client.get(f"/fr/backoffice/dossiers/{filed.pk}/").content.decode()
        assert 'value="information"' in page and 'value="originals"' in page
        assert 'value="replace_document"' not in page


class TestWhatMayBeAsked:
    def test_only_documents_of_the_fiche(self, filed, agent):
        """R5: "each naming only documents of the dossier's fiche"."""
        with at("2026-12-04"):
            with pytest.raises(TransitionRefused, match="not: casier-judiciaire"):
                ask_to_replace(agent, filed, ["casier-judiciaire"])
            with pytest.raises(TransitionRefused, match="not: casier-judiciaire"):
                services.ask_applicant(
                    agent,
                    filed,
                    services.Asked(RequestKind.ORIGINALS, ["casier-judiciaire"], DOUBT),
                )
        assert Dossier.objects.get(pk=filed.pk).status == Status.SUBMITTED

    @pytest.mark.parametrize("kind", [RequestKind.REPLACE_DOCUMENT, RequestKind.ORIGINALS])
    def test_a_replacement_and_the_originals_are_motivated(self, filed, agent, kind):
        """R5 (a) "motivated", (c) "on a justified doubt, motivated"."""
        with at("2026-12-04"), pytest.raises(TransitionRefused, match="motivated"):
            services.ask_applicant(
                agent, filed, services.Asked(kind, [DEMOLITION_DOCUMENT], "Non.")
            )
        assert not ApplicantRequest.objects.exists()

    def test_information_is_a_question(self, filed, agent):
        with at("2026-12-04"), pytest.raises(TransitionRefused, match="question"):
            services.ask_applicant(agent, filed, information("  "))


class TestTheClockStandsStill:
    def test_from_the_request_to_the_answer_both_included(self, filed, agent, citizen):
        """The clock: "A suspension (R2, R5) stops the clock from the day the request reaches
        the user to the day the answer arrives, both included ... While an answer is awaited
        there is no due date." """
        holidays = calendar(date(2026, 12, 1), date(2027, 3, 1))
        with at("2026-12-04"):
            assert legal_view(filed).due == due_date(
                date(2026, 12, 2), 30, working_days=False, holidays=holidays
            )
            asked = services.ask_applicant(agent, filed, information())
            assert legal_view(asked).due is None
        with at("2026-12-10"):
            answered = services.answer_request(citizen, filed, {}, "Environ 120 m².")
        assert answered.status == Status.IN_REVIEW
        expected = due_date(
            date(2026, 12, 2),
            30,
            working_days=False,
            holidays=holidays,
            suspensions=[(date(2026, 12, 4), date(2026, 12, 10))],
        )
        assert legal_view(answered).due == expected == answered.due_on
        # 2 Dec + 31 + the 7 days it stood still is Saturday 9 January 2027; Monday the 11th is
        # a public holiday (the Proclamation of Independence): Tuesday the 12th.
        assert expected == date(2027, 1, 12)

    def test_the_applicant_is_told_the_due_date_when_the_clock_runs_again(
        self, filed, agent, citizen
    ):
        with at("2026-12-04"):
            services.ask_applicant(agent, filed, information())
        with at("2026-12-10"):
            answered = services.answer_request(citizen, filed, {}, "Environ 120 m².")
        told = Message.objects.filter(about=filed.reference).order_by("created_at").last()
        assert answered.due_on.isoformat() in told.body


class TestReplacement:
    """R5 (a): "the user having 30 days from receiving it or the file is returned"."""

    def test_every_document_asked_comes_and_only_those(self, filed, agent, citizen):
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
            with pytest.raises(services.FilingRefused) as refused:
                services.answer_request(citizen, filed, {"plan": pdf_file()})
        assert set(refused.value.errors) == {"plan", DEMOLITION_DOCUMENT}
        assert Dossier.objects.get(pk=filed.pk).status == Status.AWAITING_APPLICANT

    def test_the_30th_day_and_the_day_after(self, filed, agent, citizen):
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
        last = due_date(
            date(2026, 12, 4),
            30,
            working_days=False,
            holidays=calendar(date(2026, 12, 1), date(2027, 2, 1)),
        )
        assert last == date(2027, 1, 4)  # 4 Dec + 31 = Monday 4 January 2027
        asked = Dossier.objects.get(pk=filed.pk)
        with at(last.isoformat()):
            assert legal_view(asked).answer_by == last
            assert legal_view(asked).status == Status.AWAITING_APPLICANT
        with at("2027-01-05"):
            assert legal_view(asked).status == Status.RETURNED
            with pytest.raises(TransitionRefused, match="30 days"):
                services.answer_request(citizen, filed, {DEMOLITION_DOCUMENT: pdf_file()})
            call_command("sweep_deadlines", verbosity=0)
        assert Dossier.objects.get(pk=filed.pk).status == Status.RETURNED

    def test_sent_on_the_last_day_the_clock_runs_again(self, filed, agent, citizen):
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
        with at("2027-01-04"):
            answered = services.answer_request(citizen, filed, {DEMOLITION_DOCUMENT: pdf_file()})
            call_command("sweep_deadlines", verbosity=0)
        assert Dossier.objects.get(pk=filed.pk).status == Status.IN_REVIEW
        assert answered.files.filter(purpose="requested").count() == 1

    def test_the_applicant_is_told_what_why_and_by_when(self, filed, agent):
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
        told = Message.objects.filter(about=filed.reference).order_by("created_at").last()
        assert REPLACE_REASON in told.body and "2027-01-04" in told.body


class TestOriginals:
    def test_they_are_seen_at_the_counter_by_an_agent(self, filed, agent, citizen):
        """R5 (c): to see the originals; nothing is sent, an agent records they were shown."""
        with at("2026-12-04"):
            services.ask_applicant(agent, filed, originals())
            with pytest.raises(TransitionRefused, match="counter"):
                services.answer_request(citizen, filed, {}, "")
            seen = services.answer_request(agent, filed, {}, "Originaux conformes.")
        assert seen.status == Status.IN_REVIEW
        assert seen.requests.get().answer == "Originaux conformes."


class TestPagesAndApi:
    def test_the_citizen_answers_a_question_from_their_page(self, filed, agent, citizen, client):
        with at("2026-12-04"):
            services.ask_applicant(agent, filed, information())
            client.force_login(citizen)
            page = client.get(f"/fr/my/dossiers/{filed.pk}/").content.decode()
            assert "Quelle est la surface du bâtiment à démolir ?" in page
            assert 'name="answer"' in page
            client.post(f"/fr/my/dossiers/{filed.pk}/documents/", {"answer": "Environ 120 m²."})
        assert Dossier.objects.get(pk=filed.pk).status == Status.IN_REVIEW
        assert ApplicantRequest.objects.get().answer == "Environ 120 m²."

    def test_the_citizen_sends_the_document_to_replace_from_their_page(
        self, filed, agent, citizen, client
    ):
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
            client.force_login(citizen)
            page = client.get(f"/fr/my/dossiers/{filed.pk}/").content.decode()
            assert REPLACE_REASON in page and "2027-01-04" in page
            client.post(f"/fr/my/dossiers/{filed.pk}/documents/", {DEMOLITION_DOCUMENT: pdf_file()})
        assert Dossier.objects.get(pk=filed.pk).status == Status.IN_REVIEW

    def test_an_agent_asks_from_the_back_office(self, filed, agent, client):
        with at("2026-12-04"):
            staff_login(client, agent)
            client.post(
                f"/fr/backoffice/dossiers/{filed.pk}/ask_applicant/",
                {"kind": "originals", "documents": [DEMOLITION_DOCUMENT], "reason": DOUBT},
            )
        request = ApplicantRequest.objects.get()
        assert (request.kind, request.documents, request.reason) == (
            RequestKind.ORIGINALS,
            [DEMOLITION_DOCUMENT],
            DOUBT,
        )

    def test_the_api_gives_the_requests(self, filed, agent, citizen):
        api = APIClient()
        api.force_authenticate(citizen)
        with at("2026-12-04"):
            ask_to_replace(agent, filed)
            body = api.get(f"/api/v1/dossiers/{filed.pk}").json()
        assert body["status"] == "awaiting_applicant" and body["due_date"] is None
        [request] = body["requests"]
        assert request["kind"] == "replace_document"
        assert (request["requested_on"], request["answered_on"]) == ("2026-12-04", None)
        assert request["answer_due"] == "2027-01-04"
        with at("2026-12-06"):
            api.post(
                f"/api/v1/dossiers/{filed.pk}/documents",
                {DEMOLITION_DOCUMENT: pdf_file()},
                format="multipart",
            )
            body = api.get(f"/api/v1/dossiers/{filed.pk}").json()
        assert body["requests"][0]["answered_on"] == "2026-12-06"
        assert body["status"] == "in_review"


def test_the_migration_carries_the_first_versions_request_over(filed):
    """Issue 22: "`awaiting_documents` becomes `awaiting_applicant` with kind
    `replace_document`"; one asked and answered becomes an answered request, so the days the
    clock stood still still do not count."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("idara.dossiers.migrations.0015_applicant_requests")
    answered = services.file_dossier(
        filed.applicant, filed.applicant, demolition_filing(filed.collectivity)
    )[0]
    Dossier.objects.filter(pk=filed.pk).update(
        status="awaiting_documents",
        documents_requested_on=date(2026, 12, 2),
        documents_requested=[DEMOLITION_DOCUMENT],
        documents_request_note="Plan illisible",
    )
    filed.events.update(status="awaiting_documents")
    Dossier.objects.filter(pk=answered.pk).update(
        status="in_review",
        documents_requested_on=date(2026, 12, 2),
        documents_requested=[DEMOLITION_DOCUMENT],
        documents_received_on=date(2026, 12, 2),
    )
    migration.carry_the_one_request_over(apps, None)
    waiting = Dossier.objects.get(pk=filed.pk)
    assert waiting.status == Status.AWAITING_APPLICANT
    assert set(waiting.events.values_list("status", flat=True)) == {Status.AWAITING_APPLICANT}
    request = waiting.requests.get()
    assert (request.kind, request.documents, request.reason, request.answered_on) == (
        RequestKind.REPLACE_DOCUMENT,
        [DEMOLITION_DOCUMENT],
        "Plan illisible",
        None,
    )
    assert legal_view(waiting).due is None
    done = Dossier.objects.get(pk=answered.pk)
    assert legal_view(done).due == due_date(
        date(2026, 12, 2),
        30,
        working_days=False,
        holidays=calendar(date(2026, 12, 1), date(2027, 3, 1)),
        suspensions=[(date(2026, 12, 2), date(2026, 12, 2))],
    )


def test_a_list_reads_the_requests_once_whatever_its_length(offered, citizen, agent):
    """The inbox computes each row's legal state, which reads its requests: one query for the
    page, not one per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from idara.dossiers.selectors import inbox, legal_views

    def queries() -> int:
        with CaptureQueriesContext(connection) as read:
            legal_views(inbox(agent))
        return len(read.captured_queries)

    def file_and_ask():
        dossier = services.file_dossier(citizen, citizen, demolition_filing(offered))[0]
        services.ask_applicant(agent, dossier, information())

    file_and_ask()
    one = queries()
    for _ in range(3):
        file_and_ask()
    assert queries() == one
