"""R5: the three requests the administration may make of the applicant after the receipt
(Law 55-19 art. 10 §2, 14, 7(4)), and the answer."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers import legal, selectors
from idara.dossiers.models import ApplicantRequest, Dossier, Purpose, RequestKind
from idara.dossiers.services.files import checked_uploads, store
from idara.dossiers.services.moves import MIN_MOTIVATION, move, not_decided_by_silence
from idara.dossiers.states import TransitionRefused

# The kinds of request that name documents, and those that must say why (art. 10 §2, 7(4)).
NAMING_DOCUMENTS = {RequestKind.REPLACE_DOCUMENT, RequestKind.ORIGINALS}
MOTIVATED = {RequestKind.REPLACE_DOCUMENT, RequestKind.ORIGINALS}


@dataclass
class Asked:
    kind: str
    documents: list[str] = field(default_factory=list)
    reason: str = ""
    question: str = ""


def ask_applicant(agent, dossier: Dossier, asked: Asked) -> Dossier:
    """R5: one of the three requests, each at most once per dossier, only within the first
    half of the deadline, naming only documents of the dossier's fiche; the clock stands still
    from today, the day it reaches the applicant's space and is sent to them."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    asked = _checked_request(dossier, asked)
    not_decided_by_silence(dossier)
    today = timezone.localdate()
    if not legal.may_still_ask(dossier, today, selectors.holidays_around(dossier.filed_on, today)):
        raise TransitionRefused(
            _(
                "The first half of the deadline has run: the law allows no request to the "
                "applicant after it (Law 55-19, art. 10 and 14)."
            )
        )
    with transaction.atomic():
        request = ApplicantRequest.objects.create(
            dossier=dossier,
            kind=asked.kind,
            requested_by=agent,
            requested_on=today,
            reason=asked.reason,
            documents=asked.documents,
            question=asked.question,
        )
        dossier = move(
            dossier,
            "ask_applicant",
            agent,
            kind="applicant_asked",
            note=request.question or request.reason,
            said=_said(asked),
        )
    return dossier


def _said(asked: Asked) -> dict:
    """The request's timeline line: what is asked, in each reader's language."""
    return {"request": asked.kind} | ({"documents": asked.documents} if asked.documents else {})


def _checked_request(dossier: Dossier, asked: Asked) -> Asked:
    if asked.kind not in RequestKind.values:
        raise TransitionRefused(
            _("Choose what to ask: a document to replace, information, or the originals.")
        )
    kind = RequestKind(asked.kind)
    if legal.asked_before(dossier, kind):
        raise TransitionRefused(
            _("“%(kind)s” was already asked once: the law allows each request once.")
            % {"kind": kind.label}
        )
    asked.reason, asked.question = asked.reason.strip(), asked.question.strip()
    asked.documents = list(dict.fromkeys(asked.documents)) if kind in NAMING_DOCUMENTS else []
    if kind in NAMING_DOCUMENTS:
        _check_documents(dossier, asked.documents)
    if kind in MOTIVATED and len(asked.reason) < MIN_MOTIVATION:
        raise TransitionRefused(
            _("Say why, in writing (at least %(n)s characters): the law wants it motivated.")
            % {"n": MIN_MOTIVATION}
        )
    if kind == RequestKind.INFORMATION and not asked.question:
        raise TransitionRefused(_("Write the question."))
    return asked


def _check_documents(dossier: Dossier, codes: list[str]) -> None:
    """R5: "each naming only documents of the dossier's fiche"."""
    if not codes:
        raise TransitionRefused(_("Name at least one document."))
    listed = set(dossier.procedure_version.documents.values_list("code", flat=True))
    unlisted = [c for c in codes if c not in listed]
    if unlisted:
        raise TransitionRefused(
            _("Only the documents the procedure lists may be asked for; not: %(codes)s.")
            % {"codes": ", ".join(unlisted)}
        )


def answer_request(actor, dossier: Dossier, files: dict, answer: str = "") -> Dossier:
    """The answer to the open request, once; the clock resumes for what remained. A document
    to replace comes as a file, every one asked, within its 30 days; information as text (with
    files of the fiche if the applicant wishes); originals are seen at the counter, where the
    agent writes down that they were."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    request = legal.open_request(dossier)
    if request is None:
        raise TransitionRefused(_("Nothing is awaiting your answer on this dossier."))
    if request.kind == RequestKind.ORIGINALS and not selectors.is_agent_of(actor, dossier):
        raise TransitionRefused(_("The originals are shown at the counter, to an agent."))
    today = timezone.localdate()
    if legal.returned(dossier, today, selectors.holidays_around(dossier.filed_on, today)):
        raise TransitionRefused(
            _("The 30 days to replace the document have passed: the file is returned.")
        )
    checked = checked_uploads(dossier, files, _answer_errors(dossier, request, files, answer))
    stored = []
    try:
        with transaction.atomic():
            locked = ApplicantRequest.objects.select_for_update().get(pk=request.pk)
            if locked.answered_on is not None:
                raise TransitionRefused(_("This request was already answered."))
            locked.answered_on, locked.answer = today, answer.strip()
            locked.save(update_fields=["answered_on", "answer"])
            stored = [store(dossier, c, u, actor, Purpose.REQUESTED) for c, u in checked]
            dossier = move(
                dossier, "answer_request", actor, kind="applicant_answered", note=locked.answer
            )
            record(
                actor,
                "dossier.request_answered",
                dossier,
                collectivity=dossier.collectivity,
                data={"kind": locked.kind, "files": [f.sha256 for f in stored]},
            )
    except Exception:
        for kept in stored:
            kept.file.storage.delete(kept.file.name)
        raise
    return dossier


def _answer_errors(dossier, request: ApplicantRequest, files: dict, answer: str) -> dict:
    errors = {}
    if request.kind == RequestKind.REPLACE_DOCUMENT:
        errors = {
            c: [_("This document was not asked for.")] for c in files if c not in request.documents
        }
        for code in request.documents:
            if code not in files:
                errors.setdefault(code, []).append(_("Send this document: it was asked for."))
    elif request.kind == RequestKind.INFORMATION:
        listed = set(dossier.procedure_version.documents.values_list("code", flat=True))
        errors = {
            c: [_("This document is not asked by the procedure.")] for c in files if c not in listed
        }
        if not answer.strip():
            errors["answer"] = [_("Write your answer to the question.")]
    elif files:
        errors["__all__"] = [_("The originals are shown, not sent: nothing is kept of them.")]
    return errors
