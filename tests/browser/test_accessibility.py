"""Accessibility in a real browser: axe-core on every kind of public page in both
languages at phone and desktop width (with a screenshot of each), and the tip form
used with the keyboard alone."""

import re
import time

import pytest
from playwright.sync_api import expect

from stories.models import Tip
from tests.browser.conftest import (
    VIEWPORTS,
    axe_problems,
    horizontal_overflow,
    screenshot,
    wait_until_a_person_could_have_filled_it,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# (name, Norwegian address, English address): one page of each kind from the demo site.
PUBLIC_PAGES = [
    ("home", "/", "/en/"),
    ("story-index", "/historier/", "/en/stories/"),
    (
        "story",
        "/historier/slik-fikk-bergen-norges-forste-delingspunkt/",
        "/en/stories/how-bergen-got-norways-first-shared-mobility-hub/",
    ),
    ("project", "/prosjekter/share-north/", "/en/projects/share-north/"),
    ("tip-form", "/tips-oss/", "/en/send-a-tip/"),
    ("search", "/search/?query=delingspunkt", "/en/search/?query=mobility+hub"),
]
SEND_TIP = {"nb": "Send tipset", "en": "Send tip"}


def test_public_pages_have_no_serious_accessibility_problems(open_browser, demo_site):
    """axe-core finds nothing serious or critical, and nothing makes a phone reader
    scroll sideways (WCAG 1.4.10, which axe does not check). Every page is also
    photographed at both widths into test-artifacts/screenshots/."""
    problems = []
    for viewport in VIEWPORTS:
        visitor = open_browser(viewport)
        page = visitor.page
        for name, *addresses in PUBLIC_PAGES:
            for language, address in zip(("nb", "en"), addresses, strict=True):
                label = f"{language} {name} ({viewport}, {address})"
                response = page.goto(address)
                shown_at = time.monotonic()
                assert response.status == 200, label
                expect(page.locator("html")).to_have_attribute("lang", language)
                expect(page.get_by_role("heading", level=1)).to_be_visible()
                if name == "search":
                    expect(page.locator(".search-results__item").first).to_be_visible()
                problems += check_page(page, label, viewport)
                screenshot(page, f"{language}-{name}-{viewport}")

                if name == "tip-form":
                    # The same form showing its errors: sent empty (after the
                    # moment a person needs, so only the field errors show).
                    wait_until_a_person_could_have_filled_it(shown_at)
                    page.get_by_role("button", name=SEND_TIP[language]).click()
                    expect(page.get_by_role("alert")).to_be_visible()
                    page.wait_for_load_state()
                    label = f"{language} tip form with errors ({viewport}, {address})"
                    problems += check_page(page, label, viewport)
                    screenshot(page, f"{language}-tip-form-errors-{viewport}")
        assert not visitor.page_errors, visitor.page_errors
    assert not Tip.objects.exists()
    assert not problems, "\n".join(problems)


def check_page(page, label, viewport):
    problems = axe_problems(page, label)
    if viewport == "phone" and (overflow := horizontal_overflow(page)):
        problems.append(
            f"{label}: reflow (WCAG 1.4.10): the page is {overflow}px wider than "
            f"the 390px window; the reader must scroll sideways"
        )
    return problems


def test_the_tip_form_can_be_sent_with_the_keyboard_alone(open_browser, tip_form):
    page = open_browser("desktop").page
    page.goto("/tips-oss/")
    shown_at = time.monotonic()

    def focused():
        return page.evaluate(
            "() => { const e = document.activeElement;"
            " return {name: e.name || e.id || e.tagName, tag: e.tagName,"
            " outline: getComputedStyle(e).outlineStyle}; }"
        )

    def tab_to(field_name):
        page.keyboard.press("Tab")
        now = focused()
        assert now["name"] == field_name, f"Tab went to {now}, not to {field_name}"
        # Whoever uses the keyboard sees where they are.
        assert now["outline"] != "none", f"no visible focus on {field_name}"

    # The first Tab shows the skip link; it leads past the menus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til innholdet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    tab_to("name")
    page.keyboard.type("Kari Nordmann")
    tab_to("email")
    page.keyboard.type("kari@example.no")
    tab_to("organisation")
    page.keyboard.type("Innlandet fylkeskommune")
    tab_to("project")
    page.keyboard.type("GRENSEVILT")
    tab_to("programme")
    tab_to("story")
    page.keyboard.type("Vi har fulgt elgen over grensen i fire år.")
    page.keyboard.press("Enter")
    page.keyboard.type("Resultatene er klare.")
    tab_to("link")
    tab_to("consent")
    page.keyboard.press("Space")
    expect(page.get_by_label(re.compile(r"^Jeg samtykker"))).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send tipset")).to_be_focused()
    wait_until_a_person_could_have_filled_it(shown_at)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for tipset")
    tip = Tip.objects.get()
    assert tip.name == "Kari Nordmann"
    assert tip.summary.splitlines() == [
        "Vi har fulgt elgen over grensen i fire år.",
        "Resultatene er klare.",
    ]
    assert tip.form_data["consent"]
