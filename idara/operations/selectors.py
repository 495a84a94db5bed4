from django.db.models import Sum

from idara.dossiers import selectors as dossiers
from idara.dossiers.models import ReceiptCounter
from idara.transparency.models import OpenBacklog


def receipts_given() -> int:
    """Every receipt given since the start, read from the receipt counters (one row per
    collectivity and year), not by counting millions of dossiers."""
    return ReceiptCounter.objects.aggregate(n=Sum("last"))["n"] or 0


def open_dossiers() -> int:
    return OpenBacklog.objects.aggregate(n=Sum("open"))["n"] or 0


def overdue_dossiers() -> int:
    """Open dossiers past their legal due date, across the country (read on the inbox index)."""
    return dossiers.overdue_dossiers().count()
