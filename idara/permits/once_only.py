"""Once-only (LAW.md L3) for the acts that follow a building permit: the permit to occupy and
the certificate of conformity name the building permit; when Idara issued it, the
administration attaches it itself and checks it is the applicant's, for the same land."""

from django.utils.translation import gettext as _

from idara.catalog.document_types import BUILDING_PERMIT
from idara.documents.issuing import issued_pdf
from idara.documents.models import IssuedDocument, Kind
from idara.dossiers.held_documents import HeldDocument
from idara.permits.documents import BUILDING_PERMITS
from idara.text import ltr

FOLLOWING_A_PERMIT = {"permis-habiter", "certificat-conformite"}


def _own_reference(filing, reference: str) -> bool:
    """A reference in the form Idara gives this commune's dossiers (code-year-number)."""
    return reference.startswith(filing.collectivity.code.rstrip(".") + "-")


def building_permit(applicant, filing) -> IssuedDocument | None:
    reference = str(filing.data.get("permit_reference", "")).strip()
    if filing.procedure.slug not in FOLLOWING_A_PERMIT or not reference:
        return None
    return (
        IssuedDocument.objects.filter(
            kind=Kind.PERMIT,
            issuer=filing.collectivity,
            dossier__reference=reference,
            dossier__applicant=applicant,
            dossier__practice=False,
            dossier__procedure_version__procedure__slug__in=BUILDING_PERMITS,
        )
        .select_related("dossier")
        .first()
    )


def check_permit_reference(applicant, filing) -> dict[str, list[str]]:
    """A filing check: a number of this commune's own dossiers must be a building permit it
    issued to the applicant, for the land the form names. Older, paper permits pass: their
    copy is then sent like any document."""
    reference = str(filing.data.get("permit_reference", "")).strip()
    if filing.procedure.slug not in FOLLOWING_A_PERMIT or not _own_reference(filing, reference):
        return {}
    permit = building_permit(applicant, filing)
    if permit is None:
        return {
            "permit_reference": [_("This commune issued you no building permit with this number.")]
        }
    if permit.dossier.data.get("land_title") != filing.data.get("land_title"):
        return {
            "land_title": [
                _("The building permit %(reference)s was issued for the land title %(title)s.")
                % {"reference": reference, "title": permit.dossier.data.get("land_title")}
            ]
        }
    return {}


def held_permit(applicant, filing, fiche) -> dict[str, HeldDocument]:
    """Supplier of held documents: {code: the building permit Idara issued}."""
    if filing.procedure.slug not in FOLLOWING_A_PERMIT:
        return {}
    wanted = [d.source for d in fiche.documents if d.source.document_type == BUILDING_PERMIT]
    permit = building_permit(applicant, filing) if wanted else None
    if permit is None:
        return {}
    source = f"permit {permit.dossier.reference}"
    issuer = permit.issuer
    reference = ltr(permit.dossier.reference)  # left to right inside the Arabic sentence
    holder = (
        f"Idara : permis {permit.dossier.reference} délivré par {issuer.name_fr}",
        f"إدارة: الرخصة {reference} المسلمة من {issuer.name_ar or issuer.name_fr}",
    )
    return {
        d.code: HeldDocument(f"{d.code}.pdf", lambda p=permit: issued_pdf(p), source, holder)
        for d in wanted
    }
