"""R8 (Law 55-19 art. 19, 20; decree 2-22-141) in a real browser: a citizen whose building permit
went unanswered asks the president for the act, then, past his 7 days, asks the governor for the
attestation of the silence; the province's agent records the letter to the president and
delivers the attestation, which the citizen downloads. In Arabic on a phone without JavaScript,
and in French on a laptop with it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from idara.accounts.models import Role
from idara.conftest import current_code, enrol_second_factor, make_user
from idara.dossiers import selectors, services
from idara.dossiers.models import Dossier
from idara.dossiers.services.appeals import appeals_service
from idara.dossiers.tests.helpers import pdf_bytes
from idara.permits.tests.conftest import building_filing
from idara.tests.signing_in import sign_in
from idara.tests.travel import on
from idara.tests.words import words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def permit(offered, applicant) -> Dossier:
    return services.file_dossier(applicant, applicant, building_filing(offered))[0]


@pytest.mark.parametrize(
    "language, width, javascript",
    [("ar", 375, False), ("fr", 1280, True)],
    ids=["arabic-phone-without-javascript", "french-laptop"],
)
def test_the_act_then_the_governors_attestation(
    new_page, live_server, permit, commune, screenshot, language, width, javascript
):
    say = words_in(language)
    base = live_server.url
    mine = f"{base}/{language}/my/dossiers/{permit.pk}/"
    citizen = new_page(width, javascript=javascript)
    silent_on = selectors.legal_view(permit).due + timedelta(days=1)

    with on(silent_on):
        sign_in(citizen, base, language, permit.applicant.email)
        citizen.goto(mine)
        expect(citizen.locator("#act-title")).to_have_text(say("Accepted by silence"))
        citizen.get_by_role("button", name=say("Ask for the act")).click()
        expect(citizen.locator(".messages")).to_contain_text(
            say("Your request for the act was received.")
        )
        act_due = selectors.act_due_on(Dossier.objects.get(pk=permit.pk))
        expect(citizen.locator("main")).to_contain_text(act_due.isoformat())
        expect(
            citizen.get_by_role("button", name=say("Ask the governor for the attestation"))
        ).to_have_count(0)
        screenshot(citizen, f"tacit-act-asked-{language}-{width}")

    with on(act_due + timedelta(days=1)):
        sign_in(citizen, base, language, permit.applicant.email)
        citizen.goto(mine)
        citizen.get_by_role("button", name=say("Ask the governor for the attestation")).click()
        expect(citizen.locator(".messages")).to_contain_text(
            say("Your request for the attestation was received. Here is its receipt.")
        )
        request = Dossier.objects.get(attestation_of=permit)
        assert request.collectivity == commune.parent
        expect(citizen.locator("main")).to_contain_text(request.due_on.isoformat())
        screenshot(citizen, f"tacit-attestation-asked-{language}-{width}")

        governor = make_user(
            f"governor-{language}@province.ma", Role.AGENT, service=appeals_service(commune.parent)
        )
        device = enrol_second_factor(governor)
        agent = new_page(width, javascript=javascript)
        sign_in(agent, base, language, governor.email)
        agent.get_by_label(say("Code")).fill(current_code(device))
        agent.get_by_role("button", name=say("Confirm")).click()
        agent.goto(f"{base}/{language}/backoffice/dossiers/")
        expect(agent.locator("#attestations-title")).to_be_visible()
        agent.get_by_role("link", name=request.reference).click()
        agent.get_by_label(say("The letter's number")).fill("2027/045")
        agent.get_by_label(say("The letter's date")).fill(timezone.localdate().isoformat())
        agent.get_by_label(say("The letter (PDF)")).set_input_files(
            files=[
                {
                    "name": "lettre.pdf",
                    "mimeType": "application/pdf",
                    "buffer": pdf_bytes(b"lettre au president"),
                }
            ]
        )
        agent.get_by_role("button", name=say("Record the letter to the president")).click()
        expect(agent.locator(".messages")).to_contain_text(
            say("The letter is recorded: the attestation cites it.")
        )
        agent.get_by_role("button", name=say("Deliver the attestation")).click()
        expect(agent.locator(".messages")).to_contain_text(
            say("The attestation is delivered: the applicant finds it in their space.")
        )
        screenshot(agent, f"tacit-attestation-delivered-{language}-{width}")

        citizen.goto(mine)
        link = citizen.get_by_role("link", name=say("Attestation of tacit acceptance"))
        pdf = citizen.request.get(base + link.get_attribute("href"))
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF")
