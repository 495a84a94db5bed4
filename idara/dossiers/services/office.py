"""The back office's own acts: who handles a dossier, a word to the applicant, the calendar."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from idara.accounts.models import Membership, Role
from idara.accounts.selectors import is_national_supervisor
from idara.audit.services import record
from idara.dossiers import selectors
from idara.dossiers.models import OPEN_STATUSES, Dossier, HolidayOverride
from idara.dossiers.services.messages import tell_applicant
from idara.dossiers.services.moves import add_event, refresh_due_date
from idara.dossiers.states import TransitionRefused


def assign(actor, dossier: Dossier, agent) -> Dossier:
    """An agent takes a dossier of their service; its head gives it to any of its agents."""
    own_service = Membership.objects.filter(user=actor, service_id=dossier.service_id)
    if not own_service.exists():
        raise PermissionDenied(_("You may not act on this dossier."))
    is_head = own_service.filter(role=Role.HEAD_OF_SERVICE).exists()
    if agent.pk != actor.pk and not is_head:
        raise PermissionDenied(_("Only the head of service gives a dossier to someone else."))
    if not Membership.objects.filter(user=agent, service_id=dossier.service_id).exists():
        raise TransitionRefused(_("This person does not work in the dossier's service."))
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(assigned_to=agent)
        dossier.refresh_from_db()
        add_event(dossier, "assigned", actor, agent.full_name or agent.email)
        record(
            actor,
            "dossier.assigned",
            dossier,
            collectivity=dossier.collectivity,
            data={"to": agent.pk},
        )
    return dossier


def write_to_applicant(agent, dossier: Dossier, text: str) -> Dossier:
    """A message to the applicant: on the dossier's history, and sent to them."""
    text = (text or "").strip()
    if not text:
        raise TransitionRefused(_("Write the message."))
    if not selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    with transaction.atomic():
        add_event(dossier, "message", agent, text)
        record(agent, "dossier.message", dossier, collectivity=dossier.collectivity)
        if not dossier.practice:
            with translation.override(dossier.applicant.preferred_language):
                subject = _("Your application %(reference)s") % {"reference": dossier.reference}
            tell_applicant(dossier, subject, text)
    return dossier


@transaction.atomic
def set_holiday(actor, day, *, observed: bool, name: str, reason: str = "") -> HolidayOverride:
    """The national supervisor adds the day a holiday was observed, or removes an estimated one
    (Islamic holidays follow the moon sighting). Open dossiers' due dates follow at once."""
    if not is_national_supervisor(actor):
        raise PermissionDenied(_("Only the national supervisor edits the calendar."))
    if not name.strip():
        raise TransitionRefused(_("Name the holiday."))
    override, _created = HolidayOverride.objects.update_or_create(
        day=day, defaults={"observed": observed, "name": name.strip(), "reason": reason.strip()}
    )
    record(
        actor,
        "calendar.holiday_set",
        override,
        data={"day": day.isoformat(), "observed": observed, "name": name},
    )
    for dossier in Dossier.objects.filter(
        status__in=OPEN_STATUSES, filed_on__lte=day, filed_on__gte=day - timedelta(days=366)
    ):
        refresh_due_date(dossier)
    return override
