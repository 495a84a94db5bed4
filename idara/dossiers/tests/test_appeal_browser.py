"""R9 (Law 55-19 art. 21) in a real browser: a citizen refused a shop licence appeals to the
president, refers the appeal to the governor once the president's 15 days have passed, and
sees each date; the governor's agent records the letter to the president. In Arabic on a
phone without JavaScript, and in French on a laptop with it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from idara.accounts.models import Role
from idara.catalog import selectors as catalog
from idara.conftest import current_code, enrol_second_factor, make_user
from idara.dossiers import selectors, services
from idara.dossiers.models import Dossier
from idara.dossiers.services.appeals import appeals_service
from idara.dossiers.tests.helpers import GROCERY, SHOP, pdf_bytes, pdf_file
from idara.territories.models import ServiceKind
from idara.tests.signing_in import sign_in
from idara.tests.travel import on
from idara.tests.words import words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUNDS = "Le local est conforme : le rapport d'hygiène de 2025 joint le montre."


@pytest.fixture
def refused(shop_offered, commune, citizen):
    """A grocery's licence refused by the commune, after the hygiene bureau's opinion."""
    economic = commune.services.get(kind=ServiceKind.ECONOMIC_AFFAIRS)
    version = shop_offered
    files = {
        d.code: pdf_file() for d in version.documents.all() if d.mandatory and not d.required_when
    }
    filing = services.Filing(catalog.procedure(SHOP), commune, dict(GROCERY), files)
    dossier = services.file_dossier(citizen, citizen, filing)[0]
    hygiene = make_user(
        "hygiene@commune.ma", Role.AGENT, service=commune.services.get(kind="hygiene")
    )
    services.answer_opinion(
        hygiene,
        dossier.opinions.get(asked_service__kind="hygiene"),
        "Local insalubre.",
        "unfavourable",
    )
    agent = make_user("eco@commune.ma", Role.AGENT, service=economic)
    return services.refuse(
        agent, dossier, "Avis défavorable du bureau d'hygiène : local insalubre."
    )


@pytest.mark.parametrize(
    "language, width, javascript",
    [("ar", 375, False), ("fr", 1280, True)],
    ids=["arabic-phone-without-javascript", "french-laptop"],
)
def test_an_appeal_to_the_president_then_to_the_governor(
    new_page, live_server, refused, commune, screenshot, language, width, javascript
):
    say = words_in(language)
    base = live_server.url
    citizen = new_page(width, javascript=javascript)
    sign_in(citizen, base, language, "amina@example.ma")
    citizen.goto(f"{base}/{language}/my/dossiers/{refused.pk}/")
    history = citizen.locator(".timeline")
    expect(history).to_contain_text(say("Online"))  # how it was filed, in the page's language
    expect(history).not_to_contain_text("Local insalubre.")  # issue 25: the opinion is internal
    expect(history).not_to_contain_text(commune.services.get(kind="hygiene").name)
    route = citizen.locator("#appeal-title + p + p")
    expect(route).to_contain_text(commune.name_ar if language == "ar" else commune.name_fr)
    citizen.get_by_label(say("Grounds of your appeal")).fill(GROUNDS)
    citizen.get_by_role("button", name=say("Send my appeal")).click()
    expect(citizen.locator(".messages")).to_contain_text(
        say("Your appeal was received. Here is its receipt.")
    )
    appeal = Dossier.objects.get(appeal_of=refused)
    assert appeal.collectivity == commune
    due = selectors.legal_view(appeal).due
    expect(citizen.locator("main")).to_contain_text(due.isoformat())
    expect(
        citizen.get_by_role("button", name=say("Refer my appeal to the governor"))
    ).to_have_count(0)
    screenshot(citizen, f"appeal-{language}-{width}")

    with on(due + timedelta(days=1)):
        sign_in(citizen, base, language, "amina@example.ma")
        citizen.goto(f"{base}/{language}/my/dossiers/{appeal.pk}/")
        citizen.get_by_role("button", name=say("Refer my appeal to the governor")).click()
        expect(citizen.locator(".messages")).to_contain_text(
            say("Your appeal was referred to the wali or governor.")
        )
        today = timezone.localdate().isoformat()
        expect(citizen.locator("main")).to_contain_text(today)
        expect(citizen.locator("main")).to_contain_text(
            say("The president's 10 days start from the wali's or governor's letter.")
        )
        screenshot(citizen, f"appeal-escalated-{language}-{width}")

        governor = make_user(
            f"governor-{language}@province.ma",
            Role.AGENT,
            service=appeals_service(commune.parent),
        )
        device = enrol_second_factor(governor)
        agent = new_page(width, javascript=javascript)
        sign_in(agent, base, language, governor.email)
        agent.get_by_label(say("Code")).fill(current_code(device))
        agent.get_by_role("button", name=say("Confirm")).click()
        agent.goto(f"{base}/{language}/backoffice/dossiers/")
        agent.get_by_role("link", name=appeal.reference).click()
        agent.get_by_label(say("The letter's number")).fill("2026/117")
        agent.get_by_label(say("The letter's date")).fill(today)
        letter = pdf_bytes(b"lettre au president")
        agent.get_by_label(say("The letter (PDF)")).set_input_files(
            files=[{"name": "lettre.pdf", "mimeType": "application/pdf", "buffer": letter}]
        )
        agent.get_by_role("button", name=say("Record the letter to the president")).click()
        expect(agent.locator(".messages")).to_contain_text(
            say("The letter is recorded: the president has 10 days.")
        )
        citizen.goto(f"{base}/{language}/my/dossiers/{appeal.pk}/")
        expect(citizen.locator("main")).to_contain_text("2026/117")
        president_due = selectors.legal_view(Dossier.objects.get(pk=appeal.pk)).due
        expect(citizen.locator("main")).to_contain_text(president_due.isoformat())
        screenshot(citizen, f"appeal-letter-{language}-{width}")
