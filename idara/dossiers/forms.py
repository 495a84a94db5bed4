"""The HTML side of a filing, shared by the citizen's form and the counter's."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from idara.catalog.form_schema import NON_FIELD, condition_in_words
from idara.documents import resumable
from idara.documents.resumable import completed_file
from idara.dossiers.held_documents import holder_name
from idara.text import listed


def document_fields(fiche, data=None, files=None, held=None) -> forms.Form:
    """An upload field per document of the fiche; those in `held` the administration can
    obtain (R11), with who holds them, for the applicant to consent to."""
    held = held or {}
    form = forms.Form(data, files, prefix="doc")
    for document in fiche.documents:
        form.fields[document.source.code] = forms.FileField(
            label=document.source.name,
            required=False,
            help_text=_("%(types)s, %(n)s MB at most")
            % {
                "types": listed(t.split("/")[-1].upper() for t in document.accepted_types),
                "n": document.max_size_mb,
            },
            widget=forms.ClearableFileInput(
                attrs={
                    "accept": ",".join(document.accepted_types),
                    "data-max-mb": document.max_size_mb,
                    # The citizen's page sends it resumably where JavaScript runs.
                    "data-resumable": document.source.code,
                }
            ),
        )
        form.fields[document.source.code].mandatory = document.source.mandatory
        form.fields[document.source.code].required_when = document.source.required_when
        form.fields[
            document.source.code
        ].sworn_statement_allowed = document.source.sworn_statement_allowed
        form.fields[document.source.code].condition = condition_in_words(
            document.source.required_when, fiche.version.form_schema
        )
        form.fields[document.source.code].legalisation_waived = document.source.legalisation_waived
        form.fields[document.source.code].held = document.source.code in held
        form.fields[document.source.code].holder = (
            holder_name(held[document.source.code], get_language())
            if document.source.code in held
            else ""
        )
    return form


def consents(request, documents) -> tuple[str, ...]:
    """R11: the documents the applicant ticked for the administration to obtain for them."""
    return tuple(
        code
        for code in request.POST.getlist("consent")
        if code in documents.fields and documents.fields[code].held
    )


def sworn_statements(request, documents) -> tuple[str, ...]:
    """R2: the documents the applicant ticked to replace by a declaration on honour."""
    return tuple(code for code in request.POST.getlist("sworn") if code in documents.fields)


def resumed_files(request, documents) -> dict:
    """The documents the page sent beforehand by resumable upload (`resumed-<code>` names the
    upload); one that is not the user's, or not finished, is an error on its field."""
    files = {}
    for code in documents.fields:
        upload_id = request.POST.get(f"resumed-{code}", "").strip()
        if not upload_id:
            continue
        try:
            files[code] = completed_file(request.user, upload_id)
        except PermissionDenied as refused:
            documents.add_error(code, str(refused))
    return files


def keep_valid_files(request, documents, sent: dict, resumed: dict) -> None:
    """When the page comes back with errors, each document that passed its checks stays, as a
    finished upload its field names (`field.kept`): the applicant sends it once."""
    for code, field in documents.fields.items():
        if code in documents.errors:
            continue
        if code in sent:
            field.kept = resumable.keep(request.user, sent[code])
        elif code in resumed:
            field.kept = resumable.upload_of(request.user, request.POST[f"resumed-{code}"].strip())


def show_filing_errors(errors: dict, form, documents) -> None:
    for field, messages_ in errors.items():
        target = documents if field in documents.fields else form
        if target is None:
            continue
        for message in messages_:
            target.add_error(
                None if field == NON_FIELD or field not in target.fields else field, message
            )
