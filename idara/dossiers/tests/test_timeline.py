"""The timeline in each reader's language, and the service's internal exchanges kept from the
applicant (issue 25, items 1 and 9)."""

import pytest
from django.utils import translation

from idara.dossiers import services, timeline
from idara.dossiers.tests.helpers import REPLACE_REASON, ask_to_replace, demolition_filing
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db

QUESTION = "La façade respecte-t-elle le règlement de la médina ?"


@pytest.fixture
def asked(offered, commune, citizen, agent):
    dossier = services.file_dossier(citizen, citizen, demolition_filing(commune))[0]
    hygiene = commune.services.get(kind="hygiene")
    services.ask_opinion(agent, dossier, hygiene, QUESTION, 7)
    return dossier


def test_the_applicant_never_reads_the_question_asked_of_another_service(asked):
    applicant_sees = [timeline.note(e) for e in timeline.for_applicant(asked)]
    agents_see = [timeline.note(e) for e in timeline.for_agents(asked)]
    assert not any(QUESTION in note for note in applicant_sees)
    assert any(QUESTION in note for note in agents_see)


@pytest.mark.parametrize("language, online", [("ar", "عبر الإنترنت"), ("fr", "En ligne")])
def test_each_reader_reads_the_timeline_in_their_language(asked, language, online):
    """Written once, said in the reader's language: "Déposé: عبر الإنترنت" was on French pages."""
    hygiene = asked.collectivity.services.get(kind="hygiene")
    with translation.override(language):
        filed, opinion = (timeline.note(e) for e in timeline.for_agents(asked)[:2])
    assert filed == online
    assert opinion.startswith(hygiene.name_ar if language == "ar" else hygiene.name_fr)


def test_an_arabic_reader_is_told_the_procedure_by_its_arabic_name(offered, commune, citizen):
    """ "تم التوصل بطلبك … (Autorisation d'occupation temporaire…)" quoted the French name."""
    citizen.preferred_language = "ar"
    citizen.save()
    with translation.override("fr"):  # the agent's, at the counter
        dossier = services.file_dossier(citizen, citizen, demolition_filing(commune))[0]
    told = Message.objects.filter(about=dossier.reference).first()
    assert dossier.procedure_version.name_ar in told.body
    assert dossier.procedure_version.name_fr not in told.body
    assert told.language == "ar"  # what the pages that show it mark it as


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_request_to_the_applicant_is_said_in_the_readers_language(asked, agent, language):
    """ "Replace a document: Demande signée…" was written once, in the agent's language, on
    the Arabic page; what the agent typed stays as typed."""
    ask_to_replace(agent, asked)
    line = asked.events.get(kind="applicant_asked")
    document = asked.procedure_version.documents.get(code=line.data["documents"][0])
    assert document.name_ar and document.name_fr
    with translation.override(language):
        said = timeline.said(line)
        assert said == f"{translation.gettext('Replace a document')} — {document.name}"
    assert line.note == REPLACE_REASON
    assert (document.name_ar if language == "ar" else document.name_fr) in said
