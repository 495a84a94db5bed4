"""A dossier's timeline as each reader sees it: in their own language, and for the applicant
without the service's internal exchanges."""

from django.utils.translation import gettext as _

from idara.dossiers.models import Channel, Dossier, Event, Verdict
from idara.dossiers.services.files import document_names
from idara.territories.models import Service
from idara.text import listed

# Exchanges between services about a dossier, and who works on it: the agents' business.
INTERNAL = frozenset({"opinion_asked", "opinion_given", "assigned"})


def for_applicant(dossier: Dossier):
    return dossier.events.exclude(kind__in=INTERNAL)


def for_agents(dossier: Dossier):
    return dossier.events.all()


def note(event: Event) -> str:
    """What the line says after its status: what the platform recorded, in the reader's
    language, then what a person wrote. Lines written before `data` existed keep their note."""
    data = event.data or {}
    said = {
        "channel": lambda: Channel(data["channel"]).label,
        "said": lambda: _(data["said"]) % data.get("values", {}),
        "service": lambda: _service_name(data["service"]),
        "verdict": lambda: Verdict(data["verdict"]).label,
        "documents": lambda: listed(document_names(event.dossier, data["documents"])),
    }
    parts = [say() for key, say in said.items() if key in data]
    return " — ".join(str(part) for part in [*parts, event.note] if part)


def _service_name(service_id: int) -> str:
    service = Service.objects.filter(pk=service_id).first()
    return service.name if service else ""
