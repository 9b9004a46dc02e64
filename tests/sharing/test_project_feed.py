"""A project's own feed of its stories, in the project page's language, and
the JSON list of them through the API."""

import datetime

import feedparser
import pytest

from stories.models import StoryProject
from tests.factories import ProjectPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def parse_feed(client, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def project_stories(content):
    """The content's story about GRENSEVILT, a newer one, and one about another
    project."""
    project = content["project"]
    newer = StoryPageFactory(
        parent=content["story_index"],
        title="Elgen kom tilbake",
        slug="elgen-tilbake",
        date=datetime.date(2025, 9, 1),
    )
    StoryProject.objects.create(page=newer, project=project)
    newer.save_revision().publish()
    other_project = ProjectPageFactory(parent=content["project_index"])
    other = StoryPageFactory(parent=content["story_index"], title="Noe annet")
    StoryProject.objects.create(page=other, project=other_project)
    other.save_revision().publish()
    return newer


def test_the_project_feed_lists_its_stories_newest_first(
    client, content, project_stories
):
    feed = parse_feed(client, "/prosjekter/grensevilt/feed/")

    assert feed.feed.title == "Historier om Grenseløs viltforvaltning"
    assert feed.feed.language == "nb"
    assert feed.feed.link == "http://testserver/prosjekter/grensevilt/"
    assert [entry.title for entry in feed.entries] == [
        "Elgen kom tilbake",
        "Elgen kjenner ingen grenser",
    ]
    assert feed.entries[1].link == "http://testserver/historier/elgen/"
    assert feed.entries[1].license == "https://creativecommons.org/licenses/by/4.0/"


def test_the_english_project_feed_has_the_english_stories(
    client, content, project_stories
):
    feed = parse_feed(client, "/en/projects/wildlife-management-without-borders/feed/")

    assert feed.feed.language == "en"
    assert feed.feed.title == "Stories about Wildlife management without borders"
    assert [entry.title for entry in feed.entries] == ["The moose knows no borders"]
    assert feed.entries[0].link == "http://testserver/en/stories/the-moose/"


def test_drafts_stay_out_of_the_project_feed(client, content, project_stories):
    project_stories.unpublish()

    feed = parse_feed(client, "/prosjekter/grensevilt/feed/")

    assert [entry.title for entry in feed.entries] == ["Elgen kjenner ingen grenser"]


def test_the_project_page_links_its_feed_and_its_stories_as_json(
    client, html, content, project_stories
):
    page = html(client.get("/prosjekter/grensevilt/"))

    feed_link = page.select_one("link[rel=alternate][type='application/atom+xml']")
    assert feed_link["href"] == "/prosjekter/grensevilt/feed/"
    channels = page.select_one("details.republish")
    json_url = channels.select_one("a[type='application/json']")["href"]
    stories = client.get(json_url.removeprefix("http://testserver")).json()
    assert [item["title"] for item in stories["items"]] == [
        "Elgen kom tilbake",
        "Elgen kjenner ingen grenser",
    ]
    assert stories["items"][0]["licence"]["code"] == "cc-by-4.0"
    assert channels.select_one("a[type='application/atom+xml']")["href"] == (
        "http://testserver/prosjekter/grensevilt/feed/"
    )


def test_the_project_feed_of_a_draft_project_is_404(client, content):
    content["project"].unpublish()

    assert client.get("/prosjekter/grensevilt/feed/").status_code == 404
