"""Showing a fiche's values in the reader's language, and saying plainly what is not published."""

from django import template
from django.utils import formats
from django.utils.translation import get_language

from idara.catalog.form_schema import condition_in_words, localized, readable_answers
from idara.dossiers import timeline
from idara.text import direction_of, listed, ltr, quoted

register = template.Library()


@register.filter
def in_language(texts) -> str:
    """A {"ar", "fr"} text of a form schema in the active language."""
    return localized(texts)


@register.filter
def local_name(obj) -> str:
    """The Arabic name where there is one and the page is in Arabic, else the French one."""
    if get_language() == "ar" and getattr(obj, "name_ar", ""):
        return obj.name_ar
    return obj.name_fr


@register.filter
def holder_of(fetch) -> str:
    """R11: who holds a document obtained for the applicant, in the active language."""
    return fetch.holder(get_language())


@register.filter
def lacks_arabic(obj) -> bool:
    return get_language() == "ar" and not getattr(obj, "name_ar", "")


@register.filter
def file_types(mime_types) -> str:
    names = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
    return listed(names.get(t, t) for t in mime_types)


@register.filter
def get_label(field: dict) -> str:
    return localized(field.get("x-label"))


@register.filter
def status_label(status: str) -> str:
    from idara.dossiers.models import Status

    return Status(status).label


@register.filter
def isolated(value) -> str:
    """A date or a reference given to a translated sentence (blocktranslate), isolated left to
    right (text.ltr), so that it reads the same in an Arabic sentence."""
    return ltr(value)


@register.filter(name="quoted")
def quoted_filter(value) -> str:
    """A person's words given to a translated sentence (blocktranslate): text.quoted."""
    return quoted(value)


@register.filter
def direction(text: str) -> str:
    """The direction a person's text is written in ("rtl"/"ltr"): text.direction_of."""
    return direction_of(str(text))


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def answers(dossier) -> list[tuple[str, str, bool]]:
    """The dossier's form, labelled and readable, for the agents' pages: (label, value, typed),
    `typed` where the value is the applicant's own words, in whatever language they wrote."""
    schema = dossier.procedure_version.form_schema
    readable = readable_answers(schema, dossier.data)
    typed = [
        isinstance(dossier.data.get(name), str) and "enum" not in prop
        for name, prop in schema.get("properties", {}).items()
    ]
    return [(label, value, own) for (label, value), own in zip(readable, typed, strict=True)]


@register.filter
def condition(document, form_schema: dict) -> str:
    """R1: when a document of the fiche is required, in words."""
    return condition_in_words(document.required_when, form_schema)


@register.filter
def event_said(event) -> str:
    """What the platform recorded on a timeline line; what a person wrote is `event.note`."""
    return timeline.said(event)


@register.filter
def said(version, field: str) -> dict:
    """A text of the fiche in the page's language where it has one, with the language it is
    in: {"text", "lang"}."""
    arabic = getattr(version, f"{field}_ar", None)
    if get_language() == "ar" and arabic:
        return {"text": arabic, "lang": "ar"}
    return {"text": getattr(version, field), "lang": "fr"}


@register.filter
def legal_bases(version) -> list[dict]:
    """The fiche's legal texts, each in the page's language where it has one."""
    arabic = version.legal_basis_ar or [] if get_language() == "ar" else []
    return [
        {"text": arabic[n], "lang": "ar"}
        if n < len(arabic) and arabic[n]
        else {"text": t, "lang": "fr"}
        for n, t in enumerate(version.legal_basis)
    ]


@register.filter
def mad(amount) -> str:
    """An amount in dirhams as the page's language writes it, thousands apart: 25 570 000,00."""
    if amount is None or amount == "":
        return ""
    return formats.number_format(amount, decimal_pos=2, force_grouping=True)


@register.filter(name="listed")
def listed_filter(items) -> str:
    return listed(items)
