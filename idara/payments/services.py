"""Paying a dossier's fee. Every change is audited and written on the dossier's history."""

import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers import selectors as dossier_selectors
from idara.dossiers.services import add_event
from idara.dossiers.states import TransitionRefused
from idara.payments.models import Method, Payment, PaymentStatus
from idara.payments.providers import NotFromTheProvider, provider
from idara.payments.selectors import amount_due, paid


def start_online_payment(applicant, dossier) -> Payment:
    """A pending payment of the fee due, for the applicant to pay with the provider."""
    if dossier.applicant_id != applicant.pk:
        raise PermissionDenied(_("You may not act on this dossier."))
    if provider() is None:
        raise TransitionRefused(_("Fees are not paid online here yet: pay at the bureau's till."))
    amount = amount_due(dossier)
    if amount is None:
        raise TransitionRefused(_("There is nothing to pay online for this dossier."))
    with transaction.atomic():
        payment = Payment.objects.create(
            dossier=dossier,
            amount_mad=amount,
            method=Method.ONLINE,
            provider=provider().name,
            reference=secrets.token_urlsafe(18),
        )
        record(applicant, "payment.started", dossier, collectivity=dossier.collectivity)
    return payment


def settle(params) -> Payment:
    """The provider's callback: paid or not. Refused unless the provider proves it sent it,
    or if the amount it names is not the payment's; a second callback changes nothing."""
    try:
        outcome = provider().outcome(params)
    except NotFromTheProvider:
        raise PermissionDenied(_("This confirmation does not come from the payment provider."))
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .select_related("dossier")
            .get(reference=outcome.reference, provider=provider().name)
        )
        if payment.status != PaymentStatus.PENDING:
            return payment
        if outcome.amount and Decimal(outcome.amount) != payment.amount_mad:
            raise PermissionDenied(_("The amount confirmed is not the amount due."))
        if outcome.paid and paid(payment.dossier) is None:
            _mark_paid(payment, None)
        else:
            payment.status = PaymentStatus.FAILED
            payment.save(update_fields=["status"])
    return payment


def record_counter_payment(agent, dossier, amount, counter_receipt: str) -> Payment:
    """The applicant paid at the bureau's till: the agent records the till's receipt."""
    if not dossier_selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    counter_receipt = (counter_receipt or "").strip()
    if not counter_receipt:
        raise TransitionRefused(_("Enter the number of the till's receipt."))
    if amount is None or amount < 0:
        raise TransitionRefused(_("Enter the amount paid, in dirhams."))
    with transaction.atomic():
        if paid(dossier) is not None:
            raise TransitionRefused(_("The fee of this dossier is already paid."))
        payment = Payment.objects.create(
            dossier=dossier,
            amount_mad=amount,
            method=Method.COUNTER,
            reference=secrets.token_urlsafe(18),
            counter_receipt=counter_receipt,
        )
        _mark_paid(payment, agent)
    return payment


def _mark_paid(payment: Payment, agent) -> None:
    payment.status, payment.paid_at, payment.recorded_by = PaymentStatus.PAID, timezone.now(), agent
    payment.save(update_fields=["status", "paid_at", "recorded_by"])
    dossier = payment.dossier
    with translation.override(dossier.applicant.preferred_language):
        note = _("Fee paid: %(amount)s MAD (%(method)s)") % {
            "amount": payment.amount_mad,
            "method": payment.get_method_display(),
        }
    add_event(dossier, "paid", agent, note)
    record(
        agent,
        "payment.paid",
        dossier,
        collectivity=dossier.collectivity,
        data={"amount": str(payment.amount_mad), "method": payment.method},
    )
