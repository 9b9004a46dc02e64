"""From a reader's tip to a published story in both languages, through the admin.

A tipster sends a tip; an editor finds it, makes the draft story, writes a
paragraph, an image and a quote into it and submits it; a moderator approves and
publishes it; a translator translates it into English in wagtail-localize's
editor and sends it for review; the moderator approves; the English story is on
the site and in the API. Then a translator corrects a live translation: readers
keep the approved text until a moderator approves the correction. Every step is
clicks and typing in Chromium, in the Norwegian admin (the default admin language),
and no screen on the way shows English UI text.
"""

import re
import time

import pytest
from playwright.sync_api import expect
from wagtail.models import Collection

from stories.models import StoryPage, Tip
from tests.admin.ui_text import english_ui_text, what_people_wrote
from tests.browser.conftest import (
    expect_saved,
    log_in,
    wait_for_autosave,
    wait_until_a_person_could_have_filled_it,
)
from tests.factories import ImageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIP = "Vi har fulgt elgen over grensen i fire år.\n\nResultatene er klare."
TITLE = "Elgen krysser grensen"
PARAGRAPH = "Forskerne merket 40 elger med GPS-halsbånd."
ALT_TEXT = "En elg med GPS-halsbånd i granskogen"
QUOTE = "Elgen bryr seg ikke om grensen."
ATTRIBUTION = "Ingrid Haug, Høgskolen i Innlandet"
IMAGE_TITLE = "Elg ved riksgrensen"
ENGLISH = {
    TITLE: "The moose crosses the border",
    "Vi har fulgt elgen over grensen i fire år. Resultatene er klare.": (
        "We have followed the moose across the border for four years. "
        "The results are clear."
    ),
    "Vi har fulgt elgen over grensen i fire år.": (
        "We have followed the moose across the border for four years."
    ),
    "Resultatene er klare.": "The results are clear.",
    PARAGRAPH: "The researchers fitted 40 moose with GPS collars.",
    ALT_TEXT: "A moose with a GPS collar in the spruce forest",
    QUOTE: "The moose does not care about the border.",
    ATTRIBUTION: "Ingrid Haug, Inland Norway University of Applied Sciences",
}
ENGLISH_URL = "/en/stories/the-moose-crosses-the-border/"


@pytest.fixture
def elk_image(db):
    return ImageFactory(
        title=IMAGE_TITLE,
        # In the collection editors may use (the factory would make a new root).
        collection=Collection.get_first_root_node(),
        file__width=1600,
        file__height=900,
    )


