"""Businesses: a company by its ICE, registered by someone who proves they represent it; its
members file for it and follow its dossiers; its manager says who the members are."""

import re

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers.states import TransitionRefused
from idara.identity import proofs
from idara.identity.models import Company, CompanyMember
from idara.identity.services import person_by_national_id
from idara.notifications.services import notify

ICE = re.compile(r"^[0-9]{15}$")


@transaction.atomic
def register(person, *, ice: str, name: str, name_ar: str, document) -> Company:
    """The company, with the person as its manager; its proof waits for an agent's check."""
    errors = {}
    if Company.objects.filter(ice=ice).exists():
        errors["ice"] = _("This ICE is already registered: ask its manager to add you.")
    checked = proofs.checked_document(document, errors)
    if errors:
        raise proofs.FieldsRefused(errors)
    company = Company(ice=ice, name=name, name_ar=name_ar)
    proofs.keep_document(company, checked)
    company.save()
    CompanyMember.objects.create(
        company=company, user=person, email=person.email, is_manager=True, added_by=person
    )
    record(person, "company.registered", company, data={"ice": ice})
    return company


def companies_of(user) -> QuerySet[Company]:
    mine = CompanyMember.objects.effective_for(user).values("company_id")
    return Company.objects.filter(pk__in=mine).order_by("name")


def membership(user, company_id) -> CompanyMember | None:
    return (
        CompanyMember.objects.effective_for(user)
        .filter(company_id=company_id)
        .select_related("company")
        .first()
    )


def _managed(manager, company) -> None:
    found = membership(manager, company.pk)
    if found is None or not found.is_manager:
        raise TransitionRefused(_("Only the company's manager says who its members are."))


@transaction.atomic
def add_member(manager, company, *, national_id, email, full_name, full_name_ar) -> CompanyMember:
    """The person of that CNIE and e-mail acts for the company, once their account holds both
    (a sign-up proves the e-mail)."""
    _managed(manager, company)
    person = person_by_national_id(
        manager, national_id=national_id, full_name=full_name, full_name_ar=full_name_ar
    )
    member, created = CompanyMember.objects.get_or_create(
        company=company, user=person, defaults={"added_by": manager, "email": email.lower()}
    )
    if created:
        record(manager, "company.member_added", company, data={"member": person.pk})
    return member


@transaction.atomic
def remove_member(manager, member: CompanyMember) -> None:
    """They no longer file for it nor see its dossiers; the manager stays."""
    _managed(manager, member.company)
    if member.is_manager:
        raise TransitionRefused(_("The manager stays a member."))
    record(manager, "company.member_removed", member.company, data={"member": member.user_id})
    member.delete()


def check(agent, company: Company, *, valid: bool, reason: str = "") -> None:
    proofs.record_check(agent, company, valid=valid, reason=reason)
    if not valid:
        for manager in CompanyMember.objects.filter(company=company, is_manager=True):
            notify(
                manager.user,
                _("Idara: the proof for your company was refused"),
                _("The agent refused the proof that you represent %(company)s: %(reason)s")
                % {"company": company.name, "reason": reason},
            )
