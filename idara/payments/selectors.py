from idara.payments.models import Method, Payment, PaymentStatus


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


def last_attempt_not_paid(dossier) -> Payment | None:
    """The applicant's last online payment, when it came back cancelled or refused and the fee
    is still due: the page says so, and that nothing was taken."""
    if paid(dossier):
        return None
    last = dossier.payments.filter(method=Method.ONLINE).order_by("-pk").first()
    return last if last is not None and last.status == PaymentStatus.FAILED else None