def test_a_tip_becomes_a_published_story_in_norwegian_and_english(
    open_browser, content, english, tip_form, elk_image, people
):
    # Problems that must fail the test but should not hide the rest of the journey.
    problems = []

    reader = open_browser("desktop")
    send_tip(reader.page)

    editor = open_browser("desktop").page
    log_in(editor, "redaktor")
    story_path = write_draft_from_tip(editor)
    problems += english_on(editor, "the editor's draft story")
    story = StoryPage.objects.get(title=TITLE)
    assert not story.live
    assert reader.page.goto(story_path).status == 404

    moderator = open_browser("desktop").page
    log_in(moderator, "moderator")
    problems += english_on(moderator, "the moderator's dashboard")
    approve(moderator, TITLE)
    problems += english_on(moderator, "the dashboard after approving")

    # Published: readers see it with everything the editor wrote.
    reader.page.goto("/historier/")
    reader.page.get_by_role("link", name=TITLE).click()
    check_story(reader.page, TITLE, PARAGRAPH, ALT_TEXT, QUOTE)
    expect(
        reader.page.get_by_role("link", name="Grenseløs viltforvaltning")
    ).to_be_visible()
    # …and the tip it came from is marked as published for the editors.
    editor.get_by_role("link", name="Tips", exact=True).first.click()
    expect(editor.get_by_role("row", name=re.compile("GRENSEVILT"))).to_contain_text(
        "Publisert"
    )
    problems += english_on(editor, "the tips")

    translator = open_browser("desktop").page
    log_in(translator, "oversetter")
    start_translation(translator, content["story_index"].pk)
    problems += english_on(translator, "the explorer after “Translate this page”")
    problems += not_yet_public(reader, story, english, "after “Translate this page”")
    translate_every_string(translator)
    problems += english_on(translator, "the translation editor")
    send_translation_for_review(translator)
    problems += english_on(translator, "the explorer after sending for review")
    problems += not_yet_public(reader, story, english, "after sending it for review")

    approve(moderator, ENGLISH[TITLE])

    # The English story is on the site…
    reader.page.goto("/en/stories/")
    reader.page.get_by_role("link", name=ENGLISH[TITLE]).click()
    expect(reader.page).to_have_url(re.compile(re.escape(ENGLISH_URL) + "$"))
    check_story(
        reader.page,
        ENGLISH[TITLE],
        ENGLISH[PARAGRAPH],
        ENGLISH[ALT_TEXT],
        ENGLISH[QUOTE],
    )
    expect(reader.page.locator("html")).to_have_attribute("lang", "en")
    reader.page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Norsk bokmål"
    ).click()
    expect(reader.page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # …and in the API.
    english_id = story.get_translation(english).pk
    api = reader.context.request
    listing = api.get(
        f"/api/v2/pages/?type=stories.StoryPage&locale=en&translation_of={story.pk}"
    ).json()
    assert [item["title"] for item in listing["items"]] == [ENGLISH[TITLE]]
    detail = api.get(f"/api/v2/pages/{english_id}/").json()
    assert detail["meta"]["locale"] == "en"
    assert detail["meta"]["html_url"].endswith(ENGLISH_URL)
    assert (
        detail["intro"]
        == ENGLISH["Vi har fulgt elgen over grensen i fire år. Resultatene er klare."]
    )
    blocks = {block["type"]: block["value"] for block in detail["body"]}
    assert blocks["quote"]["quote"] == ENGLISH[QUOTE]
    assert blocks["image"]["alt_text"] == ENGLISH[ALT_TEXT]
    assert any(
        ENGLISH[PARAGRAPH] in block["value"]
        for block in detail["body"]
        if block["type"] == "paragraph"
    )
    assert [t["locale"] for t in detail["translations"]] == ["nb"]

    assert not problems, "\n".join(problems)
    assert not reader.page_errors, reader.page_errors


def english_on(page, where):
    """English UI text on the screen `page` shows (see tests/admin/ui_text)."""
    return [
        f"{where}: {text!r}"
        for text in english_ui_text(page.content(), what_people_wrote())
    ]


def send_tip(page):
    page.goto("/tips-oss/")
    shown_at = time.monotonic()
    page.get_by_label(re.compile(r"^Navn")).fill("Kari Nordmann")
    page.get_by_label(re.compile(r"^E-post")).fill("kari@example.no")
    page.get_by_label("Prosjektnavn eller akronym").fill("GRENSEVILT")
    page.get_by_label(re.compile(r"^Hva handler historien om\?")).fill(TIP)
    page.get_by_label(re.compile(r"^Jeg samtykker")).check()
    wait_until_a_person_could_have_filled_it(shown_at)
    page.get_by_role("button", name="Send tipset").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for tipset")


def write_draft_from_tip(page):
    """The editor finds the tip, makes the draft, writes it and submits it."""
    page.get_by_role("link", name="Tips", exact=True).first.click()
    row = page.get_by_role("row", name=re.compile("GRENSEVILT"))
    expect(row).to_contain_text("Ny")
    row.get_by_role("link", name=re.compile("GRENSEVILT")).click()
    expect(page.locator("main")).to_contain_text("Vi har fulgt elgen over grensen")
    page.get_by_role("link", name="Lag utkast til historie").click()
    page.get_by_role("button", name="Lag utkast til historie").click()

    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_text("Utkastet er laget og knyttet til tipset.")).to_be_visible()
    title = page.locator("[data-contentpath=title] input")
    expect(title).to_have_value("GRENSEVILT")
    title.fill(TITLE)

    body = page.locator("[data-contentpath=body]")

    def add_block(name):
        body.locator("button.c-sf-add-button").last.click()
        page.get_by_role("option", name=name, exact=True).click()

    add_block("Avsnitt")
    paragraph = body.locator(".public-DraftEditor-content").last
    # Wagtail moves the cursor into a new block a moment after the block
    # appears, and Draftail drops what was typed before then (CI once saved an
    # empty paragraph): type once the cursor is there, as a person sees it.
    expect(paragraph).to_be_focused()
    page.keyboard.type(PARAGRAPH)
    expect(paragraph).to_have_text(PARAGRAPH)

    add_block("Bilde")
    image_block = body.locator("[data-contentpath=image]").last
    image_block.get_by_role("button", name="Velg et bilde").click()
    chooser = page.get_by_role("dialog")
    chooser.locator("a.image-choice", has_text=IMAGE_TITLE).click()
    expect(chooser).to_be_hidden()
    expect(image_block).to_contain_text(IMAGE_TITLE)
    body.locator("[data-contentpath=alt_text] input").last.fill(ALT_TEXT)

    add_block("Sitat")
    body.locator("[data-contentpath=quote] textarea").last.fill(QUOTE)
    body.locator("[data-contentpath=attribution] input").last.fill(ATTRIBUTION)

    wait_for_autosave(page)
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Send inn til Redaksjonell godkjenning").click()
    expect_saved(page, "er sendt til godkjenning")
    tip = Tip.objects.get()
    assert tip.status == Tip.Status.IN_REVIEW
    return tip.story.url


