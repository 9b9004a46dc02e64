"""The admin in Norwegian as Chromium shows it: what scripts write after the page
has loaded (wagtail-localize's React translation editor, the texts Wagtail writes
without gettext) is Norwegian too."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from tests.admin.ui_text import english_ui_text, what_people_wrote
from tests.browser.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("role", ["translator", "editor"])
def test_the_translation_editor_and_the_dashboard_are_norwegian_in_the_browser(
    open_browser, content, english, people, role
):
    user = people[role]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nb"
    profile.save()
    page = open_browser("desktop").page
    log_in(page, user.username)
    problems = []

    # The dashboard: the search form's button for screen readers.
    expect(page.locator(".w-sr-only input[type=submit]").first).to_have_value("Søk")

    # The explorer: the name of its header's buttons.
    page.goto(f"/admin/pages/{content['story_index'].pk}/")
    expect(page.locator("nav#w-slim-header-buttons")).to_have_attribute(
        "aria-label", "Handlinger"
    )
    problems += english_ui_text(page.content(), what_people_wrote())

    english_story = content["story"].get_translation(english)
    page.goto(f"/admin/pages/{english_story.pk}/edit/")
    editor = page.locator(".js-translation-editor")
    expect(
        editor.get_by_text("Oversettelse fra norsk bokmål til engelsk").first
    ).to_be_visible()
    expect(editor.get_by_role("link", name="Last ned PO-fil").first).to_be_visible()
    expect(editor.get_by_role("button", name="Last opp PO-fil").first).to_be_visible()
    if role == "editor":
        # Those who may publish get wagtail-localize's publish button.
        expect(page.get_by_role("button", name="Publiser på engelsk")).to_be_visible()
    problems += english_ui_text(page.content(), what_people_wrote())

    # Every tab of the editor, as the translator opens it.
    for tab in page.get_by_role("tab").all():
        tab.click()
        problems += [
            text
            for text in english_ui_text(page.content(), what_people_wrote())
            if text not in problems
        ]

    assert not problems, problems
    assert re.search(r"/admin/pages/\d+/edit/$", page.url)
