"""R4 (art. 16; decrees 2-22-385, 2-22-141 art. 5-6): "The deadline is at most 60 days; 30 days
for the acts needed for an investment ... a fiche whose own text counts working days keeps that
count, but its due date is never later than the ceiling's, counted in calendar days."

R6 (art. 17; decree 2-22-386): "One extension, only where the act is listed as needing a
technical expertise or a public enquiry ... The fiche says whether its act may be extended."

The demolition permit of the tests is filed complete on Wednesday 2 December 2026."""

from datetime import date

import pytest
import time_machine

from idara.catalog import rules
from idara.catalog import selectors as catalog
from idara.catalog.fiche import build_fiche
from idara.catalog.rules import RuleBroken
from idara.catalog.services import publish_version
from idara.clock import due_date
from idara.dossiers import legal, services
from idara.dossiers.models import Dossier, Status
from idara.dossiers.selectors import holidays_around, legal_view
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import DEMOLITION, demolition_filing

pytestmark = pytest.mark.django_db

FILED = date(2026, 12, 2)
ENQUIRY_BASIS = "Arrêté du ministre de l'Intérieur (décret n° 2-22-141, art. 5 b)"


@pytest.fixture(autouse=True)
def on_filing_day():
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def filed(offered, citizen):
    return services.file_dossier(citizen, citizen, demolition_filing(offered))[0]


def counted_in(dossier, *, days: int, working_days: bool, ceiling: int) -> Dossier:
    """The dossier as if its fiche had promised `days` (working or calendar) under `ceiling`."""
    Dossier.objects.filter(pk=dossier.pk).update(
        deadline_days=days, working_days=working_days, ceiling_days=ceiling
    )
    dossier.refresh_from_db()
    return dossier


def holidays():
    return holidays_around(FILED, date(2027, 12, 31))


class TestCeiling:
    def test_a_filing_keeps_the_ceiling_of_its_act(self, filed):
        assert filed.ceiling_days == 60

    def test_a_working_day_deadline_never_ends_after_the_calendar_ceiling(self, filed):
        """R4: 60 working days from 2 December would end in March; the ceiling's 60 calendar
        days end first, and that is the due date."""
        dossier = counted_in(filed, days=60, working_days=True, ceiling=60)
        working = due_date(FILED, 60, working_days=True, holidays=holidays())
        ceiling = due_date(FILED, 60, working_days=False, holidays=holidays())
        assert ceiling < working
        assert legal.legal_due_date(dossier, holidays()) == ceiling

    def test_a_short_working_day_deadline_keeps_its_own_count(self, filed):
        dossier = counted_in(filed, days=10, working_days=True, ceiling=60)
        expected = due_date(FILED, 10, working_days=True, holidays=holidays())
        assert legal.legal_due_date(dossier, holidays()) == expected

    def test_an_investment_act_is_capped_at_30_calendar_days(self, filed):
        """R4: "30 days for the acts needed for an investment" (art. 16 §2, decree 2-22-385):
        30 working days are capped by 30 calendar days, and silence (the demolition permit's
        is acceptance) takes effect the day after that capped due date, not later."""
        dossier = counted_in(filed, days=30, working_days=True, ceiling=30)
        capped = due_date(FILED, 30, working_days=False, holidays=holidays())
        assert legal.legal_due_date(dossier, holidays()) == capped
        assert legal_view(dossier, today=capped).status == Status.SUBMITTED
        next_day = date.fromordinal(capped.toordinal() + 1)
        assert legal_view(dossier, today=next_day).status == Status.TACITLY_ACCEPTED

    def test_a_row_from_before_the_ceiling_was_kept_takes_the_general_one(self, filed):
        dossier = counted_in(filed, days=60, working_days=True, ceiling=None)
        ceiling = due_date(FILED, 60, working_days=False, holidays=holidays())
        assert legal.legal_due_date(dossier, holidays()) == ceiling


class TestInvestmentActs:
    def test_the_annex_act_of_the_catalogue_is_marked_with_its_ceiling(self, catalogue):
        """R4: "the acts of decree 2-22-385's annex that the catalogue holds are marked as
        investment acts (30 days)": the note of urban-planning information is n° 46."""
        version = catalog.version_in_force(catalog.procedure("note-renseignements-urbanistiques"))
        fiche = build_fiche(version)
        assert version.investment_linked
        assert any("2-22-385" in basis and "46" in basis for basis in version.legal_basis)
        # Its own deadline was not read with certainty: the ceiling applies, shown as such.
        assert (fiche.deadline_days, fiche.deadline_published) == (30, False)

    def test_no_other_act_of_the_catalogue_is_marked(self, catalogue):
        marked = {
            v.procedure.slug
            for v in (catalog.version_in_force(p) for p in catalog.procedures())
            if v.investment_linked
        }
        assert marked == {"note-renseignements-urbanistiques"}


class TestExtensionOfTheFiche:
    def test_no_text_no_extension(self):
        """R6: "only where the act is listed as needing a technical expertise or a public
        enquiry"."""
        assert rules.extension_days_allowed("", 15) == 0
        assert rules.extension_days_allowed("  ", 15) == 0
        assert rules.extension_days_allowed(ENQUIRY_BASIS, 15) == 15

    def test_the_national_catalogue_lists_no_extendable_act(self, catalogue):
        """Decree 2-22-386's annex lists none of the catalogue's acts, and the Interior
        minister's list for the collectivities is not public: off for every fiche."""
        for procedure in catalog.procedures():
            assert build_fiche(catalog.version_in_force(procedure)).extension_days == 0

    def test_the_supervisor_cannot_allow_an_extension_without_its_text(self, catalogue, supervisor):
        procedure = catalog.procedure(DEMOLITION)
        current = catalog.version_in_force(procedure)
        documents = [
            {"code": d.code, "name_fr": d.name_fr, "mandatory": d.mandatory}
            for d in current.documents.all()
        ]
        with pytest.raises(RuleBroken) as refused:
            publish_version(
                supervisor,
                procedure,
                {"extension_days": 15},
                documents,
                effective_from=FILED,
                reason="Enquête publique",
            )
        assert refused.value.field == "extension_basis"

    def test_a_dossier_filed_under_an_extendable_fiche_may_be_extended_once(
        self, offered, citizen, agent, supervisor
    ):
        procedure = catalog.procedure(DEMOLITION)
        current = catalog.version_in_force(procedure)
        documents = [
            {"code": d.code, "name_fr": d.name_fr, "mandatory": d.mandatory}
            for d in current.documents.all()
        ]
        publish_version(
            supervisor,
            procedure,
            {"extension_days": 15, "extension_basis": ENQUIRY_BASIS},
            documents,
            effective_from=FILED,
            reason="Acte soumis à enquête publique",
        )
        dossier = services.file_dossier(citizen, citizen, demolition_filing(offered))[0]
        assert dossier.extension_allowed_days == 15
        with pytest.raises(TransitionRefused, match="1 to 15 days"):
            services.extend(agent, dossier, "public_enquiry", 16, "Enquête publique ouverte")
        extended = services.extend(agent, dossier, "public_enquiry", 15, "Enquête publique ouverte")
        assert extended.extension_days == 15
