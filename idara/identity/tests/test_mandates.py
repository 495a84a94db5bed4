"""Acting for someone else: an architect files for the owner under a mandate (their order
number), follows the dossier beside them; the owner, once their CNIE matches and the receipt's
code typed, sees it in their own space; the agent checks the mandate before any decision;
either person withdraws it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string

from idara.accounts.models import User
from idara.conftest import make_user, staff_login
from idara.dossiers import decision_checks
from idara.dossiers.models import Dossier
from idara.dossiers.receipts import receipt_context
from idara.dossiers.services import file_dossier
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import (
    DEMOLITION_DATA,
    DEMOLITION_DOCUMENT,
    demolition_filing,
    pdf_file,
)
from idara.identity import mandates, proofs
from idara.identity.models import MandateState
from idara.identity.tests.test_sign_up import FORM, _sign_up, _sms_code
from idara.notifications.models import Message

pytestmark = pytest.mark.django_db

OWNER = {
    "kind": "architect",
    "national_id": FORM["national_id"],
    "full_name_ar": FORM["full_name_ar"],
    "full_name": FORM["full_name"],
    "order_number": "ARC-1234",
}


@pytest.fixture
def architect(client):
    person = make_user("architecte@example.ma", full_name="Karim Alaoui")
    client.force_login(person)
    return person


def _file_for_the_owner(client, offered, mandate):
    offering = offered.offerings.get(procedure__slug="permis-demolir")
    post = DEMOLITION_DATA | {"for": str(mandate.pk), "filing_token": "architect-1"}
    post[f"doc-{DEMOLITION_DOCUMENT}"] = pdf_file()
    slug, code = offering.procedure.slug, offering.collectivity.code
    return client.post(f"/fr/procedures/{slug}/file/?collectivity={code}", post)


def test_an_architect_files_for_the_owner_who_then_sees_it(client, offered, architect):
    client.post("/fr/account/mandates/", OWNER)
    mandate = mandates.in_force_for(architect).get()
    assert (mandate.state, mandate.order_number) == (MandateState.TO_CHECK, "ARC-1234")
    form = client.get(f"/fr/procedures/permis-demolir/file/?collectivity={offered.code}")
    assert "Pour qui déposez-vous" in form.content.decode()
    response = _file_for_the_owner(client, offered, mandate)
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/fr/my/dossiers/{dossier.pk}/"  # the architect follows it
    assert (dossier.applicant.national_id, dossier.filed_by, dossier.mandate) == (
        "BK123456",
        architect,
        mandate,
    )
    receipt = render_to_string("dossiers/receipt_pdf.html", receipt_context(dossier.receipt))
    assert "Salma Idrissi" in receipt and "Karim Alaoui" in receipt and "ARC-1234" in receipt
    assert dossier.claim_code in receipt
    for decision in ("documents/issued_pdf.html", "permits/permit_pdf.html"):  # both named
        drawn = render_to_string(
            decision, {"dossier": dossier, "version": dossier.procedure_version}
        )
        assert "Salma Idrissi" in drawn and "Karim Alaoui" in drawn, decision

    client.logout()
    link = _sign_up(client)  # the owner opens their account with the same CNIE
    client.post(link, {"action": "code", "code": _sms_code("+212661234567")})
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 404  # the code first
    client.post("/fr/account/claim/", {"code": dossier.claim_code})
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 200
    owner = User.objects.get(email=FORM["email"].lower())
    assert "agit pour vous" in client.get("/fr/account/mandates/").content.decode()

    mandates.withdraw(owner, mandate)  # the owner ends it: the architect sees no more
    client.force_login(architect)
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 404
    assert not mandates.in_force_for(architect).exists()


def test_both_are_told_while_the_mandate_is_in_force(client, offered, architect):
    client.post("/fr/account/mandates/", OWNER)
    _file_for_the_owner(client, offered, mandates.in_force_for(architect).get())
    told = {m.recipient for m in Message.objects.filter(about=Dossier.objects.get().reference)}
    assert "architecte@example.ma" in told


def test_no_decision_before_the_agent_checks_the_mandate(client, offered, architect, agent):
    client.post("/fr/account/mandates/", OWNER)
    mandate = mandates.in_force_for(architect).get()
    _file_for_the_owner(client, offered, mandate)
    dossier = Dossier.objects.get()
    with pytest.raises(TransitionRefused, match="mandat"):
        decision_checks.check(dossier, "accept")
    outsider = make_user("other-agent@example.ma")
    assert not proofs.may_check(outsider, mandate)
    staff_login(client, agent)
    page = client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").content.decode()
    assert "Déposé sous mandat" in page and "ARC-1234" in page
    client.post(f"/fr/backoffice/dossiers/{dossier.pk}/proof/check/", {"valid": "yes"})
    mandate.refresh_from_db()
    assert (mandate.state, mandate.checked_by) == (MandateState.CHECKED, agent)
    decision_checks.check(Dossier.objects.get(), "accept")  # nothing stops it now


def test_a_refused_mandate_says_why_to_the_representative(client, offered, architect, agent):
    client.post("/fr/account/mandates/", OWNER)
    mandate = mandates.in_force_for(architect).get()
    _file_for_the_owner(client, offered, mandate)
    dossier = Dossier.objects.get()
    with pytest.raises(TransitionRefused):
        mandates.check(agent, mandate, valid=False, reason="trop court")
    reason = "Ce numéro n’est pas inscrit au tableau de l’Ordre."
    mandates.check(agent, mandate, valid=False, reason=reason)
    told = [m for m in Message.objects.all() if m.recipient == "architecte@example.ma"]
    assert any(reason in m.body for m in told)
    client.force_login(architect)
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "said"),
    [
        ({"order_number": ""}, "order_number", "numéro d’inscription"),
        ({"kind": "parent", "order_number": ""}, "document", "Joignez le document"),
        ({"national_id": "AB99"}, "national_id", "votre propre numéro"),
    ],
)
def test_a_mandate_needs_its_proof(client, architect, changes, field, said):
    architect.national_id = "AB99"
    architect.save()
    response = client.post("/fr/account/mandates/", OWNER | changes)
    assert said in response.content.decode()
    assert not mandates.of_person(architect).exists()


def test_a_parent_gives_the_family_record_book(client, architect):
    client.post(
        "/fr/account/mandates/", OWNER | {"kind": "parent", "document": pdf_file("livret.pdf")}
    )
    mandate = mandates.in_force_for(architect).get()
    assert mandate.document and len(mandate.document_sha256) == 64


def test_nobody_files_under_someone_elses_mandate(client, offered, architect, citizen):
    client.post("/fr/account/mandates/", OWNER)
    mandate = mandates.in_force_for(architect).get()
    with pytest.raises(PermissionDenied):
        file_dossier(citizen, mandate.represented, demolition_filing(offered, mandate=mandate))
    client.force_login(citizen)
    _file_for_the_owner(client, offered, mandate)  # the choice is not theirs: for themselves
    assert Dossier.objects.get().applicant == citizen


def test_only_its_two_persons_withdraw_a_mandate(client, architect, citizen):
    client.post("/fr/account/mandates/", OWNER)
    mandate = mandates.in_force_for(architect).get()
    client.force_login(citizen)
    response = client.post(f"/fr/account/mandates/{mandate.pk}/withdraw/")
    assert response.status_code == 404
    mandate.refresh_from_db()
    assert mandate.in_force
    with pytest.raises(TransitionRefused):
        mandates.withdraw(citizen, mandate)
