"""Files of a dossier: checked against the fiche's limits, stored with their SHA-256."""

from idara.catalog.fiche import build_fiche
from idara.catalog.models import Offering
from idara.dossiers.models import Dossier, DossierFile
from idara.dossiers.uploads import UploadRefused, check_upload


class FilingRefused(Exception):
    """Bad input: {field: [messages]} in the caller's language; nothing was stored."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def store(dossier, code, checked, actor, purpose, opinion=None) -> DossierFile:
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


def checked_uploads(dossier: Dossier, files: dict, errors: dict) -> list:
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


def document_names(dossier: Dossier, codes) -> list[str]:
    """The names of the dossier's fiche's documents, in the active language, by code."""
    names = {d.code: d.name for d in dossier.procedure_version.documents.all()}
    return [names.get(code, code) for code in codes]
