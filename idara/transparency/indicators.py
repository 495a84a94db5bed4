"""The indicators: kept up to date as each dossier moves (`count_movement`, in the transaction
of the move), and recomputed from the dossiers alone (`recompute`); a test checks that both
give the same figures on random histories. A decision counts in the month it was taken, a
filing in the month it was made; processing days leave out the days the clock stood still."""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth

from idara.dossiers.models import OPEN_STATUSES, Dossier, Status
from idara.transparency.models import MonthlyFigures, OpenBacklog

DECIDED = (Status.ACCEPTED, Status.REFUSED, Status.TACITLY_ACCEPTED)


def month_of(day: date) -> date:
    return day.replace(day=1)


@dataclass
class Figures:
    """Figures that add up: over procedures, months, collectivities."""

    received: int = 0
    decided: int = 0
    decided_on_time: int = 0
    tacit: int = 0
    days: Counter = field(default_factory=Counter)

    def __iadd__(self, other: "Figures") -> "Figures":
        self.received += other.received
        self.decided += other.decided
        self.decided_on_time += other.decided_on_time
        self.tacit += other.tacit
        self.days.update(other.days)
        return self

    @property
    def on_time_rate(self) -> float | None:
        return self.decided_on_time / self.decided if self.decided else None

    @property
    def answered_rate(self) -> float | None:
        """Decisions the administration took itself, not left to silence."""
        return (self.decided - self.tacit) / self.decided if self.decided else None

    def percentile_days(self, share: float) -> float | None:
        """The nearest-rank percentile of processing days (0.5: the median)."""
        total = sum(self.days.values())
        if not total:
            return None
        rank, seen = max(1, math.ceil(share * total)), 0
        for days in sorted(self.days):
            seen += self.days[days]
            if seen >= rank:
                return float(days)
        return None  # unreachable: the ranks add up to the total

    @property
    def median_days(self) -> float | None:
        return self.percentile_days(0.5)

    @property
    def p90_days(self) -> float | None:
        return self.percentile_days(0.9)

    def as_row(self) -> dict:
        return {
            "received": self.received,
            "decided": self.decided,
            "decided_on_time": self.decided_on_time,
            "tacit": self.tacit,
            "days": {str(k): v for k, v in sorted(self.days.items()) if v},
        }

    @classmethod
    def of_row(cls, row) -> "Figures":
        return cls(
            row.received,
            row.decided,
            row.decided_on_time,
            row.tacit,
            Counter({int(k): v for k, v in row.days.items()}),
        )


def on_time(dossier) -> bool:
    """Decided by the administration on or before its legal due date."""
    return dossier.decision != Status.TACITLY_ACCEPTED and dossier.decided_on <= dossier.due_on


def count_movement(dossier, before: str | None) -> None:
    """Registered with dossiers.movements: a filing, or a dossier leaving the open statuses."""
    key = (dossier.collectivity_id, dossier.procedure_version.procedure_id)
    if before is None:
        _add(key, month_of(dossier.filed_on), Figures(received=1))
        _add_open(key, 1)
        return
    if before not in OPEN_STATUSES or dossier.status in OPEN_STATUSES:
        return
    _add_open(key, -1)
    if dossier.status in DECIDED:
        decision = Figures(
            decided=1,
            decided_on_time=int(on_time(dossier)),
            tacit=int(dossier.status == Status.TACITLY_ACCEPTED),
            days=Counter({dossier.processing_days: 1}),
        )
        _add(key, month_of(dossier.decided_on), decision)


def _add(key: tuple[int, int], month: date, figures: Figures) -> None:
    row, _created = MonthlyFigures.objects.select_for_update().get_or_create(
        collectivity_id=key[0], procedure_id=key[1], month=month
    )
    total = Figures.of_row(row)
    total += figures
    for name, value in total.as_row().items():
        setattr(row, name, value)
    row.save()


def _add_open(key: tuple[int, int], change: int) -> None:
    row, _created = OpenBacklog.objects.select_for_update().get_or_create(
        collectivity_id=key[0], procedure_id=key[1]
    )
    OpenBacklog.objects.filter(pk=row.pk).update(open=F("open") + change)


# From scratch: the same figures, grouped by the database from the dossiers alone.

Key = tuple[int, int, date]  # collectivity, procedure, month


def recompute() -> tuple[dict[Key, Figures], dict[tuple[int, int], int]]:
    dossiers = Dossier.objects.filter(practice=False)
    keys = ("collectivity_id", "procedure_version__procedure_id", "month")
    figures: dict[Key, Figures] = {}
    received = dossiers.annotate(month=TruncMonth("filed_on")).values(*keys)
    for row in received.annotate(n=Count("id")).order_by():
        figures.setdefault(_key(row), Figures()).received += row["n"]
    for row in _decisions(dossiers, keys):
        found = figures.setdefault(_key(row), Figures())
        found.decided += row["n"]
        found.decided_on_time += row["n"] if row["on_time"] else 0
        found.tacit += row["n"] if row["decision"] == Status.TACITLY_ACCEPTED else 0
        if row["processing_days"] is not None:
            found.days[row["processing_days"]] += row["n"]
    backlog = (
        dossiers.filter(status__in=OPEN_STATUSES)
        .values("collectivity_id", "procedure_version__procedure_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    opened = {(r["collectivity_id"], r["procedure_version__procedure_id"]): r["n"] for r in backlog}
    return figures, opened


def _decisions(dossiers, keys):
    timely = Q(decided_on__lte=F("due_on")) & ~Q(decision=Status.TACITLY_ACCEPTED)
    return (
        dossiers.exclude(decision="")
        .annotate(
            month=TruncMonth("decided_on"),
            on_time=ExpressionWrapper(timely, output_field=BooleanField()),
        )
        .values(*keys, "decision", "on_time", "processing_days")
        .annotate(n=Count("id"))
        .order_by()
    )


def _key(row) -> Key:
    month = row["month"]
    month = month.date() if hasattr(month, "date") else month
    return (row["collectivity_id"], row["procedure_version__procedure_id"], month)


def kept() -> tuple[dict[Key, Figures], dict[tuple[int, int], int]]:
    """The figures as kept incrementally, in the shape `recompute` gives (nothing at zero)."""
    figures = {
        (r.collectivity_id, r.procedure_id, r.month): Figures.of_row(r)
        for r in MonthlyFigures.objects.all()
    }
    opened = {
        (r.collectivity_id, r.procedure_id): r.open for r in OpenBacklog.objects.exclude(open=0)
    }
    return figures, opened


@transaction.atomic
def rebuild() -> int:
    """Replace every kept figure by its recomputation; returns how many rows were written."""
    figures, opened = recompute()
    MonthlyFigures.objects.all().delete()
    OpenBacklog.objects.all().delete()
    MonthlyFigures.objects.bulk_create(
        (
            MonthlyFigures(collectivity_id=c, procedure_id=p, month=m, **f.as_row())
            for (c, p, m), f in figures.items()
        ),
        batch_size=2000,
    )
    OpenBacklog.objects.bulk_create(
        (OpenBacklog(collectivity_id=c, procedure_id=p, open=n) for (c, p), n in opened.items()),
        batch_size=2000,
    )
    return len(figures) + len(opened)
