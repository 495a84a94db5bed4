"""Every change to a dossier: filing, requests for documents, decisions, appeals.

Each service checks who may act, moves the state machine, and writes the timeline event,
the audit entry and the outbox message in the same transaction as the change.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from idara.accounts.models import Membership, Role
from idara.accounts.selectors import can_administer, is_national_supervisor
from idara.audit.services import record
from idara.catalog import selectors as catalog
from idara.catalog.fiche import Fiche, build_fiche
from idara.catalog.form_schema import validate_form_data
from idara.catalog.models import Offering
from idara.clock import due_date, elapsed_days
from idara.documents.issuing import issue, kind_on_acceptance
from idara.documents.models import Kind as IssuedKind
from idara.documents.pdf import new_verification_code
from idara.dossiers import (
    after_filing,
    decision_checks,
    filing_checks,
    held_documents,
    idempotency,
    legal,
    movements,
    selectors,
)
from idara.dossiers.models import (
    OPEN_STATUSES,
    Channel,
    Dossier,
    DossierFile,
    Event,
    HolidayOverride,
    MotivationTemplate,
    Opinion,
    Purpose,
    Receipt,
    ReceiptCounter,
    Status,
    Verdict,
)
from idara.dossiers.states import (
    APPLICANT,
    APPLICANT_OR_AGENT,
    SYSTEM,
    TransitionRefused,
    transition,
)
from idara.dossiers.uploads import UploadRefused, check_upload
from idara.notifications.services import notify


class FilingRefused(Exception):
    """Bad input: {field: [messages]} in the caller's language; nothing was stored."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Filing:
    procedure: object
    collectivity: object
    data: dict
    files: dict = field(default_factory=dict)  # document code -> uploaded file
    idempotency_key: str = ""
    channel: str = Channel.ONLINE


def file_dossier(actor, applicant, filing: Filing) -> tuple[Dossier, bool]:
    """File an application; (dossier, created). The same idempotency key returns the
    first dossier: a retried submission gets the first receipt (KeyReused if the key comes
    with another request)."""
    asked = idempotency.fingerprint(filing) if filing.idempotency_key else ""
    if filing.idempotency_key:
        first = _already_filed(applicant, filing.idempotency_key)
        if first is not None:
            return idempotency.the_same_request(first, asked), False
    offering = _online_offering(filing)
    _check_counter_filing(actor, applicant, offering)
    fiche = build_fiche(catalog.version_in_force(filing.procedure), offering)
    held = held_documents.held_for(applicant, filing, fiche)
    checked = _check_filing(fiche, filing, applicant, held)
    checked += _attachable(held, filing)
    missing = missing_documents(fiche, filing, held)
    try:
        return _commit_filing(
            actor, applicant, filing, offering, fiche, checked, asked, missing
        ), True
    except IntegrityError:
        first = _already_filed(applicant, filing.idempotency_key)
        if first is None:
            raise
        return idempotency.the_same_request(first, asked), False


def _already_filed(applicant, key: str) -> Dossier | None:
    return Dossier.objects.filter(applicant=applicant, idempotency_key=key).first()


def _online_offering(filing: Filing) -> Offering:
    offering = (
        Offering.objects.select_related("collectivity", "service")
        .filter(collectivity=filing.collectivity, procedure=filing.procedure, online=True)
        .first()
    )
    if offering is None:
        raise FilingRefused(
            {"procedure": [_("This collectivity does not offer this procedure online.")]}
        )
    return offering


def _check_counter_filing(actor, applicant, offering: Offering) -> None:
    """L10: an agent may file at the counter on a citizen's behalf, for their own service."""
    if actor.pk == applicant.pk:
        return
    if offering.service_id not in selectors.agent_service_ids(actor):
        raise PermissionDenied(_("Only an agent of the service may file on someone's behalf."))


def _check_filing(fiche: Fiche, filing: Filing, applicant=None, held=None) -> list:
    """Every mistake at once, else the files that passed. The checks other modules add read
    the form's answers, so they run once the answers are valid; without an applicant (a
    practice dossier) they are skipped: there is no one to check."""
    errors, checked = filing_errors(fiche, filing, held or {})
    documents = {d.source.code for d in fiche.documents}
    if applicant is not None and set(errors) <= documents:
        for name, messages in filing_checks.errors_of(applicant, filing).items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise FilingRefused(errors)
    return checked


HELD_MAX_MB = 50


def _attachable(held: dict, filing: Filing) -> list:
    """The held documents the applicant did not send themselves, checked like uploads,
    with the purpose of each: the administration attached them (L3)."""
    attached = []
    for code, document in held.items():
        if code in filing.files:
            continue
        upload = SimpleUploadedFile(document.name, document.draw(), "application/pdf")
        attached.append(
            (code, check_upload(upload, ["application/pdf"], HELD_MAX_MB), Purpose.HELD)
        )
    return attached


