"""The ranking of collectivities by how well they meet their legal deadlines, per quarter.
The methodology page (templates/transparency/methodology.html) explains each rule below to the
public; the two must say the same thing."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from idara.catalog.models import Offering, Procedure
from idara.catalog.selectors import levels_handled_by
from idara.territories.models import COLLECTIVITY_KINDS, Collectivity, Kind
from idara.transparency.indicators import Figures
from idara.transparency.models import MonthlyFigures, RankingEntry

WEIGHTS = {"on_time": 0.50, "answered": 0.20, "speed": 0.15, "digitisation": 0.15}
MINIMUM_DECISIONS = 20  # below this, a quarter's figures say too little to rank on
SPEED_CEILING_DAYS = 60  # the legal ceiling (L6): a median at or past it scores nothing
CATEGORIES = {
    Kind.REGION: "region",
    Kind.PREFECTURE: "provincial",
    Kind.PROVINCE: "provincial",
    Kind.COMMUNE_URBAN: "commune_urban",
    Kind.COMMUNE_RURAL: "commune_rural",
}


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int

    @classmethod
    def of(cls, day: date) -> "Period":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> "Period":
        """ "2026-Q4"; ValueError for anything else."""
        year, _sep, quarter = text.partition("-Q")
        period = cls(int(year), int(quarter))
        if not (2000 <= period.year <= 2100 and 1 <= period.quarter <= 4):
            raise ValueError(text)
        return period

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def months(self) -> list[date]:
        first = 3 * (self.quarter - 1) + 1
        return [date(self.year, first + n, 1) for n in range(3)]

    @property
    def previous(self) -> "Period":
        return (
            Period(self.year - 1, 4) if self.quarter == 1 else Period(self.year, self.quarter - 1)
        )


def score(figures: Figures, digitisation_rate: float) -> float | None:
    """0 to 100, one decimal; None below the minimum volume."""
    if figures.decided < MINIMUM_DECISIONS:
        return None
    speed = 1 - min(figures.median_days, SPEED_CEILING_DAYS) / SPEED_CEILING_DAYS
    parts = {
        "on_time": figures.on_time_rate,
        "answered": figures.answered_rate,
        "speed": speed,
        "digitisation": digitisation_rate,
    }
    return round(100 * sum(WEIGHTS[name] * value for name, value in parts.items()), 1)


def tie_break(entry: RankingEntry, code: str) -> tuple:
    """Higher score first; then more decisions, a shorter median, and the code, in that order."""
    return (-entry.score, -entry.decided, entry.median_days, code)


def _period_figures(period: Period) -> dict[int, Figures]:
    totals: dict[int, Figures] = {}
    for row in MonthlyFigures.objects.filter(month__in=period.months):
        totals.setdefault(row.collectivity_id, Figures())
        totals[row.collectivity_id] += Figures.of_row(row)
    return totals


def _digitisation() -> dict[int, float]:
    """Each collectivity's procedures online against those its level handles."""
    handled = {
        kind: Procedure.objects.filter(level__in=levels_handled_by(kind)).count()
        for kind in COLLECTIVITY_KINDS
    }
    online = {}
    for collectivity_id in Offering.objects.filter(online=True).values_list(
        "collectivity_id", flat=True
    ):
        online[collectivity_id] = online.get(collectivity_id, 0) + 1
    rates = {}
    for unit in Collectivity.objects.filter(kind__in=COLLECTIVITY_KINDS).only("id", "kind"):
        rates[unit.pk] = online.get(unit.pk, 0) / handled[unit.kind] if handled[unit.kind] else 0.0
    return rates


@transaction.atomic
def rank(period: Period) -> int:
    """Compute and store the period's ranking (replacing it); returns how many were ranked."""
    figures, digitisation = _period_figures(period), _digitisation()
    previous = dict(
        RankingEntry.objects.filter(period=str(period.previous)).values_list(
            "collectivity_id", "rank_national"
        )
    )
    now, entries = timezone.now(), []
    units = Collectivity.objects.filter(kind__in=COLLECTIVITY_KINDS).only(
        "id", "code", "kind", "region_id"
    )
    regions = dict(Collectivity.objects.filter(kind=Kind.REGION).values_list("id", "code"))
    for unit in units:
        found = figures.get(unit.pk, Figures())
        entry = RankingEntry(
            period=str(period),
            collectivity=unit,
            category=CATEGORIES[unit.kind],
            region_code=unit.code if unit.kind == Kind.REGION else regions.get(unit.region_id, ""),
            decided=found.decided,
            on_time_rate=found.on_time_rate,
            answered_rate=found.answered_rate,
            median_days=found.median_days,
            digitisation_rate=digitisation.get(unit.pk, 0.0),
            previous_rank_national=previous.get(unit.pk),
            computed_at=now,
        )
        entry.score = score(found, entry.digitisation_rate)
        entries.append(entry)
    ranked = sorted(
        (e for e in entries if e.score is not None), key=lambda e: tie_break(e, e.collectivity.code)
    )
    _place(ranked, "rank_national", lambda e: "")
    _place(ranked, "rank_region", lambda e: e.region_code)
    _place(ranked, "rank_category", lambda e: e.category)
    RankingEntry.objects.filter(period=str(period)).delete()
    RankingEntry.objects.bulk_create(entries, batch_size=1000)
    return len(ranked)


def _place(ranked: list[RankingEntry], field: str, group) -> None:
    """Number the entries 1, 2, 3... within each group, in the ranked order."""
    seen: dict[str, int] = {}
    for entry in ranked:
        seen[group(entry)] = seen.get(group(entry), 0) + 1
        setattr(entry, field, seen[group(entry)])
