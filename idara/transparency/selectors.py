"""Reads of the transparency portal: everything public, answered from the kept figures (a
handful of indexed rows), never by counting dossiers, except the overdue backlog, which is a
legal state of today and is read from the open dossiers' due dates."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet, Sum

from idara.catalog.selectors import version_in_force
from idara.dossiers.selectors import overdue_dossiers
from idara.transparency.indicators import Figures
from idara.transparency.models import MonthlyFigures, OpenBacklog, RankingEntry
from idara.transparency.ranking import Period


def periods() -> list[str]:
    found = RankingEntry.objects.values_list("period", flat=True).distinct().order_by("-period")
    return list(found)


def latest_period() -> str | None:
    """The latest quarter that ranks anyone: in a quarter's first days nobody has the decisions
    to be ranked yet, and the public sees the quarter before until they do."""
    periods = RankingEntry.objects.order_by("-period").values_list("period", flat=True)
    return periods.filter(rank_national__isnull=False).first() or periods.first()


def ranked(period: str, *, region_code: str = "", category: str = "") -> QuerySet[RankingEntry]:
    entries = RankingEntry.objects.filter(period=period, rank_national__isnull=False)
    order = "rank_national"
    if region_code:
        entries, order = entries.filter(region_code=region_code), "rank_region"
    if category:
        entries, order = entries.filter(category=category), "rank_category"
    return entries.select_related("collectivity").order_by(order)


def unranked_count(period: str) -> int:
    return RankingEntry.objects.filter(period=period, rank_national__isnull=True).count()


def entry_of(collectivity, period: str) -> RankingEntry | None:
    return RankingEntry.objects.filter(period=period, collectivity=collectivity).first()


def months_ending(period: Period, count: int = 12) -> list[date]:
    last = period.months[-1]
    months, year, month = [], last.year, last.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def monthly(collectivity, months: list[date]) -> list[tuple[date, Figures]]:
    totals = {month: Figures() for month in months}
    for row in MonthlyFigures.objects.filter(collectivity=collectivity, month__in=months):
        totals[row.month] += Figures.of_row(row)
    return list(totals.items())


def by_procedure(collectivity, period: Period) -> list[tuple[object, Figures]]:
    """(the procedure's version in force, its figures), the most received first."""
    totals: dict = {}
    rows = MonthlyFigures.objects.filter(collectivity=collectivity, month__in=period.months)
    for row in rows.select_related("procedure"):
        totals.setdefault(row.procedure, Figures())
        totals[row.procedure] += Figures.of_row(row)
    found = sorted(totals.items(), key=lambda item: -item[1].received)
    return [(version_in_force(procedure), figures) for procedure, figures in found]


@dataclass(frozen=True)
class Backlog:
    open: int
    overdue: int


def backlog(collectivity) -> Backlog:
    opened = OpenBacklog.objects.filter(collectivity=collectivity).aggregate(n=Sum("open"))["n"]
    overdue = overdue_dossiers().filter(collectivity=collectivity).count()
    return Backlog(opened or 0, overdue)
