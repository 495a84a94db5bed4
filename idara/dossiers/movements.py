"""Modules that follow dossiers as they move (the transparency figures) register here; they are
told of each filing and each change of status in the transaction that makes it, so that what
they keep is committed with the change, or not at all. Practice dossiers are not told."""

from collections.abc import Callable

Listener = Callable[[object, str | None], None]  # (dossier, status before; None: just filed)
_LISTENERS: list[Listener] = []


def register(listener: Listener) -> Listener:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)
    return listener


def moved(dossier, before: str | None) -> None:
    if dossier.practice:
        return
    for listener in _LISTENERS:
        listener(dossier, before)
