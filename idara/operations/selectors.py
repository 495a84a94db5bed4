from django.db.models import Sum
from django.utils import timezone

from idara.dossiers.models import OPEN_STATUSES, Dossier, ReceiptCounter
from idara.transparency.models import OpenBacklog


def receipts_given() -> int:
    """Every receipt given since the start, read from the receipt counters (one row per
    collectivity and year), not by counting millions of dossiers."""
    return ReceiptCounter.objects.aggregate(n=Sum("last"))["n"] or 0


def open_dossiers() -> int:
    return OpenBacklog.objects.aggregate(n=Sum("open"))["n"] or 0


def overdue_dossiers() -> int:
    """Open dossiers past their legal due date, across the country (read on the inbox index)."""
    return Dossier.objects.filter(
        practice=False, status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()
    ).count()
