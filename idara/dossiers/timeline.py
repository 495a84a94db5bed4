"""A dossier's timeline as each reader sees it: in their own language, and for the applicant
without the service's internal exchanges."""

from django.utils.translation import gettext as _

from idara.dossiers.models import Channel, Dossier, Event, RequestKind, Verdict
from idara.dossiers.services.files import document_names
from idara.territories.models import Service
from idara.text import listed, ltr

# Exchanges between services about a dossier, and who works on it: the agents' business.
INTERNAL = frozenset({"opinion_asked", "opinion_given", "assigned"})


def for_applicant(dossier: Dossier):
    return dossier.events.exclude(kind__in=INTERNAL)


def for_agents(dossier: Dossier):
    return dossier.events.all()


def note(event: Event) -> str:
    """What the line says after its status: what the platform recorded, in the reader's
    language, then what a person wrote. Lines written before `data` existed keep their note."""
    return " — ".join(part for part in (said(event), event.note) if part)


def said(event: Event) -> str:
    """What the platform recorded on the line, in the reader's language."""
    data = event.data or {}
    says = {
        "channel": lambda: Channel(data["channel"]).label,
        "request": lambda: RequestKind(data["request"]).label,
        "said": lambda: _(data["said"]) % {k: ltr(v) for k, v in data.get("values", {}).items()},
        "service": lambda: _service_name(data["service"]),
        "verdict": lambda: Verdict(data["verdict"]).label,
        "documents": lambda: listed(document_names(event.dossier, data["documents"])),
    }
    return " — ".join(str(say()) for key, say in says.items() if key in data)


def _service_name(service_id: int) -> str:
    service = Service.objects.filter(pk=service_id).first()
    return service.name if service else ""
