"""R3: filing, online, by API or at the counter, with its receipt either way."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.catalog import selectors as catalog
from idara.catalog.fiche import Fiche, build_fiche
from idara.catalog.form_schema import validate_form_data
from idara.catalog.models import Offering
from idara.catalog.rules import document_applies
from idara.documents.pdf import new_verification_code
from idara.dossiers import (
    after_filing,
    filing_checks,
    held_documents,
    idempotency,
    movements,
    selectors,
    sworn,
)
from idara.dossiers.models import Channel, Dossier, Purpose, Receipt, ReceiptCounter, Status
from idara.dossiers.services import claims, fetches
from idara.dossiers.services.files import FilingRefused, store
from idara.dossiers.services.messages import notify_filed
from idara.dossiers.services.moves import add_event, schedule_receipt_pdf, set_due_on
from idara.dossiers.uploads import UploadRefused, check_upload


@dataclass
class Filing:
    procedure: object
    collectivity: object
    data: dict
    files: dict = field(default_factory=dict)  # document code -> uploaded file
    idempotency_key: str = ""
    channel: str = Channel.ONLINE
    # R2: the codes of the documents the applicant replaces by a declaration on honour.
    sworn_statements: tuple[str, ...] = ()
    # R11: the codes of the documents the administration holds that the applicant consents it
    # obtains for them; the others they send, or they are missing.
    consents: tuple[str, ...] = ()
    # Filed by a representative for the applicant (identity.Mandate), in force.
    mandate: object = None
    # Filed by the applicant, a member, for their company (identity.Company).
    company: object = None


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
    _check_filing_for_someone(actor, applicant, offering, filing.mandate)
    _check_filing_for_a_company(actor, applicant, filing.company)
    fiche = build_fiche(catalog.version_in_force(filing.procedure), offering)
    held = held_documents.consented(
        held_documents.held_for(applicant, filing, fiche), filing.consents
    )
    checked = check_filing(fiche, filing, applicant, held)
    obtained, failures = fetches.obtain(held, filing, applicant)
    checked += obtained + sworn.declarations(applicant, filing, fiche)
    missing = missing_documents(fiche, filing, held)
    fetched = Fetched(held, failures)
    try:
        return _commit_filing(
            actor, applicant, filing, offering, fiche, checked, asked, missing, fetched
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


def _check_filing_for_someone(actor, applicant, offering: Offering, mandate) -> None:
    """L10: an agent may file at the counter on a citizen's behalf, for their own service; a
    representative under a mandate in force, for the person it names."""
    if actor.pk == applicant.pk and mandate is None:
        return
    if mandate is not None:
        if not (
            mandate.in_force
            and mandate.representative_id == actor.pk
            and mandate.represented_id == applicant.pk
        ):
            raise PermissionDenied(_("This mandate does not let you file for this person."))
        return
    if offering.service_id not in selectors.agent_service_ids(actor):
        raise PermissionDenied(_("Only an agent of the service may file on someone's behalf."))


def _check_filing_for_a_company(actor, applicant, company) -> None:
    if company is None:
        return
    member = company.members.effective_for(actor).exists()
    if not member or actor.pk != applicant.pk:
        raise PermissionDenied(_("Only a member of the company files for it."))


def check_filing(fiche: Fiche, filing: Filing, applicant=None, held=None) -> list:
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


@dataclass(frozen=True)
class Fetched:
    """R11: the documents the applicant consented the administration obtains, and those of
    them it could not obtain, with why."""

    held: dict
    failures: dict


def missing_documents(fiche: Fiche, filing: Filing, held: dict) -> list[str]:
    """R3: "every missing document" of the filing, "listed once and for all": the required
    documents neither sent nor held by the platform (R11), among those the answers make
    apply (R1). Filing never fails for them."""
    return [
        d.source.code
        for d in fiche.documents
        if d.source.mandatory
        and document_applies(d.source.required_when, filing.data)
        and d.source.code not in filing.files
        and d.source.code not in held
        and d.source.code not in filing.sworn_statements
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
    for code, messages in sworn.errors(filing, documents).items():
        errors.setdefault(code, []).extend(messages)
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


def _commit_filing(
    actor, applicant, filing, offering, fiche, checked, asked, missing, fetched: Fetched
) -> Dossier:
    stored = []
    try:
        with transaction.atomic():
            dossier = create_dossier(
                actor, applicant, filing, offering, fiche, asked=asked, missing=missing
            )
            for code, upload, purpose in checked:
                stored.append(store(dossier, code, upload, actor, purpose))
            fetches.record_fetches(dossier, actor, fetched.held, stored, fetched.failures)
            receipt = issue_receipt(dossier)
            add_event(dossier, "filed", actor, channel=filing.channel)
            if dossier.status == Status.SUBMITTED:
                after_filing.run(dossier)  # else when the file is complete (completion)
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
            notify_filed(dossier)
            fetches.tell_not_obtained(dossier, fetched.failures)
    except Exception:
        for kept in stored:  # the transaction is undone: so are the files it stored
            kept.file.storage.delete(kept.file.name)
        raise
    transaction.on_commit(lambda: schedule_receipt_pdf(receipt.pk))
    return dossier


def create_dossier(
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
        ceiling_days=fiche.ceiling_days,
        silence_means_acceptance=fiche.silence_means_acceptance,
        extension_allowed_days=fiche.extension_days,
        appeal_days=fiche.version.appeal_days,
        fee_text=_fee_text(fiche, filing.data),
        fee_mad=fiche.fee.amount_for(filing.data),
        practice=practice,
        mandate=filing.mandate,
        company=filing.company,
    )
    if not practice and claims.waits_for_claim(actor, applicant):
        dossier.claim_code = claims.new_claim_code()
    if practice:  # a practice dossier must not take a number from the real receipts
        dossier.reference = f"EX-{offering.collectivity.code.rstrip('.')}-{dossier.pk.hex[:8]}"
    else:
        number(dossier, offering.collectivity)
    set_due_on(dossier)
    dossier.save(force_insert=True)
    return dossier


def number(dossier: Dossier, collectivity) -> None:
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


def issue_receipt(dossier: Dossier) -> Receipt:
    year, number = dossier._receipt_number
    return Receipt.objects.create(
        dossier=dossier,
        collectivity=dossier.collectivity,
        year=year,
        number=number,
        verification_code=new_verification_code(),
        issued_at=dossier.submitted_at,
    )


def _fee_text(fiche: Fiche, answers: dict) -> str:
    fee = fiche.fee
    amount = fee.amount_for(answers)
    if amount is not None and fee.rule:
        return f"{amount} MAD ({fee.formula_fr})"
    if amount is not None:
        return f"{amount} MAD"
    return fee.formula_fr or ""
