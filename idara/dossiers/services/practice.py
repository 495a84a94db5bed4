"""Training mode: dossiers for an agent to practise on (see `idara.dossiers.practice`)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from idara.audit.services import record
from idara.catalog import selectors as catalog
from idara.catalog.fiche import build_fiche
from idara.catalog.models import Offering
from idara.dossiers import legal, selectors
from idara.dossiers.models import Dossier, RequestKind
from idara.dossiers.services.files import store
from idara.dossiers.services.filing import Filing, check_filing, create_dossier
from idara.dossiers.services.moves import add_event
from idara.dossiers.services.requests import answer_request


@transaction.atomic
def file_practice_dossier(agent, offering: Offering, applicant, data: dict, files: dict) -> Dossier:
    """Training mode: a dossier for the agent to practise on, filed for the practice applicant
    through the same checks as a real one (see `idara.dossiers.practice`)."""
    if offering.service_id not in selectors.agent_service_ids(agent):
        raise PermissionDenied(_("You may not act on this dossier."))
    filing = Filing(offering.procedure, offering.collectivity, data, files)
    fiche = build_fiche(catalog.version_in_force(offering.procedure), offering)
    checked = check_filing(fiche, filing)
    dossier = create_dossier(agent, applicant, filing, offering, fiche, practice=True)
    for code, upload, purpose in checked:
        store(dossier, code, upload, agent, purpose)
    add_event(dossier, "filed", agent, said=gettext_noop("Practice dossier"))
    record(agent, "dossier.practice_filed", dossier, collectivity=dossier.collectivity)
    return dossier


def answer_as_practice_applicant(agent, dossier: Dossier, files: dict, answer: str = "") -> Dossier:
    """Training mode: the practice applicant answers what the agent asked, so that
    the agent can practise what follows."""
    if not (dossier.practice and selectors.is_agent_of(agent, dossier)):
        raise PermissionDenied(_("You may not act on this dossier."))
    originals = legal.open_request(dossier).kind == RequestKind.ORIGINALS  # seen by the agent
    return answer_request(agent if originals else dossier.applicant, dossier, files, answer)
