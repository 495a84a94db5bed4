from idara.payments.models import Payment, PaymentStatus


def paid(dossier) -> Payment | None:
    return dossier.payments.filter(status=PaymentStatus.PAID).first()


def is_settled(dossier) -> bool:
    """Nothing to pay (a free procedure), or paid."""
    return dossier.fee_mad == 0 or paid(dossier) is not None


def amount_due(dossier):
    """What the applicant pays online; None when only the counter can settle it (a fee set by
    a formula, or not published)."""
    if dossier.fee_mad is None or dossier.fee_mad == 0 or paid(dossier):
        return None
    return dossier.fee_mad
