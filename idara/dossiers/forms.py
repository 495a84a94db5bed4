"""The HTML side of a filing, shared by the citizen's form and the counter's."""

from django import forms
from django.utils.translation import gettext as _

from idara.catalog.form_schema import NON_FIELD


def document_fields(fiche, data=None, files=None, held=()) -> forms.Form:
    """An upload field per document of the fiche; those in `held` the administration
    attaches itself (L3), and say so."""
    form = forms.Form(data, files, prefix="doc")
    for document in fiche.documents:
        form.fields[document.source.code] = forms.FileField(
            label=document.source.name,
            required=False,
            help_text=_("%(types)s, %(n)s MB at most")
            % {
                "types": ", ".join(t.split("/")[-1].upper() for t in document.accepted_types),
                "n": document.max_size_mb,
            },
            widget=forms.ClearableFileInput(attrs={"accept": ",".join(document.accepted_types)}),
        )
        form.fields[document.source.code].mandatory = document.source.mandatory
        form.fields[document.source.code].legalisation_waived = document.source.legalisation_waived
        form.fields[document.source.code].held = document.source.code in held
    return form


def show_filing_errors(errors: dict, form, documents) -> None:
    for field, messages_ in errors.items():
        target = documents if field in documents.fields else form
        if target is None:
            continue
        for message in messages_:
            target.add_error(
                None if field == NON_FIELD or field not in target.fields else field, message
            )
