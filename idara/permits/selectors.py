"""Reads of the permits module, scoped: the public register shows what the law makes public
about an issued permit (its number, date, nature, place and project), never who holds it."""

from django.db.models import QuerySet

from idara.documents.models import IssuedDocument, Kind

PUBLIC_FIELDS = ("address", "land_title", "use", "built_surface", "floors", "architect_name")


def issued_permits(collectivity) -> QuerySet[IssuedDocument]:
    return (
        IssuedDocument.objects.filter(
            kind=Kind.PERMIT, issuer=collectivity, dossier__practice=False
        )
        .select_related("dossier__procedure_version")
        .order_by("-issued_at", "-id")
    )


def public_facts(document: IssuedDocument) -> dict:
    data = document.dossier.data
    return {name: data[name] for name in PUBLIC_FIELDS if name in data}
