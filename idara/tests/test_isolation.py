"""Nobody sees what is not theirs: every URL that names a private object answers 404 to
whoever may not see it — an agent of another collectivity, another citizen — files and PDFs
included; an anonymous visitor is sent to sign in (pages) or refused (API), never shown it.

The test walks the URL patterns themselves, so a new one that names an object fails here
until it says how it is protected."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from idara.audit.models import AuditEntry
from idara.backoffice.dossier_views import ACTIONS as BACKOFFICE_ACTIONS
from idara.conftest import make_user, staff_login
from idara.dossiers import services
from idara.dossiers.api import ACTIONS as API_ACTIONS
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing

pytestmark = pytest.mark.django_db

# Patterns whose object is public (the catalogue, the territories, verification by code).
PUBLIC = {
    "api:collectivity",
    "api:collectivity_procedures",
    "api:procedure",
    "api:open_data_catalogue",
    "api:verify",
    "verify",
    "portal:collectivity",
    "portal:procedure",
    "portal:file_procedure",
    # The public register of issued permits (what the law makes public, no holder named).
    "permits:register",
    "permits:register_csv",
    # The transparency portal: published figures, budgets and their open data, by design.
    "transparency:region",
    "transparency:scorecard",
    "transparency:budgets",
    "transparency:budget",
    "open_data:scorecard_card",
    "open_data:ranking",
    "open_data:indicators",
    "open_data:law_states",
    "open_data:budget",
    # The audit log's signed checkpoints, published for anyone to keep (docs/security.md).
    "open_audit:checkpoints",
    "api:indicators",
    "api:law_states",
    # A secret of their own opens these: the sign-up's mailed link, the password reset's.
    "identity:sign_up_confirm",
    "identity:password_reset_confirm",
    # ...and the link to confirm a new e-mail, signed for the account that asked it.
    "identity:email_confirm",
    "api:budgets",
    # Other administrations' calls: the exchange gate decides (token, signature, scope,
    # consent); idara/exchange/tests try each refusal.
    "api:exchange_verify",
    "api:exchange_document",
    # A signed, single-use token, not an object id.
    "backoffice:password_reset_confirm",
    # The pages that send the payer to the provider: by a secret payment reference, and only
    # for the payer's own session (civil_status/tests/test_payment_providers.py).
    "payments:sandbox_checkout",
    "payments:cmi_checkout",
}
# Private patterns, with the keyword values that name the victim's object.
DOSSIER_PATTERNS = {
    "api:dossier": {},
    "api:dossier_receipt": {},
    "api:dossier_issued": {"kind": "refusal"},
    "portal:my_dossier": {},
    "portal:my_receipt": {},
    "portal:send_documents": {},
    "portal:withdraw": {},
    "portal:pay": {},
    "portal:appeal": {},
    "portal:escalate": {},
    # R9: the governor's agent records a letter only on an appeal referred to their province.
    "backoffice:governor_letter": {},
    # R8: the act and the attestation, asked by the applicant, answered by the governor's agent.
    "portal:request_act": {},
    "portal:ask_attestation": {},
    "backoffice:attestation_request": {},
    # R11: the applicant approves, disputes or replaces a copy obtained for them.
    "portal:fetched_document": {"fetch_id": 1, "action": "approve"},
    "portal:my_issued_document": {"kind": "refusal"},
    "backoffice:dossier": {},
    "backoffice:dossier_file": {"file_id": "FILE"},
    "portal:my_file": {"file_id": "FILE"},
    # The proof a dossier was filed under (a mandate, a company's): read, checked, by its agents.
    "backoffice:proof_check": {},
    "backoffice:proof_document": {},
}
ACTIONS = {
    "api:dossier_action": list(API_ACTIONS),
    "backoffice:act": list(BACKOFFICE_ACTIONS),
}
COLLECTIVITY_PATTERNS = {
    "backoffice:collectivity_names": {},
    "backoffice:staff": {},
    "backoffice:motivations": {},
    "backoffice:adoption": {},
    "backoffice:remove_staff": {"membership_id": 1},
    "backoffice:offerings": {},
    "backoffice:offering_edit": {"slug": "permis-demolir"},
    "backoffice:budgets": {},
}
SUPERVISOR_PATTERNS = {"backoffice:version_edit": {"slug": "permis-demolir"}}
OPINION_PATTERNS = {"backoffice:opinion"}
REGISTER_PATTERNS = {"backoffice:register", "backoffice:act_new"}
ACT_PATTERNS = {"backoffice:civil_act"}
UPLOAD_PATTERNS = {"api:upload"}
COUNTER_PATTERNS = {"backoffice:counter_file"}
# A citizen's own consent: idara/exchange/tests checks another's cannot be withdrawn.
CONSENT_PATTERNS = {"exchange:revoke"}
# A mandate's two persons alone withdraw it, a company's members alone open its page, its
# manager alone removes a member: idara/identity/tests/test_mandates.py, test_companies.py.
MANDATE_PATTERNS = {
    "identity:mandate_withdraw",
    "identity:company",
    "identity:company_member_remove",
}


def patterns_with_keywords(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else entry.namespace or namespace
            )
            yield from patterns_with_keywords(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.pattern.regex.groupindex:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def test_every_pattern_that_names_an_object_is_accounted_for():
    known = (
        PUBLIC
        | set(DOSSIER_PATTERNS)
        | set(ACTIONS)
        | set(COLLECTIVITY_PATTERNS)
        | set(SUPERVISOR_PATTERNS)
        | OPINION_PATTERNS
        | COUNTER_PATTERNS
        | REGISTER_PATTERNS
        | ACT_PATTERNS
        | UPLOAD_PATTERNS
        | CONSENT_PATTERNS
        | MANDATE_PATTERNS
    )
    assert set(patterns_with_keywords()) == known


@pytest.fixture
def victim_dossier(offered, citizen, agent):
    dossier = file_dossier(citizen, citizen, demolition_filing(offered))[0]
    return services.refuse(agent, dossier, "Le bâtiment est inscrit à l'inventaire du patrimoine.")


@pytest.fixture
def outsiders(other_commune):
    return {
        "agent of another collectivity": make_user(
            "agent@other.ma", "agent", service=other_commune.services.first()
        ),
        "another citizen": make_user("someone@example.ma"),
    }


def dossier_urls(dossier):
    file_id = dossier.files.first().pk
    for name, extra in DOSSIER_PATTERNS.items():
        key = "pk" if name.startswith("api:") else "dossier_id"
        extra = {k: file_id if v == "FILE" else v for k, v in extra.items()}
        yield name, reverse(name, kwargs={key: dossier.pk} | extra)
    for name, actions in ACTIONS.items():
        key = "pk" if name.startswith("api:") else "dossier_id"
        for action in actions:
            yield name, reverse(name, kwargs={key: dossier.pk, "action": action})


def test_a_dossier_is_404_to_everyone_it_is_not_for(client, victim_dossier, outsiders):
    for who, outsider in outsiders.items():
        if outsider.memberships.exists():
            staff_login(client, outsider)
        else:
            client.force_login(outsider)
        for _name, url in dossier_urls(victim_dossier):
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code in (404, 405), (
                    f"{who} {method.__name__} {url}: {response.status_code}"
                )
                assert victim_dossier.reference not in response.content.decode()
        client.logout()
    assert (
        victim_dossier.__class__.objects.get(pk=victim_dossier.pk).status == "refused"
    )  # nothing changed
    for outsider in outsiders.values():  # and every refusal is in the audit log
        refused = AuditEntry.objects.filter(actor_id=outsider.pk, action="access.refused")
        assert refused.count() >= len(list(dossier_urls(victim_dossier)))


def test_an_anonymous_visitor_is_sent_to_sign_in_or_refused(client, victim_dossier):
    for name, url in dossier_urls(victim_dossier):
        for method in (client.get, client.post):
            response = method(url)
            if name.startswith("api:"):
                assert response.status_code in (401, 405), url
            elif response.status_code != 405:  # a POST-only page refuses a GET first
                login = response.get("Location", "")
                assert response.status_code == 302 and "/account/login/?next=" in login, url


def test_a_collectivitys_settings_are_404_to_other_administrators(
    client, catalogue, commune, other_admin
):
    staff_login(client, other_admin)
    for name, extra in COLLECTIVITY_PATTERNS.items():
        url = reverse(name, kwargs={"code": commune.code} | extra)
        assert client.get(url).status_code in (404, 405), url
        assert (
            client.post(url, {"online": "on", "name_fr": "X", "name_ar": "س"}).status_code == 404
        ), url


def test_the_catalogue_editor_is_404_to_everyone_but_the_supervisor(client, catalogue, admin):
    staff_login(client, admin)
    for name, kwargs in SUPERVISOR_PATTERNS.items():
        url = reverse(name, kwargs=kwargs)
        assert client.get(url).status_code == 404 and client.post(url, {}).status_code == 404


def test_an_opinion_is_404_outside_the_asked_service(
    client, victim_dossier, agent, commune, outsiders
):
    opinion = services.ask_opinion(
        agent, victim_dossier, commune.services.get(kind="hygiene"), "Avis ?", 5
    )
    for outsider in [agent, *outsiders.values()]:  # even the asking agent answers nothing here
        staff_login(client, outsider) if outsider.memberships.exists() else client.force_login(
            outsider
        )
        url = reverse("backoffice:opinion", kwargs={"opinion_id": opinion.pk})
        assert (
            client.get(url).status_code == 404
            and client.post(url, {"answer": "x"}).status_code == 404
        )


def test_a_services_counter_is_404_to_other_agents(client, offered, outsiders):
    offering = offered.offerings.filter(online=True).first()
    for outsider in outsiders.values():
        if outsider.memberships.exists():
            staff_login(client, outsider)
        else:
            client.force_login(outsider)
        url = reverse("backoffice:counter_file", kwargs={"offering_id": offering.pk})
        assert client.get(url).status_code == 404 and client.post(url, {}).status_code == 404


def test_a_register_and_its_acts_are_404_outside_the_bureaus_civil_status_service(
    client, commune, other_commune, agent, admin, civil_agent
):
    from idara.civil_status.services import enter_act
    from idara.civil_status.tests.conftest import BIRTH

    act = enter_act(civil_agent, commune, dict(BIRTH))
    outsiders = [
        make_user(
            "civil@other.ma", "agent", service=other_commune.services.get(kind="civil_status")
        ),
        agent,  # the commune's urbanism agent
        admin,  # the commune's administrator: settings, not the register
        make_user("someone@example.ma"),
    ]
    urls = [reverse(name, kwargs={"code": commune.code}) for name in REGISTER_PATTERNS]
    urls += [reverse(name, kwargs={"act_id": act.pk}) for name in ACT_PATTERNS]
    for outsider in outsiders:
        if outsider.memberships.exists():
            staff_login(client, outsider)
        else:
            client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"given_name_fr": "X", "reason": "x"}).status_code == 404, url
        client.logout()
    act.refresh_from_db()
    assert act.given_name_fr == "Amina" and not act.notes.exists()


def test_a_resumable_upload_is_404_to_everyone_but_its_owner(
    client, citizen, outsiders, settings, tmp_path
):
    from idara.documents.resumable import start

    settings.RESUMABLE_UPLOADS_DIR = tmp_path
    upload = start(citizen, 10)
    for outsider in outsiders.values():
        if outsider.memberships.exists():
            staff_login(client, outsider)
        else:
            client.force_login(outsider)
        for name in UPLOAD_PATTERNS:
            url = reverse(name, kwargs={"pk": upload.pk})
            assert client.head(url).status_code == 404, url
            assert client.delete(url).status_code == 404, url
        client.logout()
    upload.refresh_from_db()  # still there: nobody else could delete it
