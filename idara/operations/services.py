"""Onboarding collectivities at national scale: each gets its services, its administrator and
its procedures online. Running it again changes nothing, and writes nothing to the audit log."""

import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from idara.accounts.models import Role, User
from idara.accounts.services import create_user, grant_membership
from idara.audit.services import record
from idara.catalog.models import Procedure
from idara.catalog.selectors import levels_handled_by
from idara.catalog.services import BulkReport, offer_online
from idara.operations.onboarding_file import EVERYTHING, Onboarding
from idara.territories.models import Collectivity
from idara.territories.services import create_default_services


@dataclass
class OnboardingReport:
    services_created: int = 0
    new_accounts: list[str] = field(default_factory=list)  # they get a link to set a password
    administrators_named: int = 0
    offerings: BulkReport = field(default_factory=BulkReport)

    @property
    def changed(self) -> bool:
        return bool(
            self.services_created
            or self.new_accounts
            or self.administrators_named
            or self.offerings.switched_on
        )


@transaction.atomic
def onboard(rows: list[Onboarding]) -> OnboardingReport:
    """Onboard every row, all or nothing (the rows were checked by `onboarding_file.check`)."""
    report = OnboardingReport()
    for row in rows:
        _onboard_one(Collectivity.objects.get(code=row.code), row, report)
    return report


def _onboard_one(collectivity: Collectivity, row: Onboarding, report: OnboardingReport) -> None:
    services = create_default_services(Collectivity.objects.filter(pk=collectivity.pk))
    report.services_created += services
    administrator = User.objects.filter(email__iexact=row.admin_email).first()
    if administrator is None:
        administrator = create_user(
            None,
            email=row.admin_email,
            password=secrets.token_urlsafe(32),
            full_name=row.admin_name,
        )
        report.new_accounts.append(administrator.email)
    named = not administrator.memberships.filter(
        role=Role.COLLECTIVITY_ADMIN, collectivity=collectivity
    ).exists()
    grant_membership(None, administrator, Role.COLLECTIVITY_ADMIN, collectivity=collectivity)
    report.administrators_named += named
    switched_before = report.offerings.switched_on
    for procedure in _procedures(collectivity, row.online):
        offer_online(None, collectivity, procedure, report.offerings)
    if services or named or report.offerings.switched_on > switched_before:
        record(
            None,
            "collectivity.onboarded",
            collectivity,
            collectivity=collectivity,
            data={
                "services_created": services,
                "administrator": administrator.pk,
                "switched_on": report.offerings.switched_on - switched_before,
            },
        )


def _procedures(collectivity: Collectivity, online: tuple[str, ...]):
    handled = Procedure.objects.filter(level__in=levels_handled_by(collectivity.kind))
    if EVERYTHING in online:
        return handled.prefetch_related("versions__documents")
    wanted = Q(slug__in=online) | Q(category__in=online)
    return handled.filter(wanted).prefetch_related("versions__documents")
