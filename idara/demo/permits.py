"""Demo permits in every stage of the commission, made through the same services as real
ones, each filed with drawn plans; only their dates are moved into the past."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from idara.catalog import selectors as catalog
from idara.documents.pdf import render_pdf
from idara.dossiers import services
from idara.dossiers.models import Dossier, Opinion
from idara.dossiers.services import Filing
from idara.payments.services import record_counter_payment

BUILDING = "permis-construire-petits-projets"
PROJECT = {
    "land_title": "12345/07",
    "address": "Derb Souika, maison 12",
    "parcel_surface": 96,
    "built_surface": 140,
    "floors": 2,
    "use": "housing",
    "architect_name": "Karim Bennani",
    "architect_order_number": "A-2211",
    "engineer_name": "Bureau d'études Rif Structures",
}
CAFE = {
    "trade_name": "Café Ras El Ma",
    "activity_type": "cafe",
    "activity": "Café et pâtisserie",
    "address": "Place Outa El Hammam, 3",
    "surface": 64,
    "trade_register": "RC 4417",
}
CONDITIONS = "Recul de 3 m sur la voie publique.\nHauteur totale limitée à 8,50 m."
MOTIVATION = (
    "Avis conforme défavorable de l'agence urbaine : le projet dépasse la hauteur "
    "autorisée par le plan d'aménagement (R+1 au lieu de R+2)."
)


def plan_pdf(title: str, level: int = 0) -> bytes:
    return render_pdf(
        "demo/plan.html",
        {
            "title": title,
            "level": level,
            "address": PROJECT["address"],
            "land_title": PROJECT["land_title"],
            "architect": PROJECT["architect_name"],
        },
    )


# Attached by the administration from what it issued (once-only): never sent by the citizen.
HELD = {"copie-permis-construire"}


def _files(slug: str, specimen: bytes) -> dict:
    """Every mandatory document: plans drawn as plans, the rest a specimen page."""
    files = {}
    for document in catalog.version_in_force(catalog.procedure(slug)).documents.all():
        if not document.mandatory or document.code in HELD:
            continue
        is_plan = document.name_fr.lower().startswith("plan")
        body = plan_pdf(document.name_fr) if is_plan else specimen
        files[document.code] = SimpleUploadedFile(f"{document.code}.pdf", body)
    return files


def file_permit(commune, citizen, specimen: bytes, days_ago: int = 0, slug=BUILDING, data=None):
    filing = Filing(
        catalog.procedure(slug),
        commune,
        dict(data or PROJECT),
        _files(slug, specimen),
        consents=tuple(HELD),  # R11: the citizen lets the administration obtain them
    )
    dossier = services.file_dossier(citizen, citizen, filing)[0]
    return backdate(dossier, days_ago) if days_ago else dossier


def backdate(dossier: Dossier, days: int) -> Dossier:
    """Move the filing, and the commission's questions with it, `days` into the past."""
    moved = timezone.now() - timedelta(days=days)
    day = timezone.localdate(moved)
    Dossier.objects.filter(pk=dossier.pk).update(
        submitted_at=moved, filed_on=day, complete_on=day if dossier.complete_on else None
    )
    for opinion in Opinion.objects.filter(dossier=dossier):
        Opinion.objects.filter(pk=opinion.pk).update(
            asked_on=opinion.asked_on - timedelta(days=days),
            due_on=opinion.due_on - timedelta(days=days),
        )
    dossier.refresh_from_db()
    services.refresh_due_date(dossier)
    return dossier


def give(dossier: Dossier, kind: str, verdict: str, bodies, conditions: str = "") -> None:
    opinion = dossier.opinions.get(asked_service__kind=kind)
    reason = {
        "favourable": "Le projet respecte le plan d'aménagement et les règles de sécurité.",
        "conditions": "Le projet est acceptable sous les conditions indiquées.",
        "unfavourable": "Le projet dépasse la hauteur autorisée (R+1).",
    }[verdict]
    services.answer_opinion(bodies[kind], opinion, reason, verdict, conditions)


def load_commune_permits(commune, citizen, agent, bodies: dict, specimen: bytes) -> list:
    """One building permit at each stage, a permit to occupy that names the issued one, and a
    café's authorisation awaiting hygiene's opinion; the refused permits, the first not
    appealed, the others for the appeals of R9 (demo.appeals)."""
    file_permit(commune, citizen, specimen)  # just filed: the commission is asked
    reviewed = file_permit(commune, citizen, specimen, 2)
    services.review(agent, reviewed)
    give(reviewed, "urban_agency", "conditions", bodies, CONDITIONS)
    give(reviewed, "civil_protection", "favourable", bodies)  # hygiene's opinion awaited
    asked = file_permit(commune, citizen, specimen, 4)
    replace = services.Asked("replace_document", ["plan-cote"], "Le plan coté est illisible.")
    services.ask_applicant(agent, asked, replace)
    ready = file_permit(commune, citizen, specimen, 6)
    give(ready, "urban_agency", "favourable", bodies)
    give(ready, "civil_protection", "favourable", bodies)  # the fee is still to be paid
    issued = file_permit(commune, citizen, specimen, 8)
    give(issued, "urban_agency", "conditions", bodies, CONDITIONS)
    give(issued, "civil_protection", "favourable", bodies)
    record_counter_payment(agent, issued, issued.fee_mad, f"DEMO-{issued.reference}")
    services.accept(agent, issued)
    refused = [_refused(commune, citizen, agent, bodies, specimen, days) for days in (9, 0, 0, 0)]
    occupancy = {
        "permit_reference": issued.reference,
        "land_title": PROJECT["land_title"],
        "completion_date": timezone.localdate().isoformat(),
    }
    file_permit(commune, citizen, specimen, slug="permis-habiter", data=occupancy)
    file_permit(
        commune, citizen, specimen, slug="autorisation-exercice-activite-commerciale", data=CAFE
    )
    return refused


def _refused(commune, citizen, agent, bodies: dict, specimen: bytes, days: int) -> Dossier:
    refused = file_permit(commune, citizen, specimen, days)
    give(refused, "urban_agency", "unfavourable", bodies)
    give(refused, "civil_protection", "favourable", bodies)
    return services.refuse(agent, refused, MOTIVATION)
