"""The rules of LAW.md the catalogue enforces, each test quoting its rule."""

from datetime import date
from types import SimpleNamespace

from idara.catalog import rules


def test_l6_sixty_days_at_most_thirty_for_investment():
    """L6: "at most 60 days (30 days for acts linked to investment)"."""
    assert rules.deadline_ceiling(investment_linked=False) == 60
    assert rules.deadline_ceiling(investment_linked=True) == 30


def test_l6_the_catalogue_refuses_a_deadline_above_its_ceiling():
    """L6: "The catalogue refuses a deadline above the ceiling of its category." """
    assert rules.deadline_within_ceiling(60, investment_linked=False)
    assert not rules.deadline_within_ceiling(61, investment_linked=False)
    assert rules.deadline_within_ceiling(30, investment_linked=True)
    assert not rules.deadline_within_ceiling(31, investment_linked=True)


def test_l6_an_unpublished_deadline_takes_the_ceiling():
    """L6: "a procedure whose deadline is not published takes the ceiling"."""
    assert rules.deadline_in_force(None, investment_linked=False) == 60
    assert rules.deadline_in_force(None, investment_linked=True) == 30
    assert rules.deadline_in_force(15, investment_linked=True) == 15
    assert rules.deadline_in_force(0, investment_linked=False) == 0


def test_r2_no_legalised_signature_and_no_certified_copy_may_be_required():
    """R2 (art. 7): "One copy of each document; no legalised signatures; no certified copies"
    ... "by its type, in any language: « légalisé », « copie certifiée conforme », « مصادق »,
    « مطابقة للأصل »"."""
    for worded in (
        "Demande signée et légalisée",
        "Contrat de bail legalise",
        "Copie certifiée conforme de l'acte de mariage",
        "Copie conforme du livret de famille",
        "نسخة مصادق عليها من عقد الكراء",
        "طلب مصحح الإمضاء",
        "نسخة مطابقة للأصل من عقد الزواج",
    ):
        assert rules.asks_legalised_or_certified_copy(worded), worded
        assert not rules.document_may_be_required("other", (worded,))
    for plain in (
        "Copie de la CNIE",
        "Plan de situation",
        "Document original dont la signature est à légaliser",
    ):
        assert not rules.asks_legalised_or_certified_copy(plain), plain
    # By its type, whatever its label says.
    assert not rules.document_may_be_required("certified-copy", ("Acte de mariage",))
    assert not rules.document_may_be_required("legalised-copy", ("Contrat de bail",))
    assert rules.document_may_be_required("marriage-act", ("Acte de mariage",))


def test_l7_silence_means_acceptance_only_for_the_acts_listed():
    """L7: "Silence past the deadline means acceptance for the acts that decree n° 2-22-141 lists"."""
    assert rules.silence_is_acceptance(True)
    assert not rules.silence_is_acceptance(False)
    assert not rules.silence_is_acceptance(None)  # not stated: not among the listed acts


def test_l1_a_dossier_is_bound_to_the_version_in_force_when_filed():
    """L1: "it is bound to the version of the fiche in force when it was filed"."""
    v1 = SimpleNamespace(number=1, effective_from=date(2025, 1, 1))
    v2 = SimpleNamespace(number=2, effective_from=date(2026, 6, 1))
    v3 = SimpleNamespace(number=3, effective_from=date(2027, 1, 1))
    versions = [v1, v2, v3]
    assert rules.version_in_force(versions, date(2026, 5, 31)) is v1
    assert rules.version_in_force(versions, date(2026, 6, 1)) is v2
    assert rules.version_in_force(versions, date(2026, 12, 31)) is v2
    assert rules.version_in_force(versions, date(2024, 12, 31)) is None
