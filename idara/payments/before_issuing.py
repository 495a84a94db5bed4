"""The fee before the document: an application with a fee is accepted, and its document
issued, once the fee is paid, online or at the till. Registered with the dossiers' decision
checks; a silence that accepts does not wait for it (decree 2-22-141 art. 3 keeps the fee due)."""

from django.utils.translation import gettext as _

from idara.catalog.templatetags.fiches import mad
from idara.dossiers.states import TransitionRefused
from idara.payments.selectors import is_settled


def check_fee_paid(dossier, action: str) -> None:
    if action != "accept" or dossier.fee_mad is None or dossier.practice or is_settled(dossier):
        return
    raise TransitionRefused(
        _(
            "The fee of %(amount)s MAD is not paid yet: the application is accepted, and its "
            "document issued, once it is paid online or at the till."
        )
        % {"amount": mad(dossier.fee_mad)}
    )
