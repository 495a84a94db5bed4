"""The demo accounts of CONTRACT.md. Loaded only in demo mode."""

from dataclasses import dataclass

from django.db import transaction

from idara.accounts.models import Role, User
from idara.accounts.services import create_user, grant_membership
from idara.territories.models import ServiceKind
from idara.territories.selectors import collectivity

DEMO_PASSWORD = "idara-demo"  # noqa: S105 (the public demo password of CONTRACT.md)
CHEFCHAOUEN = "01.151.01.01."
TIZNIT = "09.581.01.07."


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    collectivity_code: str = ""
    service_kinds: tuple[str, ...] = ()


DEMO_ACCOUNTS = [
    DemoAccount("citizen@demo.idara.ma", "Amina El Idrissi", ""),
    DemoAccount(
        "agent@demo.idara.ma",
        "Youssef Benali",
        Role.AGENT,
        CHEFCHAOUEN,
        (ServiceKind.CIVIL_STATUS, ServiceKind.URBANISM),
    ),
    DemoAccount(
        "agent.tiznit@demo.idara.ma",
        "Fatima Ait Lahcen",
        Role.AGENT,
        TIZNIT,
        (ServiceKind.CIVIL_STATUS, ServiceKind.URBANISM, ServiceKind.ECONOMIC_AFFAIRS),
    ),
    DemoAccount("supervisor@demo.idara.ma", "Karim Alaoui", Role.NATIONAL_SUPERVISOR),
    DemoAccount("admin@demo.idara.ma", "Salma Chaouni", Role.COLLECTIVITY_ADMIN, CHEFCHAOUEN),
    DemoAccount("admin.tiznit@demo.idara.ma", "Hassan Oubaha", Role.COLLECTIVITY_ADMIN, TIZNIT),
]


@transaction.atomic
def load_demo_accounts() -> list[DemoAccount]:
    """Create the demo accounts and their memberships; running it again changes nothing."""
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first() or create_user(
            None, email=account.email, password=DEMO_PASSWORD, full_name=account.full_name
        )
        _grant(user, account)
    return DEMO_ACCOUNTS


def _grant(user: User, account: DemoAccount) -> None:
    if not account.role:
        return
    if not account.collectivity_code:
        grant_membership(None, user, account.role)
        return
    unit = collectivity(account.collectivity_code)
    if not account.service_kinds:
        grant_membership(None, user, account.role, collectivity=unit)
    for service in unit.services.filter(kind__in=account.service_kinds):
        grant_membership(None, user, account.role, service=service)
