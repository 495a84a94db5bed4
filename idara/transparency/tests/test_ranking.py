"""The ranking, as the methodology page publishes it: weights, minimum volume, ties, scopes."""

from datetime import date

import pytest

from idara.catalog.models import Procedure
from idara.territories.models import Collectivity
from idara.transparency.models import MonthlyFigures, RankingEntry
from idara.transparency.ranking import Period, rank

pytestmark = pytest.mark.django_db
Q3 = Period(2026, 3)


def figures(code, decided, on_time, tacit=0, days=10, month=date(2026, 8, 1)):
    MonthlyFigures.objects.create(
        collectivity=Collectivity.objects.get(code=code),
        procedure=Procedure.objects.first(),
        month=month,
        received=decided,
        decided=decided,
        decided_on_time=on_time,
        tacit=tacit,
        days={str(days): decided},
    )


def entry(code, period=Q3) -> RankingEntry:
    return RankingEntry.objects.get(period=str(period), collectivity__code=code)


@pytest.fixture
def ranked(all_territories, catalogue):
    figures("01.151.01.01.", 40, 30, tacit=4)  # Chefchaouen (urban)
    figures("01.511.01.01.", 40, 30, tacit=4)  # same figures, same volume: the code decides
    figures("01.511.01.00.", 60, 60, days=30)
    figures("09.581.01.07.", 19, 19)  # Tiznit: too few decisions to rank
    rank(Q3)


def test_the_score_is_the_published_weighted_sum(ranked):
    """On time 75% (×0.5), answered 90% (×0.2), median 10 days of 60 (×0.15), nothing online."""
    assert entry("01.151.01.01.").score == pytest.approx(68.0)


def test_below_the_minimum_volume_a_collectivity_is_shown_but_not_ranked(ranked):
    tiznit = entry("09.581.01.07.")
    assert tiznit.score is None and tiznit.rank_national is None and tiznit.decided == 19


def test_ranks_national_regional_and_by_category_with_ties_broken_by_code(ranked):
    first, second, third = (entry(c) for c in ("01.511.01.00.", "01.151.01.01.", "01.511.01.01."))
    assert (first.rank_national, second.rank_national, third.rank_national) == (1, 2, 3)
    assert (first.rank_region, second.rank_region, third.rank_region) == (1, 2, 3)
    assert first.region_code == "01." and first.category in ("commune_urban", "commune_rural")


def test_only_the_periods_decisions_count(ranked):
    figures("01.151.01.01.", 500, 0, month=date(2026, 10, 1))  # Q4: not this quarter
    rank(Q3)
    assert entry("01.151.01.01.").decided == 40


def test_movement_since_the_previous_period(ranked):
    figures("01.151.01.01.", 90, 90, days=2, month=date(2026, 11, 1))
    rank(Period(2026, 4))
    moved = entry("01.151.01.01.", Period(2026, 4))
    assert (moved.previous_rank_national, moved.rank_national) == (2, 1)


@pytest.mark.parametrize("text", ["2026-Q5", "2026Q1", "Q1-2026", ""])
def test_a_period_that_is_not_a_quarter_is_refused(text):
    with pytest.raises(ValueError):
        Period.parse(text)
