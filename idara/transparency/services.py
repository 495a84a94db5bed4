"""Publishing a budget: checked line by line first; published whole, or not at all."""

import hashlib

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.accounts.selectors import can_administer
from idara.audit.services import record
from idara.transparency.budget_file import BudgetFileRefused, read_budget_file
from idara.transparency.models import Budget, BudgetKind, BudgetLine


def publish_budget(actor, collectivity, year: int, kind: str, content: bytes) -> Budget:
    """Publish (or replace) the collectivity's budget or accounts of a year."""
    if not can_administer(actor, collectivity):
        raise PermissionDenied(_("You do not administer this collectivity."))
    this_year = timezone.localdate().year
    problems = []
    if kind not in BudgetKind.values:
        problems.append(_("Choose the adopted budget or the executed accounts."))
    if not 2000 <= year <= this_year + 1:
        problems.append(_("The year must be between 2000 and %(n)s.") % {"n": this_year + 1})
    if problems:
        raise BudgetFileRefused(problems)
    lines = read_budget_file(content)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        replaced = Budget.objects.filter(collectivity=collectivity, year=year, kind=kind).first()
        if replaced is not None:
            replaced.delete()
        budget = Budget(
            collectivity=collectivity,
            year=year,
            kind=kind,
            sha256=digest,
            published_at=timezone.now(),
            published_by=actor,
        )
        code = collectivity.code.rstrip(".")
        budget.file.save(
            f"{code}-{year}-{kind}-{digest[:12]}.csv", ContentFile(content), save=False
        )
        budget.save()
        BudgetLine.objects.bulk_create(BudgetLine(budget=budget, **line.__dict__) for line in lines)
        record(
            actor,
            "budget.published",
            budget,
            collectivity=collectivity,
            data={
                "year": year,
                "kind": kind,
                "sha256": digest,
                "lines": len(lines),
                "replaced": replaced.sha256 if replaced else None,
            },
        )
    return budget
