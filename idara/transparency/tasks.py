from celery import shared_task
from django.utils import timezone

from idara.transparency import law_states
from idara.transparency.ranking import Period, rank


@shared_task
def rank_collectivities() -> None:
    """Each night: the current quarter's ranking, and the last one's (late decisions count);
    the law's states of both quarters, counted again from the dossiers' dates."""
    current = Period.of(timezone.localdate())
    rank(current.previous)
    rank(current)
    law_states.rebuild(current.previous.months[0])
