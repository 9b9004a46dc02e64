"""A reader on a phone and on a desktop: front page, English, a tag, search, a
story with a video that loads nothing before the reader asks, and the tip form."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, horizontal_overflow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHARED_MOBILITY_STORIES = {
    "How Bergen got Norway's first shared-mobility hub",
    "From Bremen to Stavanger: shared mobility enters a new round",
    "When car sharing moves in before the residents",
    "SN² enters its final phase",
}
STORY_WITH_VIDEO = "How Bergen got Norway's first shared-mobility hub"
VIDEO_HOSTS = re.compile(r"youtube|ytimg|googlevideo|vimeo")


def test_a_reader_reads_searches_and_plays_a_video_only_after_consenting(
    open_browser, demo_site
):
    for viewport in VIEWPORTS:
        read_the_site(open_browser(viewport))


def read_the_site(visitor):
    page = visitor.page

    def arrived(url_pattern, heading):
        expect(page).to_have_url(re.compile(url_pattern))
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        page.wait_for_load_state()  # styles and images in place
        if visitor.viewport == "phone":
            # Nothing makes a phone reader scroll sideways (WCAG 1.4.10).
            assert horizontal_overflow(page) == 0, f"sideways scrolling on {page.url}"

    # The front page in Norwegian, with the editors' featured stories.
    page.goto("/")
    arrived(r"/$", "Interreg-historier")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    featured = page.get_by_role("region", name="Utvalgte historier")
    expect(featured.get_by_role("article")).to_have_count(3)

    # Switch to English.
    page.get_by_role("navigation", name="Språk").get_by_role(
        "link", name="English"
    ).click()
    arrived(r"/en/$", "Interreg Stories")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(
        page.get_by_role("region", name="Featured stories").get_by_role("article")
    ).to_have_count(3)
    menu = page.get_by_role("navigation", name="Main menu")
    expect(menu.get_by_role("link")).to_have_text(
        ["Stories", "Projects", "Send a tip", "Search"]
    )

    # All stories, then only those tagged "shared mobility".
    menu.get_by_role("link", name="Stories").click()
    arrived(r"/en/stories/$", "Stories")
    expect(page.get_by_role("status")).to_have_text("24 stories")
    page.get_by_role("navigation", name="Tags").get_by_role(
        "link", name="shared mobility"
    ).click()
    arrived(r"/en/stories/\?tag=shared-mobility$", "Stories")
    expect(page.get_by_role("status")).to_have_text("4 stories")
    titles = page.get_by_role("article").get_by_role("heading")
    expect(titles).to_have_count(4)
    assert set(titles.all_inner_texts()) == SHARED_MOBILITY_STORIES
    expect(
        page.get_by_role("navigation", name="Tags").get_by_role(
            "link", name="shared mobility"
        )
    ).to_have_attribute("aria-current", "true")

    # Search.
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Search"
    ).click()
    arrived(r"/en/search/$", "Search")
    search_box = page.get_by_role("searchbox", name="Search for")
    search_box.fill("mobility hub")
    search_box.press("Enter")
    arrived(r"/en/search/\?query=mobility\+hub", "Search")
    stories = page.get_by_role("region", name=re.compile(r"^Stories"))
    expect(stories.get_by_role("link", name=STORY_WITH_VIDEO)).to_be_visible()

    # The story: its video is only a notice and a button until the reader asks.
    stories.get_by_role("link", name=STORY_WITH_VIDEO).click()
    arrived(
        r"/en/stories/how-bergen-got-norways-first-shared-mobility-hub/$",
        STORY_WITH_VIDEO,
    )
    video = page.locator("[data-video-consent]")
    expect(video).to_contain_text("The video is hosted by YouTube")
    expect(page.locator("iframe")).to_have_count(0)
    video.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert not [url for url in visitor.outside_requests if VIDEO_HOSTS.search(url)]

    video.get_by_role("button", name="Play video from YouTube").click()
    player = page.locator("iframe.video__frame")
    expect(player).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/[\w-]{11}\?")
    )
    expect(player).to_be_focused()
    # Only now does the browser ask for the no-cookie player (refused here:
    # the tests never leave the machine).
    for _ in range(50):
        if any("youtube-nocookie.com" in url for url in visitor.outside_requests):
            break
        page.wait_for_timeout(100)
    video_requests = [u for u in visitor.outside_requests if VIDEO_HOSTS.search(u)]
    assert video_requests, "the player was never requested"
    assert all(
        url.startswith("https://www.youtube-nocookie.com/") for url in video_requests
    )

    # From the story to the tip form.
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Send a tip"
    ).click()
    arrived(r"/en/send-a-tip/$", "Send a tip")
    expect(page.get_by_role("textbox", name=re.compile(r"^Name"))).to_be_editable()
    expect(page.get_by_role("button", name="Send tip")).to_be_visible()

    assert not visitor.page_errors, visitor.page_errors