def missing_documents(fiche: Fiche, filing: Filing, held: dict) -> list[str]:
    """R3: "every missing document" of the filing, "listed once and for all": the required
    documents neither sent nor held by the platform (R11). Filing never fails for them."""
    return [
        d.source.code
        for d in fiche.documents
        if d.source.mandatory and d.source.code not in filing.files and d.source.code not in held
    ]


def filing_errors(
    fiche: Fiche, filing: Filing, held: dict | None = None
) -> tuple[dict[str, list[str]], list]:
    """Every mistake of a filing at once ({field: [messages]}), and the files that passed.
    A required document not sent is no mistake: see `missing_documents`."""
    errors = validate_form_data(fiche.version.form_schema, filing.data)
    documents = {d.source.code: d for d in fiche.documents}
    checked = []
    for code in sorted(set(filing.files) - set(documents)):
        errors.setdefault(code, []).append(_("This document is not asked by the procedure."))
    for code, document in documents.items():
        upload = filing.files.get(code)
        if upload is None:
            continue  # R3: missing, listed on the receipt, never a reason to refuse
        try:
            checked.append(
                (
                    code,
                    check_upload(upload, document.accepted_types, document.max_size_mb),
                    Purpose.FILING,
                )
            )
        except UploadRefused as refusal:
            errors.setdefault(code, []).append(refusal.message)
    return errors, checked


def _commit_filing(actor, applicant, filing, offering, fiche, checked, asked, missing) -> Dossier:
    stored = []
    try:
        with transaction.atomic():
            dossier = _create_dossier(
                actor, applicant, filing, offering, fiche, asked=asked, missing=missing
            )
            for code, upload, purpose in checked:
                stored.append(_store(dossier, code, upload, actor, purpose))
            receipt = _issue_receipt(dossier)
            add_event(dossier, "filed", actor, _channel_note(filing.channel))
            after_filing.run(dossier)
            movements.moved(dossier, None)
            record(
                actor,
                "dossier.filed",
                dossier,
                collectivity=dossier.collectivity,
                data={
                    "reference": dossier.reference,
                    "channel": filing.channel,
                    "files": [f.sha256 for f in stored],
                },
            )
            _notify_filed(dossier)
    except Exception:
        for kept in stored:  # the transaction is undone: so are the files it stored
            kept.file.storage.delete(kept.file.name)
        raise
    transaction.on_commit(lambda: _schedule_receipt_pdf(receipt.pk))
    return dossier


def _create_dossier(
    actor, applicant, filing, offering, fiche, practice=False, asked="", missing=()
) -> Dossier:
    now = timezone.now()
    dossier = Dossier(
        status=Status.BEING_FILED if missing else Status.SUBMITTED,
        missing_documents=list(missing),
        complete_on=None if missing else timezone.localdate(now),
        collectivity=offering.collectivity,
        service=offering.service,
        procedure_version=fiche.version,
        applicant=applicant,
        filed_by=actor,
        channel=filing.channel,
        data=filing.data,
        idempotency_key=filing.idempotency_key,
        idempotency_fingerprint=asked,
        submitted_at=now,
        filed_on=timezone.localdate(now),
        deadline_days=fiche.deadline_days,
        working_days=fiche.working_days,
        silence_means_acceptance=fiche.silence_means_acceptance,
        extension_allowed_days=fiche.version.extension_days,
        appeal_days=fiche.version.appeal_days,
        fee_text=_fee_text(fiche, filing.data),
        fee_mad=fiche.fee.amount_for(filing.data),
        practice=practice,
    )
    if practice:  # a practice dossier must not take a number from the real receipts
        dossier.reference = f"EX-{offering.collectivity.code.rstrip('.')}-{dossier.pk.hex[:8]}"
    else:
        _number(dossier, offering.collectivity)
    _refresh_due_date(dossier)
    dossier.save(force_insert=True)
    return dossier


def _number(dossier: Dossier, collectivity) -> None:
    """Give the dossier the next receipt number of the collectivity's year, and its reference."""
    year, number = _next_number(collectivity, dossier.filed_on.year)
    dossier.reference = f"{collectivity.code.rstrip('.')}-{year}-{number:06d}"
    dossier._receipt_number = (year, number)


def _next_number(collectivity, year: int) -> tuple[int, int]:
    """The next receipt number of the collectivity's year: no gaps, even under concurrent
    filings, since the counter row is locked until this filing commits or rolls back."""
    counter, _created = ReceiptCounter.objects.get_or_create(collectivity=collectivity, year=year)
    counter = ReceiptCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return year, counter.last


def _issue_receipt(dossier: Dossier) -> Receipt:
    year, number = dossier._receipt_number
    return Receipt.objects.create(
        dossier=dossier,
        collectivity=dossier.collectivity,
        year=year,
        number=number,
        verification_code=new_verification_code(),
        issued_at=dossier.submitted_at,
    )


