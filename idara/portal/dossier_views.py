"""The citizen's space: filing a procedure online, following one's dossiers, answering."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from idara.catalog import selectors as catalog
from idara.catalog.models import Offering, Procedure
from idara.catalog.schema_form import SchemaForm
from idara.documents.issuing import issued_pdf
from idara.dossiers import legal, selectors, services, timeline
from idara.dossiers.api import file_response, pdf_response
from idara.dossiers.appeal_route import appeal_route
from idara.dossiers.forms import (
    consents,
    document_fields,
    keep_valid_files,
    resumed_files,
    show_filing_errors,
    sworn_statements,
)
from idara.dossiers.held_documents import held_for
from idara.dossiers.idempotency import ALREADY_SENT, KeyReused
from idara.dossiers.models import OPEN_STATUSES, Channel, Dossier, Status
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.services import Filing, FilingRefused, filed_message
from idara.dossiers.states import TransitionRefused
from idara.identity import mandates
from idara.identity.companies import companies_of
from idara.notifications.models import Channel as NotificationChannel
from idara.notifications.models import Message
from idara.payments.providers import provider
from idara.payments.selectors import amount_due, last_attempt_not_paid, paid
from idara.payments.services import start_online_payment
from idara.refusals import Refused
from idara.security.limits import limited


def _offering(slug, code) -> Offering:
    try:
        procedure = catalog.procedure(slug)
    except Procedure.DoesNotExist:
        raise Http404(_("No procedure has this name."))
    offering = Offering.objects.filter(procedure=procedure, collectivity__code=code, online=True)
    offering = offering.select_related("collectivity", "procedure").first()
    if offering is None:
        raise Http404(_("This collectivity does not offer this procedure online."))
    return offering


FEE_STATUSES = [*OPEN_STATUSES, Status.TACITLY_ACCEPTED]


# What the page's resumable upload script says, in the page's language.
UPLOAD_TEXTS = {
    "queued": gettext_lazy("Waiting for the documents before it to be sent…"),
    "sending": gettext_lazy("Sending the document…"),
    "resuming": gettext_lazy("The connection dropped: the upload resumes where it stopped."),
    "received": gettext_lazy(
        "Received in full, of a kind and size accepted here. It is filed when you send the "
        "application."
    ),
    "refused": gettext_lazy("This file could not be sent: choose it again."),
    "wait": gettext_lazy("A document is still being sent. Send the application anyway?"),
}


@never_cache
@login_required
@limited("filing", "user_or_ip", "FILING_RATE")
def file_procedure(request, slug):
    offering = _offering(slug, request.GET.get("collectivity", ""))
    fiche = catalog.fiche(offering.procedure, offering.collectivity)
    schema = fiche.version.form_schema
    post = request.method == "POST"
    form = SchemaForm(schema, request.POST if post else None)
    in_force = list(mandates.in_force_for(request.user))
    companies = list(companies_of(request.user))
    chosen, company = _filed_for(request, in_force, companies)
    # R11: the consent to fetch what is held is the person's own, never a representative's;
    # and what is held about a person is not a company's.
    nothing_yet = Filing(offering.procedure, offering.collectivity, {})
    for_someone = chosen or company
    held = {} if for_someone else held_for(request.user, nothing_yet, fiche)
    documents = document_fields(
        fiche, request.POST if post else None, request.FILES if post else None, held
    )
    token = request.POST.get("filing_token") or str(uuid.uuid4())
    estimate = None
    if post and "estimate" in request.POST:  # the fee of these answers, nothing filed
        documents = document_fields(fiche, None, None, held)
        if form.is_valid():
            estimate = fiche.fee.amount_for(form.cleaned_data)
    elif post and documents.is_valid():
        sent = {code: f for code, f in documents.cleaned_data.items() if f}
        resumed = resumed_files(request, documents)
        files = resumed | sent  # a file chosen again replaces the one kept
        if form.is_valid() and not documents.errors:
            filing = Filing(
                offering.procedure,
                offering.collectivity,
                form.cleaned_data,
                files,
                token,
                Channel.ONLINE,
                sworn_statements=sworn_statements(request, documents),
                consents=() if for_someone else consents(request, documents),
                mandate=chosen,
                company=company,
            )
            applicant = chosen.represented if chosen else request.user
            try:
                dossier, _created = services.file_dossier(request.user, applicant, filing)
            except FilingRefused as refused:
                show_filing_errors(refused.errors, form, documents)
                keep_valid_files(request, documents, sent, resumed)
            except KeyReused as reused:
                messages.info(request, ALREADY_SENT)
                return redirect("portal:my_dossier", dossier_id=reused.first.pk)
            else:
                messages.success(request, filed_message(dossier))
                return redirect("portal:my_dossier", dossier_id=dossier.pk)
        else:
            # The form's errors are shown; list the documents' too, so all come at once.
            filing = Filing(offering.procedure, offering.collectivity, {}, files)
            errors, _checked = services.filing_errors(fiche, filing)
            show_filing_errors(errors, None, documents)
            keep_valid_files(request, documents, sent, resumed)
    return render(
        request,
        "portal/file_procedure.html",
        {
            "offering": offering,
            "fiche": fiche,
            "form": form,
            "documents": documents,
            "token": token,
            "estimate": estimate,
            "upload_texts": UPLOAD_TEXTS,
            "sworn": request.POST.getlist("sworn") if post else [],
            "consented": request.POST.getlist("consent") if post else [],
            "mandates": in_force,
            "chosen": chosen,
            "companies": companies,
            "company": company,
        },
    )


def _filed_for(request, in_force: list, companies: list):
    """(mandate, company): whom the user files for, chosen on the form (or the link to it),
    among their mandates in force and their companies; (None, None) for themselves."""
    wanted = (request.POST if request.method == "POST" else request.GET).get("for", "")
    mandate = next((m for m in in_force if str(m.pk) == wanted), None)
    company = next((c for c in companies if f"company-{c.pk}" == wanted), None)
    return mandate, company


@login_required
def my_dossiers(request):
    dossiers = list(selectors.my_dossiers(request.user)[:100])
    views = selectors.legal_views(dossiers)
    rows = [(d, views[d.pk]) for d in dossiers]
    return render(request, "portal/my_dossiers.html", {"rows": rows})


def _mine(request, dossier_id) -> Dossier:
    try:
        return selectors.my_dossiers(request.user).get(pk=dossier_id)
    except Dossier.DoesNotExist:
        raise Http404(_("Nothing was found at this address."))


@never_cache
@login_required
def my_dossier(request, dossier_id):
    dossier = _mine(request, dossier_id)
    if services.refusal_opened(request.user, dossier):  # R9: its appeal days start today
        dossier = _mine(request, dossier_id)
    return _page(request, dossier)


def _page(request, dossier: Dossier, refused: Refused | None = None):
    """The applicant's page of a dossier; after a refused form, with the reason beside it and
    what was typed still in it."""
    legal_view = selectors.legal_view(dossier)
    documents = dossier.procedure_version.documents.all()
    request_open = legal.open_request(dossier)
    asked = request_open.documents if request_open else []
    return render(
        request,
        "portal/my_dossier.html",
        {
            "dossier": dossier,
            "legal": legal_view,
            "events": timeline.for_applicant(dossier),
            "files": dossier.files.all(),
            "document_names": {d.code: d.name for d in dossier.procedure_version.documents.all()},
            "open_request": request_open
            if legal_view.status == Status.AWAITING_APPLICANT
            else None,
            "asked": [d for d in documents if d.code in asked],
            "documents": documents,
            "being_filed": legal_view.status == Status.BEING_FILED,
            "missing": selectors.missing_fiche_documents(dossier),
            "is_open": legal_view.status in OPEN_STATUSES,
            "issued": dossier.issued.all(),
            "messages_sent": Message.objects.filter(
                about=dossier.reference, channel=NotificationChannel.EMAIL
            ).order_by("created_at"),
            "appeals": dossier.appeals.all(),
            "appeal_route": appeal_route(dossier.collectivity, dossier.appeal_days),
            "may_escalate": legal.may_escalate(dossier, legal_view.due, timezone.localdate()),
            # R8 (decree 2-22-141 art. 3): a silence that accepts does not waive the fee.
            "due": amount_due(dossier) if legal_view.status in FEE_STATUSES else None,
            "attestation_requests": dossier.attestation_requests.all(),
            "fetches": dossier.fetches.select_related("file", "provided"),
            "paid": paid(dossier),
            "not_paid": last_attempt_not_paid(dossier),
            "pay_online": provider() is not None,
            "refused": refused,
        },
        status=400 if refused else 200,
    )


def _refused(request, dossier_id: int, action: str, refused: Exception):
    """The page again, as the refused form left the dossier (unchanged), with why."""
    if isinstance(refused, FilingRefused):
        reason = " ".join(p for problems in refused.errors.values() for p in problems)
    else:
        reason = refused.message
    return _page(request, _mine(request, dossier_id), Refused(action, reason, request.POST))


@never_cache
@login_required
def my_receipt(request, dossier_id):
    dossier = _mine(request, dossier_id)
    return pdf_response(receipt_pdf(dossier.receipt), f"{dossier.reference}.pdf")


@require_POST
@login_required
def send_documents(request, dossier_id):
    """The answer to the administration's request (R5), or the documents missing from a file
    being filed (R3)."""
    dossier = _mine(request, dossier_id)
    completing = dossier.status == Status.BEING_FILED
    files = dict(request.FILES.items())
    try:
        if completing:
            dossier = services.complete_file(request.user, dossier, files)
        else:
            services.answer_request(request.user, dossier, files, request.POST.get("answer", ""))
    except (FilingRefused, TransitionRefused) as refused:
        return _refused(request, dossier_id, "send_documents", refused)
    messages.success(request, _received(dossier, completing))
    return redirect("portal:my_dossier", dossier_id=dossier.pk)


def _received(dossier: Dossier, completing: bool) -> str:
    if not completing:
        return _("Your answer was received; the legal clock runs again.")
    if dossier.status == Status.BEING_FILED:
        return _("Received. Your file still lacks the documents listed below.")
    return _("Your file is complete: the legal clock has started. Your receipt was given again.")


@require_POST
@login_required
def withdraw(request, dossier_id):
    dossier = _mine(request, dossier_id)
    try:
        services.withdraw(request.user, dossier)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("portal:my_dossier", dossier_id=dossier.pk)


@require_POST
@login_required
def pay(request, dossier_id):
    """Pay the fee online: off to the payment provider's page, which sends the payer back."""
    dossier = _mine(request, dossier_id)
    try:
        payment = start_online_payment(request.user, dossier)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
        return redirect("portal:my_dossier", dossier_id=dossier.pk)
    return redirect(provider().checkout_url(payment))


