"""The demo accounts of CONTRACT.md. Loaded only in demo mode."""

import base64
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from idara.accounts.models import Role, User
from idara.accounts.services import create_user, grant_membership
from idara.territories.models import ServiceKind
from idara.territories.selectors import collectivity

DEMO_PASSWORD = "idara-demo"  # noqa: S105 (the public demo password of CONTRACT.md)
# The demo staff accounts' authenticator key (hex), public like the password: demo mode only.
DEMO_TOTP_KEY = "69646172612d64656d6f2d7365636f6e642d666163746f72"
CHEFCHAOUEN = "01.151.01.01."
TIZNIT = "09.581.01.07."
CHEFCHAOUEN_PROVINCE = "01.151."
TIZNIT_PROVINCE = "09.581."
BODIES = (ServiceKind.URBAN_AGENCY, ServiceKind.CIVIL_PROTECTION, ServiceKind.UTILITIES)
COMMISSIONS = {
    CHEFCHAOUEN: "commission@demo.idara.ma",
    TIZNIT: "commission.tiznit@demo.idara.ma",
}
GOVERNORS = {CHEFCHAOUEN: "governor@demo.idara.ma", TIZNIT: "governor.tiznit@demo.idara.ma"}


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
    # The bodies of the permits commissions of the demo communes' provinces, and a hygiene bureau.
    DemoAccount(
        "commission@demo.idara.ma", "Nadia Tahiri", Role.AGENT, CHEFCHAOUEN_PROVINCE, BODIES
    ),
    DemoAccount(
        "commission.tiznit@demo.idara.ma", "Omar Id Ali", Role.AGENT, TIZNIT_PROVINCE, BODIES
    ),
    DemoAccount(
        "hygiene@demo.idara.ma", "Rachid Amrani", Role.AGENT, CHEFCHAOUEN, (ServiceKind.HYGIENE,)
    ),
    # R9: the demo communes' appeals services (the president's), and their governors', to which
    # an appeal the president left unanswered is referred.
    DemoAccount(
        "appeals@demo.idara.ma", "Zineb Chraibi", Role.AGENT, CHEFCHAOUEN, (ServiceKind.APPEALS,)
    ),
    DemoAccount(
        "appeals.tiznit@demo.idara.ma", "Aziz Boutaleb", Role.AGENT, TIZNIT, (ServiceKind.APPEALS,)
    ),
    DemoAccount(
        "governor@demo.idara.ma",
        "Leila Bennis",
        Role.AGENT,
        CHEFCHAOUEN_PROVINCE,
        (ServiceKind.APPEALS,),
    ),
    DemoAccount(
        "governor.tiznit@demo.idara.ma",
        "Brahim Ouhmad",
        Role.AGENT,
        TIZNIT_PROVINCE,
        (ServiceKind.APPEALS,),
    ),
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
        if account.role:
            TOTPDevice.objects.get_or_create(
                user=user, name="authenticator", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
            )
    return DEMO_ACCOUNTS


def demo_totp_secret() -> str:
    """The key in the base32 form authenticator apps take."""
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode().rstrip("=")


def demo_totp_code() -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"


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


# The demo communes' names in Tifinagh, as their administrators would enter them.
NAMES_IN_TAMAZIGHT = {CHEFCHAOUEN: "ⵛⴼⵛⴰⵡⵏ", TIZNIT: "ⵜⵉⵣⵏⵉⵜ"}


def name_demo_communes_in_tamazight() -> None:
    from idara.territories.models import Collectivity
    from idara.territories.services import correct_names

    for code, name in NAMES_IN_TAMAZIGHT.items():
        unit = Collectivity.objects.get(code=code)
        admin = User.objects.get(
            memberships__role=Role.COLLECTIVITY_ADMIN, memberships__collectivity=unit
        )
        correct_names(admin, unit, name_fr=unit.name_fr, name_ar=unit.name_ar, name_zgh=name)
