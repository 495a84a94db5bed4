"""Every change to a dossier, one module per concern: filing, completion, requests,
decisions, the act and the attestation after a silence (tacit), extension, appeals, opinions,
messages.

Each service checks who may act, moves the state machine, and writes the timeline event,
the audit entry and the outbox message in the same transaction as the change.
"""

from idara.dossiers.services.appeals import (
    GovernorLetter,
    appeal,
    escalate,
    record_governor_letter,
)
from idara.dossiers.services.completion import complete_file, return_file
from idara.dossiers.services.decisions import (
    accept,
    accept_tacitly,
    check_decision,
    close,
    hand_refusal,
    motivation_from,
    refusal_opened,
    refuse,
    review,
    save_motivation_template,
    withdraw,
)
from idara.dossiers.services.extension import extend
from idara.dossiers.services.fetches import approve as approve_fetched
from idara.dossiers.services.fetches import dispute as dispute_fetched
from idara.dossiers.services.fetches import provide as provide_fetched
from idara.dossiers.services.files import FilingRefused, document_names
from idara.dossiers.services.filing import Filing, file_dossier, filing_errors, missing_documents
from idara.dossiers.services.messages import filed_message
from idara.dossiers.services.moves import add_event, refresh_due_date
from idara.dossiers.services.office import assign, set_holiday, write_to_applicant
from idara.dossiers.services.opinions import answer_opinion, ask_opinion, request_opinion
from idara.dossiers.services.practice import answer_as_practice_applicant, file_practice_dossier
from idara.dossiers.services.requests import Asked, answer_request, ask_applicant
from idara.dossiers.services.tacit import (
    ask_attestation,
    deliver_act,
    deliver_attestation,
    record_explanations,
    record_letter_to_president,
    request_act,
)

__all__ = [
    "check_decision",
    "provide_fetched",
    "dispute_fetched",
    "approve_fetched",
    "request_act",
    "record_letter_to_president",
    "record_explanations",
    "deliver_attestation",
    "deliver_act",
    "ask_attestation",
    "Asked",
    "Filing",
    "FilingRefused",
    "GovernorLetter",
    "accept",
    "accept_tacitly",
    "add_event",
    "answer_as_practice_applicant",
    "answer_opinion",
    "appeal",
    "ask_opinion",
    "assign",
    "close",
    "hand_refusal",
    "complete_file",
    "document_names",
    "escalate",
    "extend",
    "file_dossier",
    "file_practice_dossier",
    "filed_message",
    "filing_errors",
    "missing_documents",
    "motivation_from",
    "record_governor_letter",
    "refresh_due_date",
    "refusal_opened",
    "refuse",
    "ask_applicant",
    "request_opinion",
    "return_file",
    "review",
    "save_motivation_template",
    "answer_request",
    "set_holiday",
    "withdraw",
    "write_to_applicant",
]