def approve(page, title):
    """The moderator approves the page from "awaiting your review" on the dashboard."""
    page.goto("/admin/")
    awaiting = page.locator("#awaiting-review-section")
    row = awaiting.get_by_role("row", name=re.compile(re.escape(title)))
    row.get_by_role("button", name="Handlinger").click()
    row.get_by_role("button", name="Godkjenn", exact=True).click()
    expect(page.get_by_role("row", name=re.compile(re.escape(title)))).to_have_count(0)


def check_story(page, title, paragraph, alt_text, quote):
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    # exact: the "Republish this story" HTML holds the text too
    expect(page.get_by_text(paragraph, exact=True)).to_be_visible()
    expect(page.get_by_role("img", name=alt_text)).to_be_visible()
    expect(page.locator("blockquote")).to_contain_text(quote)


def start_translation(page, story_index_id):
    page.goto(f"/admin/pages/{story_index_id}/")
    row = page.get_by_role("row", name=re.compile(TITLE))
    row.get_by_role("button", name=f"Flere alternativer for '{TITLE}'").click()
    row.get_by_role("link", name="Oversett denne siden").click()
    page.get_by_label("engelsk").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("er sendt til oversettelse til engelsk")).to_be_visible()


def translate_every_string(page):
    """Type the English text of every string on the editor's first tab, as a
    translator does; the slug, on the Promote tab, follows the translated title
    by itself, so the English story gets an English address."""

    def translate_visible_strings():
        pending = page.locator("li.incomplete:visible")
        for _ in range(30):
            if pending.count() == 0:
                return
            before = pending.count()
            string = pending.first
            source = string.locator("p").first.inner_text().strip()
            assert source in ENGLISH, f"unexpected string to translate: {source!r}"
            string.get_by_role("button", name="Oversett").click()
            string.locator("textarea").fill(ENGLISH[source])
            string.get_by_role("button", name="Lagre").click()
            expect(pending).to_have_count(before - 1)
        raise AssertionError("the translation editor never ran out of strings")

    expect(
        page.get_by_text("Oversettelse fra norsk bokmål til engelsk").first
    ).to_be_visible()
    translate_visible_strings()


