"""Reads about who may do what: the one place that answers it."""

from django.db.models import QuerySet
from django.utils import timezone

from idara.accounts.models import ApiToken, Membership, Role, User
from idara.territories.models import Collectivity


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("collectivity", "service")


def is_national_supervisor(user: User) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role=Role.NATIONAL_SUPERVISOR).exists()
    )


def administered_collectivities(user: User) -> QuerySet[Collectivity]:
    """The collectivities whose settings (names, services, offerings) the user may change."""
    if not user.is_authenticated:
        return Collectivity.objects.none()
    if is_national_supervisor(user):
        return Collectivity.objects.all()
    return Collectivity.objects.filter(
        memberships__user=user, memberships__role=Role.COLLECTIVITY_ADMIN
    ).distinct()


def can_administer(user: User, collectivity: Collectivity) -> bool:
    return administered_collectivities(user).filter(pk=collectivity.pk).exists()


def user_for_token_digest(digest: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest, expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    return token.user if token else None
