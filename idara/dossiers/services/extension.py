"""R6: the one extension of a deadline."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers import selectors
from idara.dossiers.models import Dossier, ExtensionKind, Status
from idara.dossiers.services.messages import notify_change
from idara.dossiers.services.moves import add_event, not_decided_by_silence, set_due_on
from idara.dossiers.states import TransitionRefused


def extend(agent, dossier: Dossier, kind: str, days: int, reason: str) -> Dossier:
    """R6 (art. 17): "One extension, only where the act is listed as needing a technical
    expertise or a public enquiry, no longer than that needs; the user is told the new date."
    The agent gives the kind, the days (at most what the fiche allows) and the reason."""
    if not dossier.extension_allowed_days:
        raise TransitionRefused(_("The procedure allows no extension."))
    if dossier.extension_days:
        raise TransitionRefused(_("The deadline was already extended once."))
    if kind not in ExtensionKind.values:
        raise TransitionRefused(
            _("Say what the extension is for: a technical expertise or a public enquiry.")
        )
    if not isinstance(days, int) or not 1 <= days <= dossier.extension_allowed_days:
        raise TransitionRefused(
            _("An extension is of 1 to %(n)s days for this procedure.")
            % {"n": dossier.extension_allowed_days}
        )
    if not (reason or "").strip():
        raise TransitionRefused(_("Write the reason for the extension."))
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    not_decided_by_silence(dossier)
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.status not in (Status.SUBMITTED, Status.IN_REVIEW):
            raise TransitionRefused(_("Only an open dossier's deadline can be extended."))
        dossier.extension_kind, dossier.extension_days = kind, days
        dossier.extension_reason = reason.strip()
        dossier.extension_notified_on = timezone.localdate()  # the message below goes today
        set_due_on(dossier)
        dossier.save()
        add_event(dossier, "extended", agent, reason.strip())
        record(
            agent,
            "dossier.extended",
            dossier,
            collectivity=dossier.collectivity,
            data={"kind": kind, "days": days, "due_on": str(dossier.due_on)},
        )
        notify_change(dossier, "extended")
    return dossier
