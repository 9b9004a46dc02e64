"""The language switcher keeps the reader's place: search words, filters (the tag
in the other language's words) and page number, on every page type."""

import pytest

from tests.content import translated
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(content, english):
    """The story with its tags translated: vilt → wildlife, samarbeid → cooperation."""
    translated(
        content["story"], english, ("vilt", "wildlife"), ("samarbeid", "cooperation")
    )
    return content


def switch_link(client, html, url, language="en"):
    page = html(client.get(url))
    return page.select_one(f"nav.language-switcher a[hreflang={language}]")["href"]


@pytest.mark.parametrize(
    ("norwegian_path", "english_path"),
    [
        ("/", "/en/"),
        ("/historier/", "/en/stories/"),
        ("/historier/elgen/", "/en/stories/the-moose/"),
        ("/prosjekter/", "/en/projects/"),
        (
            "/prosjekter/grensevilt/",
            "/en/projects/wildlife-management-without-borders/",
        ),
        ("/tips-oss/", "/en/send-a-tip/"),
        ("/search/", "/en/search/"),
    ],
)
def test_every_page_type_keeps_the_query_string(
    client, html, content, tip_page, norwegian_path, english_path
):
    query = "?theme=PO2&year=2025&page=2"

    assert switch_link(client, html, norwegian_path + query) == english_path + query
    assert (
        switch_link(client, html, english_path + query, "nb") == norwegian_path + query
    )


def test_the_switcher_keeps_search_words_and_filters(client, html, content):
    assert (
        switch_link(client, html, "/search/?query=elg+i+skogen&type=stories")
        == "/en/search/?query=elg+i+skogen&type=stories"
    )
    assert (
        switch_link(client, html, "/prosjekter/?programme=sverige-norge&status=active")
        == "/en/projects/?programme=sverige-norge&status=active"
    )


def test_a_tag_filter_switches_to_the_tag_in_the_other_language(client, html, tagged):
    assert (
        switch_link(client, html, "/historier/?tag=vilt&page=2")
        == "/en/stories/?tag=wildlife&page=2"
    )
    assert (
        switch_link(client, html, "/en/stories/?tag=cooperation", "nb")
        == "/historier/?tag=samarbeid"
    )


def test_an_untranslated_tag_is_dropped_rather_than_emptying_the_list(
    client, html, tagged
):
    story = StoryPageFactory(parent=tagged["story_index"], title="Bare norsk")
    story.tags.add("fiskeri")
    story.save_revision().publish()

    assert (
        switch_link(client, html, "/historier/?tag=fiskeri&year=2025")
        == "/en/stories/?year=2025"
    )


def test_a_page_without_translation_leads_to_the_section_without_the_query(
    client, html, content
):
    StoryPageFactory(parent=content["story_index"], title="Bare norsk", slug="bare")

    assert switch_link(client, html, "/historier/bare/?page=2") == "/en/stories/"


def test_cached_headers_never_mix_up_two_readers_filters(client, html, content):
    first = switch_link(client, html, "/historier/?theme=PO2")
    second = switch_link(client, html, "/historier/?year=2025")

    assert (first, second) == ("/en/stories/?theme=PO2", "/en/stories/?year=2025")