@require_POST
@login_required
def appeal(request, dossier_id):
    dossier = _mine(request, dossier_id)
    try:
        appealed = services.appeal(request.user, dossier, request.POST.get("grounds", ""))
    except TransitionRefused as refused:
        return _refused(request, dossier_id, "appeal", refused)
    messages.success(request, _("Your appeal was received. Here is its receipt."))
    return redirect("portal:my_dossier", dossier_id=appealed.pk)


@require_POST
@login_required
def escalate(request, dossier_id):
    """R9: the applicant refers an appeal the president left unanswered to the governor."""
    dossier = _mine(request, dossier_id)
    try:
        services.escalate(request.user, dossier)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your appeal was referred to the wali or governor."))
    return redirect("portal:my_dossier", dossier_id=dossier.pk)


@require_POST
@login_required
def request_act(request, dossier_id):
    """R8: the applicant asks the president for the act their silence accepted."""
    dossier = _mine(request, dossier_id)
    try:
        services.request_act(request.user, dossier)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your request for the act was received."))
    return redirect("portal:my_dossier", dossier_id=dossier.pk)


@require_POST
@login_required
def ask_attestation(request, dossier_id):
    """R8: past the president's 7 days, the applicant asks the wali or governor."""
    dossier = _mine(request, dossier_id)
    try:
        asked = services.ask_attestation(request.user, dossier)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
        return redirect("portal:my_dossier", dossier_id=dossier.pk)
    messages.success(
        request, _("Your request for the attestation was received. Here is its receipt.")
    )
    return redirect("portal:my_dossier", dossier_id=asked.pk)


