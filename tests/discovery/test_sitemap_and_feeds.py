from pathlib import Path

import feedparser
import pytest
from lxml import etree
from wagtail.models import PageViewRestriction

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def sitemap_of(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return etree.fromstring(response.content)


def test_the_sitemap_validates_against_the_sitemap_schema(client, content):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))

    document = sitemap_of(client)

    assert schema.validate(document), schema.error_log


def test_the_sitemap_lists_both_languages_with_alternates(client, content):
    document = sitemap_of(client)
    urls = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link", namespaces=NS)
        }
        for url in document.findall("s:url", namespaces=NS)
    }

    expected = {
        "nb": "http://testserver/historier/elgen/",
        "en": "http://testserver/en/stories/the-moose/",
    }
    assert urls["http://testserver/historier/elgen/"] == expected
    assert urls["http://testserver/en/stories/the-moose/"] == expected
    assert "http://testserver/" in urls and "http://testserver/en/" in urls
    lastmods = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in document.findall("s:url", namespaces=NS)
    }
    assert lastmods["http://testserver/historier/elgen/"]
    assert lastmods["http://testserver/en/stories/the-moose/"]


def test_the_sitemap_leaves_out_drafts_and_private_pages(client, content):
    draft = StoryPageFactory(parent=content["story_index"], slug="utkast")
    draft.unpublish()
    private = StoryPageFactory(parent=content["story_index"], slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    text = client.get("/sitemap.xml").content.decode()

    assert "/utkast/" not in text
    assert "/privat/" not in text


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_the_story_feed_parses_with_intro_image_and_link(client, content):
    feed = parse_feed(client, "/historier/feed/")

    assert feed.feed.title == "Historier"
    assert feed.feed.language == "nb"
    entry = feed.entries[0]
    assert entry.title == "Elgen kjenner ingen grenser"
    assert entry.link == "http://testserver/historier/elgen/"
    assert entry.summary == "Forskere på begge sider av grensen følger elgen."
    assert entry.enclosures[0]["type"] == "image/jpeg"
    assert entry.enclosures[0]["href"].startswith("http://testserver/media/")


def test_the_english_feed_has_english_stories(client, content):
    feed = parse_feed(client, "/en/stories/feed/")

    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["The moose knows no borders"]


def test_feeds_per_tag_and_programme(client, content):
    StoryPageFactory(parent=content["story_index"], title="Uten tagg")

    by_tag = parse_feed(client, "/historier/feed/?tag=vilt")
    by_programme = parse_feed(client, "/historier/feed/?programme=sverige-norge")
    no_match = parse_feed(client, "/historier/feed/?programme=nordsjoen")

    assert [e.title for e in by_tag.entries] == ["Elgen kjenner ingen grenser"]
    assert [e.title for e in by_programme.entries] == ["Elgen kjenner ingen grenser"]
    assert no_match.entries == []


def test_the_story_index_links_its_feed(client, html, content):
    link = html(client.get("/en/stories/")).select_one(
        "link[type='application/atom+xml']"
    )

    assert link["href"] == "/en/stories/feed/"
