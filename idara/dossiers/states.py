"""The dossier's state machine: every transition, from which statuses, by whom. One place."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from idara.dossiers.models import OPEN_STATUSES, Status

AGENT, APPLICANT, SYSTEM = "agent", "applicant", "system"
# The applicant online, or an agent of the service for them at the counter (R12).
APPLICANT_OR_AGENT = "applicant_or_agent"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    by: str


TRANSITIONS = {
    # R3: the last missing document arrives; the clock starts.
    "complete": Transition(frozenset({Status.BEING_FILED}), Status.SUBMITTED, APPLICANT_OR_AGENT),
    # R3: still incomplete past its 30 days; R5: a document to replace not sent in 30 days.
    "return_file": Transition(
        frozenset({Status.BEING_FILED, Status.AWAITING_APPLICANT}), Status.RETURNED, SYSTEM
    ),
    "review": Transition(frozenset({Status.SUBMITTED}), Status.IN_REVIEW, AGENT),
    # R5: one of the three requests; the clock stands still until the answer.
    "ask_applicant": Transition(
        frozenset({Status.SUBMITTED, Status.IN_REVIEW}), Status.AWAITING_APPLICANT, AGENT
    ),
    "answer_request": Transition(
        frozenset({Status.AWAITING_APPLICANT}), Status.IN_REVIEW, APPLICANT_OR_AGENT
    ),
    "accept": Transition(
        frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.ESCALATED}), Status.ACCEPTED, AGENT
    ),
    "refuse": Transition(
        frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.ESCALATED}), Status.REFUSED, AGENT
    ),
    # R9: an appeal unanswered in its 15 days, referred by the applicant to the governor.
    "escalate": Transition(
        frozenset({Status.SUBMITTED, Status.IN_REVIEW}), Status.ESCALATED, APPLICANT
    ),
    "withdraw": Transition(frozenset(OPEN_STATUSES), Status.WITHDRAWN, APPLICANT),
    "accept_tacitly": Transition(
        frozenset({Status.SUBMITTED, Status.IN_REVIEW}), Status.TACITLY_ACCEPTED, SYSTEM
    ),
    "close": Transition(
        frozenset({Status.ACCEPTED, Status.REFUSED, Status.TACITLY_ACCEPTED}), Status.CLOSED, AGENT
    ),
}


def agent_actions(status: str) -> set[str]:
    """What an agent may do to a dossier in `status`: the buttons their page shows."""
    return {
        name for name, move in TRANSITIONS.items() if move.by == AGENT and status in move.sources
    }


class TransitionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def transition(action: str, status: str) -> Transition:
    """The transition of `action` from `status`; raises TransitionRefused if illegal."""
    move = TRANSITIONS[action]
    if status not in move.sources:
        raise TransitionRefused(
            _("This cannot be done to a dossier whose status is “%(status)s”.")
            % {"status": Status(status).label}
        )
    return move