@require_POST
@login_required
def fetched_document(request, dossier_id, fetch_id, action):
    """R11: the applicant approves the copy obtained for them, disputes it, or sends the
    document the administration could not obtain (or their own, in place of a disputed copy)."""
    dossier = _mine(request, dossier_id)
    fetch = dossier.fetches.filter(pk=fetch_id).first()
    if fetch is None or action not in FETCH_DONE:
        raise Http404(_("Nothing was found at this address."))
    try:
        if action == "approve":
            services.approve_fetched(request.user, fetch)
        elif action == "dispute":
            services.dispute_fetched(request.user, fetch, request.POST.get("dispute", ""))
        else:
            services.provide_fetched(request.user, fetch, request.FILES.get(fetch.document_code))
    except (FilingRefused, TransitionRefused) as refused:
        return _refused(request, dossier_id, f"{action}-{fetch.pk}", refused)
    messages.success(request, FETCH_DONE[action])
    return redirect("portal:my_dossier", dossier_id=dossier.pk)


FETCH_DONE = {
    "approve": gettext_lazy("Approved: the administration may now rely on this copy."),
    "dispute": gettext_lazy("Noted. Send your own copy of the document below."),
    "provide": gettext_lazy("Received: it joins your application."),
}


@never_cache
@login_required
def my_issued_document(request, dossier_id, kind):
    dossier = _mine(request, dossier_id)
    document = dossier.issued.filter(kind=kind).first()
    if document is None:
        raise Http404(_("Nothing was found at this address."))
    return pdf_response(issued_pdf(document), f"{dossier.reference}-{kind}.pdf")


@never_cache
@login_required
def my_file(request, dossier_id, file_id):
    kept = _mine(request, dossier_id).files.filter(pk=file_id).first()
    if kept is None:
        raise Http404(_("Nothing was found at this address."))
    return file_response(kept)