def send_translation_for_review(page):
    page.get_by_role("button", name="Vis eller skjul brødsmulesti").click()
    page.get_by_role("link", name="Stories", exact=True).click()
    row = page.get_by_role("row", name=re.compile(re.escape(ENGLISH[TITLE])))
    row.get_by_role("button", name=re.compile("^Flere alternativer")).click()
    row.get_by_role("link", name="Send oversettelsen til godkjenning").click()
    expect(page.locator("main")).to_contain_text("Redaksjonell godkjenning")
    page.get_by_role("button", name="Send til godkjenning").click()
    expect_saved(page, "er sendt til godkjenning")


def not_yet_public(reader, story, locale, when):
    """Nothing of the English story reaches readers before a moderator approves."""
    problems = []
    translation = story.get_translation_or_none(locale)
    if translation is None:
        return problems
    paths = {f"/en/stories/{translation.slug}/", "/en/stories/elgen-krysser-grensen/"}
    for path in sorted(paths | {ENGLISH_URL}):
        response = reader.page.goto(path)
        if response.status != 404:
            problems.append(
                f"{when}: {path} answers {response.status} to readers before a "
                f"moderator approved the translation (heading: "
                f"{reader.page.get_by_role('heading', level=1).first.inner_text()!r})"
            )
    listing = reader.context.request.get(
        f"/api/v2/pages/?type=stories.StoryPage&locale=en&translation_of={story.pk}"
    ).json()
    if listing["meta"]["total_count"]:
        problems.append(
            f"{when}: the API lists the English story before a moderator approved "
            f"it: {[item['title'] for item in listing['items']]}"
        )
    return problems


OLD_INTRO = "Researchers on both sides of the border follow the moose."
NEW_INTRO = (
    "Researchers on both sides of the border have followed the moose since 2019."
)


def test_a_corrected_translation_stays_unpublished_until_a_moderator_approves(
    open_browser, content, english, people
):
    """The README's promise for translators: "Send translation for review saves
    the translation as a draft … a moderator approves it and it goes live"."""
    english_story = content["story"].get_translation(english)
    english_index = content["story_index"].get_translation(english)
    reader = open_browser("desktop")
    problems = []

    translator = open_browser("desktop").page
    log_in(translator, "oversetter")
    translator.goto(f"/admin/pages/{english_index.pk}/")
    translator.get_by_role("link", name="The moose knows no borders").first.click()
    intro = translator.locator(
        "li.complete", has=translator.get_by_text(content["story"].intro, exact=True)
    )
    intro.get_by_role("button", name="Rediger").click()
    intro.locator("textarea").fill(NEW_INTRO)
    intro.get_by_role("button", name="Lagre").click()
    expect(intro.get_by_text(NEW_INTRO)).to_be_visible()
    translator.goto(f"/admin/pages/{english_index.pk}/")
    row = translator.get_by_role("row", name=re.compile("The moose knows no borders"))
    row.get_by_role("button", name=re.compile("^Flere alternativer")).click()
    row.get_by_role("link", name="Send oversettelsen til godkjenning").click()
    translator.get_by_role("button", name="Send til godkjenning").click()
    expect_saved(translator, "er sendt til godkjenning")

    # Readers and the API still have the approved text.
    def intro_readers_see():
        reader.page.goto(english_story.url)
        page_text = reader.page.locator(".lead").inner_text()
        api = reader.context.request.get(f"/api/v2/pages/{english_story.pk}/").json()
        return page_text, api["intro"]

    seen = intro_readers_see()
    if seen != (OLD_INTRO, OLD_INTRO):
        problems.append(
            "the correction sent for review is live before a moderator approved it: "
            f"the page shows {seen[0]!r}, the API {seen[1]!r}"
        )

    moderator = open_browser("desktop").page
    log_in(moderator, "moderator")
    approve(moderator, "The moose knows no borders")
    assert intro_readers_see() == (NEW_INTRO, NEW_INTRO)
    assert not problems, "\n".join(problems)
