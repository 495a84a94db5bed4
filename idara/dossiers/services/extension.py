"""R6: the one extension of a deadline."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers import selectors
from idara.dossiers.models import Dossier, Status
from idara.dossiers.services.messages import notify_change
from idara.dossiers.services.moves import add_event, not_decided_by_silence, set_due_on
from idara.dossiers.states import TransitionRefused


def extend(agent, dossier: Dossier, reason: str) -> Dossier:
    """LAW.md: "One extension (where the fiche allows it) adds its days once ... with a
    written reason." """
    if not dossier.extension_allowed_days:
        raise TransitionRefused(_("The procedure allows no extension."))
    if dossier.extension_days:
        raise TransitionRefused(_("The deadline was already extended once."))
    if not (reason or "").strip():
        raise TransitionRefused(_("Write the reason for the extension."))
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    not_decided_by_silence(dossier)
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.status not in (Status.SUBMITTED, Status.IN_REVIEW):
            raise TransitionRefused(_("Only an open dossier's deadline can be extended."))
        dossier.extension_days, dossier.extension_reason = (
            dossier.extension_allowed_days,
            reason.strip(),
        )
        set_due_on(dossier)
        dossier.save()
        add_event(dossier, "extended", agent, reason.strip())
        record(
            agent,
            "dossier.extended",
            dossier,
            collectivity=dossier.collectivity,
            data={"days": dossier.extension_days, "due_on": str(dossier.due_on)},
        )
        notify_change(dossier, "extended")
    return dossier
