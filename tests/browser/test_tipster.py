"""A tipster sends a story tip in Norwegian: a mistake first, then successfully."""

import re
import time

import pytest
from playwright.sync_api import expect

from stories.models import Tip
from tests.browser.conftest import wait_until_a_person_could_have_filled_it

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORY = (
    "Vi har fulgt elgen over grensen i fire år.\n\n"
    "Nå vet vi hvor trekkrutene går, og kommunene på begge sider planlegger sammen."
)


def test_a_tipster_corrects_a_mistake_and_sends_a_tip(sized_page, tip_form, mailoutbox):
    page = sized_page
    page.goto("/")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Tips oss"
    ).click()
    expect(page).to_have_url(re.compile(r"/tips-oss/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tips oss")
    shown_at = time.monotonic()

    name = page.get_by_label(re.compile(r"^Navn"))
    email = page.get_by_label(re.compile(r"^E-post"))
    story = page.get_by_label(re.compile(r"^Hva handler historien om\?"))
    consent = page.get_by_label(re.compile(r"^Jeg samtykker"))
    name.fill("Kari Nordmann")
    email.fill("kari.nordmann.example.no")  # no @: a typo
    page.get_by_label("Prosjektnavn eller akronym").fill("GRENSEVILT")
    page.get_by_label(re.compile(r"^Interreg-program")).fill("Interreg Sverige-Norge")
    story.fill(STORY)
    # The consent box is left unticked.
    page.get_by_role("button", name="Send tipset").click()

    # The form comes back with a summary of what to fix, in Norwegian.
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Se over skjemaet")
    problems = summary.get_by_role("link")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text(
        re.compile(r"^E-post: .*gyldig e-?post-?adresse", re.I)
    )
    expect(problems.nth(1)).to_contain_text("Jeg samtykker")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(consent).to_have_attribute("aria-invalid", "true")
    # Nothing the tipster wrote is lost, and nothing was stored.
    expect(name).to_have_value("Kari Nordmann")
    expect(story).to_have_value(STORY)
    assert not Tip.objects.exists()

    # The summary's link takes the tipster to the field to fix.
    problems.nth(0).click()
    expect(email).to_be_focused()
    email.fill("kari@example.no")
    consent.check()
    wait_until_a_person_could_have_filled_it(shown_at)
    page.get_by_role("button", name="Send tipset").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for tipset")
    expect(
        page.get_by_text("Tipset ditt er kommet fram til redaksjonen")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Gå til forsiden")).to_be_visible()
    tip = Tip.objects.get()
    assert tip.language == "nb"
    assert tip.name == "Kari Nordmann"
    assert tip.email == "kari@example.no"
    assert tip.project == "GRENSEVILT"
    assert tip.status == Tip.Status.NEW
    # The editors hear of it.
    assert any("interreg@pkom.no" in message.to for message in mailoutbox)