def _store(dossier, code, checked, actor, purpose, opinion=None) -> DossierFile:
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[
        checked.content_type
    ]
    kept = DossierFile(
        dossier=dossier,
        document_code=code,
        purpose=purpose,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        name=f"{code}.{extension}",
        uploaded_by=actor,
        opinion=opinion,
    )
    # The stored name carries no personal data: the dossier's id and the file's hash.
    kept.file.save(f"{dossier.pk}-{checked.sha256[:16]}.{extension}", checked.upload, save=False)
    kept.save()
    return kept


def _fee_text(fiche: Fiche, answers: dict) -> str:
    fee = fiche.fee
    amount = fee.amount_for(answers)
    if amount is not None and fee.rule:
        return f"{amount} MAD ({fee.formula_fr})"
    if amount is not None:
        return f"{amount} MAD"
    return fee.formula_fr or ""


def _channel_note(channel: str) -> str:
    return Channel(channel).label


def add_event(dossier: Dossier, kind: str, actor, note: str = "") -> Event:
    """A line on the dossier's timeline, with the status it has now."""
    return Event.objects.create(
        dossier=dossier,
        at=timezone.now(),
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        status=dossier.status,
        note=note,
    )


def refresh_due_date(dossier: Dossier) -> None:
    """Store the due date computed from the dossier's dates (for sorting the inboxes)."""
    _refresh_due_date(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(due_on=dossier.due_on)


def _refresh_due_date(dossier: Dossier) -> None:
    today = timezone.localdate()
    holidays = selectors.holidays_around(dossier.filed_on, today + timedelta(days=366))
    dossier.due_on = legal.legal_due_date(dossier, holidays)


def _notify_filed(dossier: Dossier) -> None:
    with translation.override(dossier.applicant.preferred_language):
        subject = _("Receipt of your application %(reference)s") % {"reference": dossier.reference}
        facts = {
            "reference": dossier.reference,
            "procedure": dossier.procedure_version.name_fr,
            "date": dossier.filed_on.isoformat(),
            "due": dossier.due_on.isoformat() if dossier.due_on else "—",
        }
        if dossier.status == Status.BEING_FILED:
            body = _(
                "Your application %(reference)s (%(procedure)s) was received on %(date)s and is "
                "being filed: bring %(missing)s by %(complete_by)s, or it is returned. The "
                "administration's deadline starts when the file is complete."
            ) % (
                facts
                | {
                    "missing": ", ".join(document_names(dossier, dossier.missing_documents)),
                    "complete_by": _complete_by(dossier).isoformat(),
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
    notify(dossier.applicant, subject, body, about=dossier.reference)


def filed_message(dossier: Dossier) -> str:
    """What the page says once a filing is receipted (R3: either way)."""
    if dossier.status == Status.BEING_FILED:
        return _(
            "Your application was received and is being filed: the documents missing are "
            "listed below and on your receipt."
        )
    return _("Your application was received. Here is your receipt.")


def document_names(dossier: Dossier, codes) -> list[str]:
    """The names of the dossier's fiche's documents, in the active language, by code."""
    names = {d.code: d.name for d in dossier.procedure_version.documents.all()}
    return [names.get(code, code) for code in codes]


def _complete_by(dossier: Dossier):
    holidays = selectors.holidays_around(dossier.filed_on, dossier.filed_on + timedelta(days=60))
    return legal.completion_due_on(dossier, holidays)


def _schedule_receipt_pdf(receipt_id: int) -> None:
    from idara.dossiers.tasks import make_receipt_pdf

    make_receipt_pdf.delay(receipt_id)


MIN_MOTIVATION = 20


def _move(
    dossier: Dossier, action: str, actor, *, kind: str, note: str = "", issuing: str = "", **changes
) -> Dossier:
    """Apply a transition of the state machine: check who acts, write everything it entails."""
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update()
            .select_related("applicant", "collectivity", "procedure_version")
            .get(pk=dossier.pk)
        )
        move = transition(action, dossier.status)
        _check_actor(move.by, actor, dossier)
        for name, value in changes.items():
            setattr(dossier, name, value)
        before, dossier.status = dossier.status, move.target
        _refresh_due_date(dossier)
        if action in DECISIONS:
            _record_decision(dossier, action)
        dossier.save()
        movements.moved(dossier, before)
        add_event(dossier, kind, actor, note)
        record(
            actor,
            f"dossier.{kind}",
            dossier,
            collectivity=dossier.collectivity,
            data={"status": dossier.status} | {k: str(v) for k, v in changes.items()},
        )
        if issuing:
            _issue_for(dossier, issuing)
        _notify_change(dossier, kind)
    return dossier


DECISIONS = {"accept", "refuse", "accept_tacitly"}


def _record_decision(dossier: Dossier, action: str) -> None:
    """The decision as the figures count it: a tacit acceptance is taken on its due date."""
    day = dossier.due_on if action == "accept_tacitly" else timezone.localdate()
    dossier.decision, dossier.decided_on = dossier.status, day
    # Counted from the day the clock started, the file complete (R3).
    started = legal.clock_started_on(dossier)
    dossier.processing_days = elapsed_days(started, day, legal.suspensions(dossier))


def _issue_for(dossier: Dossier, kind: str) -> None:
    if dossier.practice:  # nothing that verifies by QR code may come out of training
        return
    # L7: the attestation of a tacit acceptance is the province's or prefecture's to deliver.
    tacit = kind == IssuedKind.TACIT_ACCEPTANCE
    issue(dossier, kind, dossier.collectivity.parent if tacit else dossier.collectivity)


def _check_actor(by: str, actor, dossier: Dossier) -> None:
    if by == SYSTEM:
        return
    applicant = actor is not None and actor.pk == dossier.applicant_id
    if by == APPLICANT:
        allowed = applicant
    elif by == APPLICANT_OR_AGENT:
        allowed = applicant or (actor is not None and selectors.is_agent_of(actor, dossier))
    else:
        allowed = actor is not None and selectors.is_agent_of(actor, dossier)
    if not allowed:
        raise PermissionDenied(_("You may not act on this dossier."))


def _not_already_decided_by_silence(dossier: Dossier) -> None:
    """L7: once the due date has passed in silence, the dossier is accepted: no later decision
    can undo it."""
    view = selectors.legal_view(dossier)
    if view.status == Status.TACITLY_ACCEPTED:
        raise TransitionRefused(
            _("The due date has passed: the law holds this dossier as accepted by silence.")
        )


def review(agent, dossier: Dossier) -> Dossier:
    return _move(dossier, "review", agent, kind="in_review")


def request_documents(agent, dossier: Dossier, codes: list[str], note: str = "") -> Dossier:
    """L2: only documents the procedure version lists; L5: once per dossier. The clock stops."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    if dossier.documents_requested_on is not None:
        raise TransitionRefused(
            _("Missing documents were already asked for once: the law allows one request.")
        )
    listed = set(dossier.procedure_version.documents.values_list("code", flat=True))
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise TransitionRefused(_("Name at least one document."))
    unlisted = [c for c in codes if c not in listed]
    if unlisted:
        raise TransitionRefused(
            _("Only the documents the procedure lists may be asked for; not: %(codes)s.")
            % {"codes": ", ".join(unlisted)}
        )
    _not_already_decided_by_silence(dossier)
    today = timezone.localdate()
    if not legal.may_still_ask(dossier, today, selectors.holidays_around(dossier.filed_on, today)):
        raise TransitionRefused(
            _(
                "The first half of the deadline has run: the law allows no request to the "
                "applicant after it (Law 55-19, art. 10 and 14)."
            )
        )
    return _move(
        dossier,
        "request_documents",
        agent,
        kind="documents_requested",
        note=note,
        documents_requested=codes,
        documents_request_note=note,
        documents_requested_on=timezone.localdate(),
    )


def send_documents(applicant, dossier: Dossier, files: dict) -> Dossier:
    """The applicant answers the request once, with the documents asked; the clock restarts."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    asked = set(dossier.documents_requested)
    errors = {c: [_("This document was not asked for.")] for c in files if c not in asked}
    if not files:
        errors["__all__"] = [_("Send the documents that were asked for.")]
    checked = _checked_uploads(dossier, files, errors)
    with transaction.atomic():
        dossier = _move(
            dossier,
            "send_documents",
            applicant,
            kind="documents_received",
            documents_received_on=timezone.localdate(),
        )
        for code, upload in checked:
            _store(dossier, code, upload, applicant, Purpose.REQUESTED)
    return dossier


def _checked_uploads(dossier: Dossier, files: dict, errors: dict) -> list:
    """The files checked against the fiche's limits in force (narrowed where the collectivity
    narrowed them); FilingRefused with every mistake, those already found included."""
    offering = Offering.objects.filter(
        collectivity=dossier.collectivity, procedure=dossier.procedure
    ).first()
    fiche = build_fiche(dossier.procedure_version, offering)
    documents = {d.source.code: d for d in fiche.documents}
    checked = []
    for code, upload in files.items():
        if code in errors:
            continue
        document = documents[code]
        try:
            checked.append(
                (code, check_upload(upload, document.accepted_types, document.max_size_mb))
            )
        except UploadRefused as refusal:
            errors.setdefault(code, []).append(refusal.message)
    if errors:
        raise FilingRefused(errors)
    return checked


def complete_file(actor, dossier: Dossier, files: dict) -> Dossier:
    """R3: the missing documents of a file being filed, brought by the applicant (or for them
    at the counter), each once, within the 30 days. With the last, the file is complete: the
    clock starts that day, the receipt is given again under the same number, the user is told."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    transition("complete", dossier.status)
    _check_actor(APPLICANT_OR_AGENT, actor, dossier)
    today = timezone.localdate()
    if legal.returned(dossier, today, selectors.holidays_around(dossier.filed_on, today)):
        raise TransitionRefused(_("The 30 days to complete this file have passed: it is returned."))
    missing = selectors.still_missing(dossier)
    errors = {
        c: [_("This document is not missing from the file, or was already brought.")]
        for c in files
        if c not in missing
    }
    if not files:
        errors["__all__"] = [_("Send at least one of the missing documents.")]
    checked = _checked_uploads(dossier, files, errors)
    stored = []
    try:
        with transaction.atomic():
            Dossier.objects.select_for_update().get(pk=dossier.pk)  # one completion at a time
            if set(files) - set(selectors.still_missing(dossier)):
                raise TransitionRefused(_("These documents were brought meanwhile."))
            stored = [_store(dossier, c, u, actor, Purpose.COMPLETION) for c, u in checked]
            add_event(
                dossier, "documents_brought", actor, ", ".join(document_names(dossier, files))
            )
            record(
                actor,
                "dossier.documents_brought",
                dossier,
                collectivity=dossier.collectivity,
                data={"documents": list(files), "files": [f.sha256 for f in stored]},
            )
            if not selectors.still_missing(dossier):
                being_filed = _keep_the_being_filed_receipt(dossier)
                dossier = _move(dossier, "complete", actor, kind="completed", complete_on=today)
                _give_the_complete_receipt(being_filed)
    except Exception:
        for kept in stored:
            kept.file.storage.delete(kept.file.name)
        raise
    return dossier


def _keep_the_being_filed_receipt(dossier: Dossier) -> Receipt:
    """R3: the receipt of the file being filed, drawn now if it was not yet (the one the user
    was given), to be kept when the complete file's receipt replaces it."""
    from idara.dossiers.receipts import receipt_pdf

    receipt = Receipt.objects.select_for_update().get(dossier=dossier)
    receipt_pdf(receipt)
    receipt.refresh_from_db()
    return receipt


def _give_the_complete_receipt(receipt: Receipt) -> None:
    """The complete file's receipt, under the same number, replaces the first, kept aside."""
    receipt.being_filed_pdf, receipt.being_filed_pdf_sha256 = receipt.pdf, receipt.pdf_sha256
    receipt.pdf, receipt.pdf_sha256 = None, ""
    receipt.save(update_fields=["being_filed_pdf", "being_filed_pdf_sha256", "pdf", "pdf_sha256"])
    transaction.on_commit(lambda: _schedule_receipt_pdf(receipt.pk))


def accept(agent, dossier: Dossier, issuing: str = "") -> Dossier:
    """Accept, issuing the decision (or the permit, or, for an order from a register, the
    document asked)."""
    _not_already_decided_by_silence(dossier)
    decision_checks.check(dossier, "accept")
    return _move(
        dossier,
        "accept",
        agent,
        kind="accepted",
        issuing=issuing or kind_on_acceptance(dossier),
        decided_at=timezone.now(),
    )


def refuse(agent, dossier: Dossier, motivation: str) -> Dossier:
    """L8: "A refusal without a written motivation is impossible"."""
    motivation = (motivation or "").strip()
    if len(motivation) < MIN_MOTIVATION:
        raise TransitionRefused(
            _("A refusal must be motivated in writing (at least %(n)s characters).")
            % {"n": MIN_MOTIVATION}
        )
    _not_already_decided_by_silence(dossier)
    decision_checks.check(dossier, "refuse")
    return _move(
        dossier,
        "refuse",
        agent,
        issuing=IssuedKind.REFUSAL,
        kind="refused",
        note=motivation,
        decided_at=timezone.now(),
        motivation=motivation,
    )


def extend(agent, dossier: Dossier, reason: str) -> Dossier:
    """LAW.md: "One extension (where the fiche allows it) adds its days once ... with a
    written reason." """
    if not dossier.extension_allowed_days:
        raise TransitionRefused(_("The procedure allows no extension."))
    if dossier.extension_days:
        raise TransitionRefused(_("The deadline was already extended once."))
    if not (reason or "").strip():
        raise TransitionRefused(_("Write the reason for the extension."))
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    _not_already_decided_by_silence(dossier)
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.status not in (Status.SUBMITTED, Status.IN_REVIEW):
            raise TransitionRefused(_("Only an open dossier's deadline can be extended."))
        dossier.extension_days, dossier.extension_reason = (
            dossier.extension_allowed_days,
            reason.strip(),
        )
        _refresh_due_date(dossier)
        dossier.save()
        add_event(dossier, "extended", agent, reason.strip())
        record(
            agent,
            "dossier.extended",
            dossier,
            collectivity=dossier.collectivity,
            data={"days": dossier.extension_days, "due_on": str(dossier.due_on)},
        )
        _notify_change(dossier, "extended")
    return dossier


def close(agent, dossier: Dossier) -> Dossier:
    """File away a decided dossier once what it decided has been delivered."""
    return _move(dossier, "close", agent, kind="closed")


def withdraw(applicant, dossier: Dossier) -> Dossier:
    return _move(dossier, "withdraw", applicant, kind="withdrawn")


def return_file(dossier: Dossier, today=None) -> bool:
    """R3: write down that a file still being filed past its 30 days is returned; False when
    it is not (so the sweep run twice changes nothing the second time)."""
    today = today or timezone.localdate()
    holidays = selectors.holidays_around(dossier.filed_on, today)
    if not legal.returned(dossier, today, holidays):
        return False
    _move(
        dossier,
        "return_file",
        None,
        kind="returned",
        note=", ".join(selectors.still_missing(dossier)),
    )
    return True


def accept_tacitly(dossier: Dossier, today=None, holidays=None) -> bool:
    """L7: write down an acceptance the law already holds; False when there is none
    (so running the sweep twice changes nothing the second time). A sweep passes the
    holidays of every year it covers, read once."""
    today = today or timezone.localdate()
    holidays = holidays or selectors.holidays_around(dossier.filed_on, today)
    due = legal.legal_due_date(dossier, holidays)
    if not legal.tacitly_accepted(dossier, due, today):
        return False
    _move(
        dossier,
        "accept_tacitly",
        None,
        kind="tacitly_accepted",
        issuing=IssuedKind.TACIT_ACCEPTANCE,
        note=_("Accepted by silence: no decision by %(due)s.") % {"due": due.isoformat()},
    )
    return True


def _notify_change(dossier: Dossier, kind: str) -> None:
    if dossier.practice:
        return
    with translation.override(dossier.applicant.preferred_language):
        subject = _("Your application %(reference)s") % {"reference": dossier.reference}
        facts = {
            "reference": dossier.reference,
            "status": Status(dossier.status).label,
            "complete_on": dossier.complete_on.isoformat() if dossier.complete_on else "",
            "due": dossier.due_on.isoformat() if dossier.due_on else "",
        }
        if kind == "extended":
            body = _(
                "The deadline of your application %(reference)s was extended by %(days)s days "
                "(%(reason)s): the administration must now answer by %(due)s."
            ) % (facts | {"days": dossier.extension_days, "reason": dossier.extension_reason})
        elif kind == "completed":
            body = (
                _(
                    "Your file %(reference)s is complete since %(complete_on)s: the administration "
                    "must answer by %(due)s. Your receipt was given again, under the same number."
                )
                % facts
            )
        else:
            body = _("Your application %(reference)s is now: %(status)s.") % facts
    notify(dossier.applicant, subject, body, about=dossier.reference)


MIN_GROUNDS = 20


def appeal(applicant, dossier: Dossier, grounds: str) -> Dossier:
    """L9: "An appeal opens a linked dossier for the supervising authority, with its own
    deadline (30 days by default, per procedure)"."""
    dossier = Dossier.objects.select_related("collectivity__parent", "procedure_version").get(
        pk=dossier.pk
    )
    if dossier.applicant_id != applicant.pk:
        raise PermissionDenied(_("You may not act on this dossier."))
    if selectors.legal_view(dossier).appeal_until is None:
        raise TransitionRefused(
            _("This dossier cannot be appealed, or the appeal deadline has passed.")
        )
    if dossier.appeals.exists():
        raise TransitionRefused(_("This dossier was already appealed."))
    grounds = (grounds or "").strip()
    if len(grounds) < MIN_GROUNDS:
        raise TransitionRefused(
            _("Explain the grounds of the appeal (at least %(n)s characters).") % {"n": MIN_GROUNDS}
        )
    supervisor = dossier.collectivity.parent
    with transaction.atomic():
        appeal_dossier = _create_appeal(applicant, dossier, supervisor, grounds)
        receipt = _issue_receipt(appeal_dossier)
        add_event(
            appeal_dossier,
            "filed",
            applicant,
            _("Appeal of %(reference)s") % {"reference": dossier.reference},
        )
        add_event(dossier, "appealed", applicant, appeal_dossier.reference)
        record(
            applicant,
            "dossier.appealed",
            dossier,
            collectivity=dossier.collectivity,
            data={"appeal": appeal_dossier.reference},
        )
        _notify_filed(appeal_dossier)
    transaction.on_commit(lambda: _schedule_receipt_pdf(receipt.pk))
    return appeal_dossier


def _create_appeal(applicant, dossier: Dossier, supervisor, grounds: str) -> Dossier:
    now = timezone.now()
    appeal_dossier = Dossier(
        collectivity=supervisor,
        service=_appeals_service(supervisor),
        procedure_version=dossier.procedure_version,
        applicant=applicant,
        filed_by=applicant,
        channel=Channel.ONLINE,
        data={"grounds": grounds, "appealed": dossier.reference},
        submitted_at=now,
        filed_on=timezone.localdate(now),
        complete_on=timezone.localdate(now),
        deadline_days=dossier.appeal_days,
        working_days=False,
        silence_means_acceptance=False,
        appeal_days=dossier.appeal_days,
        appeal_of=dossier,
    )
    _number(appeal_dossier, supervisor)
    _refresh_due_date(appeal_dossier)
    appeal_dossier.save(force_insert=True)
    return appeal_dossier


def _appeals_service(supervisor):
    """The supervising authority's service that handles appeals, opened the first time."""
    from idara.territories.models import Service, ServiceKind

    service, created = Service.objects.get_or_create(
        collectivity=supervisor,
        kind=ServiceKind.OTHER,
        name_fr="Service des recours",
        defaults={"name_ar": "مصلحة الطعون"},
    )
    if created:
        record(None, "service.created", service, collectivity=supervisor, data={"for": "appeals"})
    return service


@transaction.atomic
def set_holiday(actor, day, *, observed: bool, name: str, reason: str = "") -> HolidayOverride:
    """The national supervisor adds the day a holiday was observed, or removes an estimated one
    (Islamic holidays follow the moon sighting). Open dossiers' due dates follow at once."""
    if not is_national_supervisor(actor):
        raise PermissionDenied(_("Only the national supervisor edits the calendar."))
    if not name.strip():
        raise TransitionRefused(_("Name the holiday."))
    override, _created = HolidayOverride.objects.update_or_create(
        day=day, defaults={"observed": observed, "name": name.strip(), "reason": reason.strip()}
    )
    record(
        actor,
        "calendar.holiday_set",
        override,
        data={"day": day.isoformat(), "observed": observed, "name": name},
    )
    for dossier in Dossier.objects.filter(
        status__in=OPEN_STATUSES, filed_on__lte=day, filed_on__gte=day - timedelta(days=366)
    ):
        refresh_due_date(dossier)
    return override


def assign(actor, dossier: Dossier, agent) -> Dossier:
    """An agent takes a dossier of their service; its head gives it to any of its agents."""
    own_service = Membership.objects.filter(user=actor, service_id=dossier.service_id)
    if not own_service.exists():
        raise PermissionDenied(_("You may not act on this dossier."))
    is_head = own_service.filter(role=Role.HEAD_OF_SERVICE).exists()
    if agent.pk != actor.pk and not is_head:
        raise PermissionDenied(_("Only the head of service gives a dossier to someone else."))
    if not Membership.objects.filter(user=agent, service_id=dossier.service_id).exists():
        raise TransitionRefused(_("This person does not work in the dossier's service."))
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(assigned_to=agent)
        dossier.refresh_from_db()
        add_event(dossier, "assigned", actor, agent.full_name or agent.email)
        record(
            actor,
            "dossier.assigned",
            dossier,
            collectivity=dossier.collectivity,
            data={"to": agent.pk},
        )
    return dossier


def write_to_applicant(agent, dossier: Dossier, text: str) -> Dossier:
    """A message to the applicant: on the dossier's history, and sent to them."""
    text = (text or "").strip()
    if not text:
        raise TransitionRefused(_("Write the message."))
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    with transaction.atomic():
        add_event(dossier, "message", agent, text)
        record(agent, "dossier.message", dossier, collectivity=dossier.collectivity)
        if not dossier.practice:
            with translation.override(dossier.applicant.preferred_language):
                subject = _("Your application %(reference)s") % {"reference": dossier.reference}
            notify(dossier.applicant, subject, text, about=dossier.reference)
    return dossier


MAX_OPINION_DAYS = 30


def ask_opinion(agent, dossier: Dossier, service, question: str, days: int) -> Opinion:
    """Ask another service for its opinion, due in `days` days (counted by the clock)."""
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    question = (question or "").strip()
    if not question:
        raise TransitionRefused(_("Write the question."))
    if service.pk == dossier.service_id:
        raise TransitionRefused(_("Ask another service than the dossier's own."))
    if not 1 <= days <= MAX_OPINION_DAYS:
        raise TransitionRefused(
            _("An opinion is due within 1 to %(n)s days.") % {"n": MAX_OPINION_DAYS}
        )
    with transaction.atomic():
        return request_opinion(agent, dossier, service, question, days)


def request_opinion(
    asker, dossier: Dossier, service, question: str, days: int, *, binding: bool = False
) -> Opinion:
    """Record that an opinion is asked, due `days` calendar days from today; `asker` is None
    when the platform asks (a permit's commission, at filing). Run inside a transaction."""
    today = timezone.localdate()
    holidays = selectors.holidays_around(today, today + timedelta(days=days))
    opinion = Opinion.objects.create(
        dossier=dossier,
        asked_service=service,
        asked_by=asker,
        question=question,
        asked_on=today,
        due_on=due_date(today, days, working_days=False, holidays=holidays),
        binding=binding,
    )
    add_event(dossier, "opinion_asked", asker, f"{service.name_fr}: {question}")
    record(
        asker,
        "dossier.opinion_asked",
        dossier,
        collectivity=dossier.collectivity,
        data={"service": service.pk, "due_on": opinion.due_on.isoformat(), "binding": binding},
    )
    return opinion


OPINION_FILE_TYPES = ["application/pdf", "image/jpeg", "image/png"]
OPINION_FILE_MAX_MB = 20


def answer_opinion(
    agent, opinion: Opinion, answer: str, verdict: str, conditions: str = "", files=()
) -> Opinion:
    """An agent of the asked service answers, once: favourable, favourable with conditions
    or unfavourable, with its reason and documents; the answer joins the dossier."""
    if opinion.asked_service_id not in selectors.agent_service_ids(agent):
        raise PermissionDenied(_("You may not act on this dossier."))
    answer, conditions = (answer or "").strip(), (conditions or "").strip()
    checked = _check_opinion(answer, verdict, conditions, files)
    with transaction.atomic():
        opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
        if opinion.answered_at:
            raise TransitionRefused(_("This opinion was already given."))
        opinion.answer, opinion.verdict, opinion.conditions = answer, verdict, conditions
        opinion.answered_by, opinion.answered_at = agent, timezone.now()
        opinion.save()
        for upload in checked:
            _store(opinion.dossier, "opinion", upload, agent, Purpose.OPINION, opinion)
        note = f"{opinion.asked_service.name_fr}: {opinion.get_verdict_display()}. {answer}"
        add_event(opinion.dossier, "opinion_given", agent, note)
        record(
            agent,
            "dossier.opinion_given",
            opinion.dossier,
            collectivity=opinion.dossier.collectivity,
            data={"opinion": opinion.pk, "verdict": verdict, "files": [c.sha256 for c in checked]},
        )
    return opinion


def _check_opinion(answer: str, verdict: str, conditions: str, files) -> list:
    if verdict not in Verdict.values:
        raise TransitionRefused(
            _("Choose the opinion: favourable, favourable with conditions, or unfavourable.")
        )
    if not answer:
        raise TransitionRefused(_("Write the opinion."))
    if verdict == Verdict.CONDITIONS and not conditions:
        raise TransitionRefused(_("Write the conditions of the favourable opinion."))
    try:
        return [check_upload(f, OPINION_FILE_TYPES, OPINION_FILE_MAX_MB) for f in files]
    except UploadRefused as refusal:
        raise TransitionRefused(refusal.message)


def save_motivation_template(actor, collectivity, title: str, text: str) -> MotivationTemplate:
    if not can_administer(actor, collectivity):
        raise PermissionDenied(_("You do not administer this collectivity."))
    title, text = title.strip(), text.strip()
    if not title or len(text) < MIN_MOTIVATION:
        raise TransitionRefused(
            _("Give the template a title and a text of at least %(n)s characters.")
            % {"n": MIN_MOTIVATION}
        )
    with transaction.atomic():
        template = MotivationTemplate.objects.create(
            collectivity=collectivity, title=title, text=text
        )
        record(actor, "motivation_template.created", template, collectivity=collectivity)
    return template


def motivation_from(dossier: Dossier, template_id, free_text: str) -> str:
    """The refusal's written reasons: the chosen template of the dossier's collectivity, then
    what the agent adds for this dossier."""
    template = MotivationTemplate.objects.filter(
        pk=template_id or 0, collectivity_id=dossier.collectivity_id
    ).first()
    parts = [template.text if template else "", (free_text or "").strip()]
    return "\n\n".join(p for p in parts if p)


@transaction.atomic
def file_practice_dossier(agent, offering: Offering, applicant, data: dict, files: dict) -> Dossier:
    """Training mode: a dossier for the agent to practise on, filed for the practice applicant
    through the same checks as a real one (see `idara.dossiers.practice`)."""
    if offering.service_id not in selectors.agent_service_ids(agent):
        raise PermissionDenied(_("You may not act on this dossier."))
    filing = Filing(offering.procedure, offering.collectivity, data, files)
    fiche = build_fiche(catalog.version_in_force(offering.procedure), offering)
    checked = _check_filing(fiche, filing)
    dossier = _create_dossier(agent, applicant, filing, offering, fiche, practice=True)
    for code, upload, purpose in checked:
        _store(dossier, code, upload, agent, purpose)
    add_event(dossier, "filed", agent, _("Practice dossier"))
    record(agent, "dossier.practice_filed", dossier, collectivity=dossier.collectivity)
    return dossier


def answer_as_practice_applicant(agent, dossier: Dossier, files: dict) -> Dossier:
    """Training mode: the practice applicant sends the documents the agent asked for, so that
    the agent can practise what follows."""
    if not (dossier.practice and selectors.is_agent_of(agent, dossier)):
        raise PermissionDenied(_("You may not act on this dossier."))
    return send_documents(dossier.applicant, dossier, files)
