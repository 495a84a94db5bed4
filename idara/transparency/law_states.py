"""R13 (Law 55-19 art. 26, 28): the law's own states in the published figures, per collectivity
and month, computed from the dossiers' dates alone (the same dates the legal states are computed
from) and kept in LawStateFigures; the pages, the API and the open data add the months up into
quarters and years. Each count is explained on the methodology page."""

from collections import defaultdict
from dataclasses import asdict, dataclass, fields
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from idara.dossiers import legal
from idara.dossiers.models import Dossier, Event, Status
from idara.dossiers.selectors import holidays_around
from idara.transparency.models import LawStateFigures

EARLIEST = date(2020, 3, 6)  # Law 55-19 was promulgated then: nothing it counts is older


@dataclass
class LawStates:
    returned: int = 0
    acts_requested: int = 0
    acts_delivered: int = 0
    acts_delivered_in_time: int = 0
    attestations_requested: int = 0
    attestations_delivered: int = 0
    attestations_delivered_in_time: int = 0
    appeals: int = 0
    appeals_answered: int = 0
    appeals_answered_in_time: int = 0
    escalations: int = 0

    def __iadd__(self, other: "LawStates") -> "LawStates":
        for name in FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @classmethod
    def of_row(cls, row: LawStateFigures) -> "LawStates":
        return cls(**{name: getattr(row, name) for name in FIELDS})


FIELDS = [f.name for f in fields(LawStates)]
# What each count is, as the scorecard and the data dictionary name it.
LABELS = {
    "returned": _("Files returned incomplete (R3, R5)"),
    "acts_requested": _("Acts asked for after a silence that accepts (R8)"),
    "acts_delivered": _("Acts delivered on that request"),
    "acts_delivered_in_time": _("… of which within the president's 7 days"),
    "attestations_requested": _("Attestations of a silence asked of the governor (R8)"),
    "attestations_delivered": _("Attestations delivered"),
    "attestations_delivered_in_time": _("… of which within the governor's 10 days"),
    "appeals": _("Appeals to the president (R9)"),
    "appeals_answered": _("Appeals answered"),
    "appeals_answered_in_time": _("… of which within the president's 15 days"),
    "escalations": _("Appeals referred to the governor"),
}
Key = tuple[int, date]  # collectivity, month


class _Tally:
    def __init__(self, since: date):
        self.since = since
        self.found: dict[Key, LawStates] = defaultdict(LawStates)

    def add(self, collectivity_id: int, day: date | None, name: str, n: int = 1) -> None:
        if day is not None and day >= self.since:
            counts = self.found[(collectivity_id, day.replace(day=1))]
            setattr(counts, name, getattr(counts, name) + n)


def count(since: date = EARLIEST) -> dict[Key, LawStates]:
    """The law's states from `since` (a month's first day) on, from the dossiers alone."""
    tally = _Tally(since)
    holidays = holidays_around(since, timezone.localdate())
    real = Dossier.objects.filter(practice=False)
    for collectivity_id, at in Event.objects.filter(
        kind="returned", dossier__practice=False, at__date__gte=since
    ).values_list("dossier__collectivity_id", "at"):
        tally.add(collectivity_id, timezone.localdate(at), "returned")
    asked = Q(act_requested_on__gte=since) | Q(act_delivered_on__gte=since)
    for dossier in real.filter(asked):
        _count_act(tally, dossier, holidays)
    linked = Q(filed_on__gte=since) | Q(decided_on__gte=since) | Q(escalated_on__gte=since)
    for dossier in real.exclude(attestation_of=None).filter(linked):
        _count_attestation(tally, dossier, holidays)
    for dossier in real.exclude(appeal_of=None).filter(linked):
        _count_appeal(tally, dossier, holidays)
    return dict(tally.found)


def _count_act(tally: _Tally, dossier, holidays) -> None:
    """R8 (art. 19 §2): an act asked for, and delivered within the president's 7 days or not."""
    unit = dossier.collectivity_id
    tally.add(unit, dossier.act_requested_on, "acts_requested")
    delivered = dossier.act_delivered_on
    tally.add(unit, delivered, "acts_delivered")
    if delivered and delivered <= legal.act_due_on(dossier, holidays):
        tally.add(unit, delivered, "acts_delivered_in_time")


def _count_attestation(tally: _Tally, request, holidays) -> None:
    """R8 (art. 20): an attestation asked of the governor, delivered within 10 days or not."""
    unit = request.collectivity_id
    tally.add(unit, request.filed_on, "attestations_requested")
    if request.decision == Status.ACCEPTED:
        tally.add(unit, request.decided_on, "attestations_delivered")
        if request.decided_on <= legal.attestation_due_on(request, holidays):
            tally.add(unit, request.decided_on, "attestations_delivered_in_time")


def _count_appeal(tally: _Tally, appeal, holidays) -> None:
    """R9 (art. 21): an appeal filed, answered within the president's 15 days or not, and
    referred to the governor."""
    unit = appeal.collectivity_id
    tally.add(unit, appeal.filed_on, "appeals")
    tally.add(unit, appeal.escalated_on, "escalations")
    if appeal.decision in (Status.ACCEPTED, Status.REFUSED):
        tally.add(unit, appeal.decided_on, "appeals_answered")
        if appeal.decided_on <= legal.appeal_answer_due_on(appeal, holidays):
            tally.add(unit, appeal.decided_on, "appeals_answered_in_time")


@transaction.atomic
def rebuild(since: date = EARLIEST) -> int:
    """Replace the kept months from `since` on by their count; returns the rows written."""
    since = since.replace(day=1)
    counted = count(since)
    LawStateFigures.objects.filter(month__gte=since).delete()
    LawStateFigures.objects.bulk_create(
        [
            LawStateFigures(collectivity_id=unit, month=month, **asdict(states))
            for (unit, month), states in counted.items()
        ],
        batch_size=1000,
    )
    return len(counted)


def by_period(collectivity, periods: set[str] | None = None) -> list[tuple[str, LawStates]]:
    """The law's states of a collectivity added up by quarter ("2026-Q4") and by year ("2026",
    after its quarters), the oldest first; only `periods` if given."""
    totals: dict[str, LawStates] = defaultdict(LawStates)
    for row in LawStateFigures.objects.filter(collectivity=collectivity):
        quarter = f"{row.month.year}-Q{(row.month.month - 1) // 3 + 1}"
        for period in (quarter, str(row.month.year)):
            if periods is None or period in periods:
                totals[period] += LawStates.of_row(row)
    return sorted(totals.items(), key=lambda item: (item[0][:4], -len(item[0]), item[0]))


def period_rows(collectivity, periods: set[str] | None = None) -> list[dict]:
    """The same, as the API and the open data files give them: one row per period."""
    return [
        {"code": collectivity.code, "period": period, **asdict(states)}
        for period, states in by_period(collectivity, periods)
    ]


def table(collectivity, quarter: str, year: str) -> list[tuple[str, int, int]]:
    """The scorecard's table: each count's label, its figure in the quarter and in the year."""
    found = dict(by_period(collectivity, {quarter, year}))
    in_quarter, in_year = found.get(quarter, LawStates()), found.get(year, LawStates())
    return [(LABELS[name], getattr(in_quarter, name), getattr(in_year, name)) for name in FIELDS]
