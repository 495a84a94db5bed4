"""Repeated failed logins lock an account for a while, never for ever: the real owner can try
again once the lock has passed. Counted in the cache (Redis in production)."""

from django.core.cache import cache

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60


def _key(email: str) -> str:
    return f"login-failures:{email.strip().lower()}"


def is_locked(email: str) -> bool:
    return cache.get(_key(email), 0) >= MAX_FAILURES


def failed(email: str) -> None:
    key = _key(email)
    cache.add(key, 0, LOCK_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LOCK_SECONDS)


def succeeded(email: str) -> None:
    cache.delete(_key(email))
