"""A published budget as the public reads it: by section, revenue against spending."""

from dataclasses import dataclass
from decimal import Decimal

from idara.transparency.budget_file import chart_of_accounts
from idara.transparency.models import Budget, Direction, Section


def budgets_of(collectivity):
    return Budget.objects.filter(collectivity=collectivity).order_by("-year", "kind")


@dataclass(frozen=True)
class SectionTotals:
    section: str
    revenue: Decimal
    spending: Decimal
    chapters: list  # (chapter, its label, direction, total)


def summary(budget: Budget) -> list[SectionTotals]:
    chart = chart_of_accounts()
    totals: dict[tuple[str, str], Decimal] = {}
    by_chapter: dict[str, Decimal] = {}
    for line in budget.lines.all():
        key = (line.section, line.direction)
        totals[key] = totals.get(key, Decimal(0)) + line.amount
        by_chapter[line.chapter] = by_chapter.get(line.chapter, Decimal(0)) + line.amount
    sections = []
    for section in Section.values:
        chapters = [
            (code, chart[code], chart[code].direction, amount)
            for code, amount in sorted(by_chapter.items())
            if chart[code].section == section
        ]
        sections.append(
            SectionTotals(
                section,
                totals.get((section, Direction.REVENUE), Decimal(0)),
                totals.get((section, Direction.SPENDING), Decimal(0)),
                chapters,
            )
        )
    return sections
