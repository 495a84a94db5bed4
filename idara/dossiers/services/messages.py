"""What the applicant is told when a dossier is filed or changes."""

from django.utils import translation
from django.utils.translation import gettext as _

from idara.dossiers import legal, selectors
from idara.dossiers.models import Dossier, RequestKind, Status
from idara.dossiers.services import claims
from idara.dossiers.services.files import document_names
from idara.notifications.services import notify
from idara.text import listed, ltr, quoted


def notify_filed(dossier: Dossier) -> None:
    with translation.override(dossier.applicant.preferred_language):
        subject = _("Receipt of your application %(reference)s") % {
            "reference": ltr(dossier.reference)
        }
        facts = {
            "reference": ltr(dossier.reference),
            "procedure": dossier.procedure_version.name,
            "date": ltr(dossier.filed_on.isoformat()),
            "due": ltr(dossier.due_on.isoformat()) if dossier.due_on else "—",
        }
        if dossier.status == Status.BEING_FILED:
            body = _(
                "Your application %(reference)s (%(procedure)s) was received on %(date)s and is "
                "being filed: bring %(missing)s by %(complete_by)s, or it is returned. The "
                "administration's deadline starts when the file is complete."
            ) % (
                facts
                | {
                    "missing": listed(document_names(dossier, dossier.missing_documents)),
                    "complete_by": ltr(complete_by(dossier).isoformat()),
                }
            )
        else:
            body = (
                _(
                    "Your application %(reference)s (%(procedure)s) was received on %(date)s. "
                    "The administration must answer by %(due)s."
                )
                % facts
            )
    tell_applicant(dossier, subject, body)


def filed_message(dossier: Dossier) -> str:
    """What the page says once a filing is receipted (R3: either way)."""
    if dossier.status == Status.BEING_FILED:
        return _(
            "Your application was received and is being filed: the documents missing are "
            "listed below and on your receipt."
        )
    return _("Your application was received. Here is your receipt.")


def complete_by(dossier: Dossier):
    return selectors.completion_due_on(dossier)


def notify_change(dossier: Dossier, kind: str) -> None:
    if dossier.practice:
        return
    with translation.override(dossier.applicant.preferred_language):
        subject = _("Your application %(reference)s") % {"reference": ltr(dossier.reference)}
        facts = {
            "reference": ltr(dossier.reference),
            "status": Status(dossier.status).label,
            "complete_on": ltr(dossier.complete_on.isoformat()) if dossier.complete_on else "",
            "due": ltr(dossier.due_on.isoformat()) if dossier.due_on else "",
        }
        if kind == "extended":
            body = _(
                "The deadline of your application %(reference)s was extended by %(days)s days "
                "(%(reason)s): the administration must now answer by %(due)s."
            ) % (
                facts | {"days": dossier.extension_days, "reason": quoted(dossier.extension_reason)}
            )
        elif kind == "completed":
            body = (
                _(
                    "Your file %(reference)s is complete since %(complete_on)s: the administration "
                    "must answer by %(due)s. Your receipt was given again, under the same number."
                )
                % facts
            )
        elif kind == "escalated":
            body = (
                _(
                    "Your appeal %(reference)s was referred to the wali or governor, who will "
                    "write to the president; the president then has 10 days to decide."
                )
                % facts
            )
        elif kind == "governor_letter":
            body = (
                _(
                    "The wali or governor wrote to the president about your appeal %(reference)s: "
                    "the president must decide by %(due)s."
                )
                % facts
            )
        elif kind in _TACIT:
            body = _TACIT[kind]() % (facts | {"act_due": _act_due(dossier)})
        elif kind == "applicant_asked":
            body = _request_body(dossier, legal.open_request(dossier), facts)
        elif kind == "applicant_answered":
            body = (
                _(
                    "Your answer on %(reference)s was received: the deadline runs again, and the "
                    "administration must now answer by %(due)s."
                )
                % facts
            )
        else:
            body = _("Your application %(reference)s is now: %(status)s.") % facts
    tell_applicant(dossier, subject, body)


# R8: what the applicant is told at each step after a silence that means acceptance.
_TACIT = {
    "tacitly_accepted": lambda: _(
        "Your application %(reference)s is accepted by silence: the administration did not "
        "answer by %(due)s. Ask for the act from your space; the president then has 7 days."
    ),
    "act_requested": lambda: _(
        "You asked for the act of %(reference)s: the president must deliver it by %(act_due)s. "
        "Past that day, you may ask the wali or governor for the attestation of the silence."
    ),
    "act_delivered": lambda: _(
        "The act of %(reference)s was delivered: it is in your space, once the fee still due "
        "is paid."
    ),
    "attestation_letter": lambda: _(
        "The wali or governor wrote to the president about your request %(reference)s; the "
        "attestation is due by %(due)s."
    ),
    "attestation_delivered": lambda: _(
        "The attestation of the silence on %(reference)s was delivered by the wali or governor: "
        "it is in your space, once the fee still due is paid."
    ),
}


def _act_due(dossier: Dossier) -> str:
    due = selectors.act_due_on(dossier)
    return ltr(due.isoformat()) if due else ""


def _request_body(dossier: Dossier, request, facts: dict) -> str:
    """R5: what is asked, why, and by when; the deadline stands still meanwhile."""
    facts = facts | {
        "documents": listed(document_names(dossier, request.documents)),
        "reason": quoted(request.reason),
        "question": request.question,
    }
    if request.kind == RequestKind.REPLACE_DOCUMENT:
        facts["by"] = ltr(selectors.replacement_due_on(request).isoformat())
        text = _(
            "On %(reference)s the administration asks you to replace %(documents)s "
            "(%(reason)s). Send it from your space by %(by)s, or the file is returned."
        )
    elif request.kind == RequestKind.INFORMATION:
        text = _(
            "On %(reference)s the administration asks you: %(question)s Answer from your space."
        )
    else:
        text = _(
            "On %(reference)s the administration asks to see the originals of %(documents)s "
            "(%(reason)s): show them at the counter."
        )
    return text % facts + " " + _("The deadline stands still until your answer.")


def tell_applicant(dossier, subject: str, body: str) -> None:
    """The applicant, and the representative who filed under a mandate still in force."""
    written = {"about": dossier.reference, "language": dossier.applicant.preferred_language}
    if not claims.hidden_from_applicant(dossier):
        notify(dossier.applicant, subject, body, **written)
    if dossier.mandate_id and dossier.mandate.in_force:
        notify(dossier.mandate.representative, subject, body, **written)
