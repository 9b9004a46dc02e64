import pytest
from wagtail_localize.models import StringSegment

from stories.models import StoryPage
from tests.content import translated

pytestmark = pytest.mark.django_db


def english_story(content, english):
    return translated(
        content["story"],
        english,
        ("vilt", "wildlife"),
        ("samarbeid", "cooperation"),
    )


def test_translators_get_each_tag_as_a_string_to_translate(content, english):
    english_story(content, english)

    tag_strings = {
        segment.string.data
        for segment in StringSegment.objects.filter(
            source__object_id=content["story"].translation_key,
            context__path__startswith="tags.",
        )
    }
    assert tag_strings == {"vilt", "samarbeid"}


def test_an_english_story_carries_english_tags(content, english):
    story = english_story(content, english)

    assert sorted(story.specific.tags.names()) == ["cooperation", "wildlife"]
    assert sorted(content["story"].tags.names()) == ["samarbeid", "vilt"]


def test_the_tag_filter_works_per_language(client, html, content, english):
    english_story(content, english)

    def listed(url):
        return [a.text for a in html(client.get(url)).select(".card__title a")]

    assert listed("/en/stories/?tag=wildlife") == ["The moose knows no borders"]
    assert listed("/en/stories/?tag=vilt") == []
    assert listed("/historier/?tag=vilt") == ["Elgen kjenner ingen grenser"]


def test_the_english_story_page_links_its_english_tags(client, html, content, english):
    english_story(content, english)

    page = html(client.get("/en/stories/the-moose/"))

    assert [a.text for a in page.select(".tags__list a")] == ["cooperation", "wildlife"]
    assert page.select_one(".tags__list a")["href"] == "/en/stories/?tag=cooperation"


def test_changing_a_norwegian_tag_and_syncing_keeps_the_english_ones(content, english):
    english_story(content, english)
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.tags.add("klima")
    story.save_revision().publish()

    synced = translated(story, english, ("klima", "climate"))

    assert sorted(synced.specific.tags.names()) == [
        "climate",
        "cooperation",
        "wildlife",
    ]
