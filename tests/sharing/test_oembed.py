"""oEmbed at /oembed/: rich answers for stories and projects, discovery links on
their pages, and the spec's errors for anything else (never a 500)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

STORY = "http://testserver/historier/elgen/"


def oembed(client, **params):
    return client.get("/oembed/", params)


def test_a_story_is_a_rich_oembed_with_its_card_in_an_iframe(client, content):
    response = oembed(client, url=STORY, format="json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["title"] == "Elgen kjenner ingen grenser"
    assert data["author_name"] == "Ola Nordmann"
    assert data["provider_name"] == "Interreg-historier"
    assert data["provider_url"] == "http://testserver/"
    assert (data["width"], data["height"]) == (600, 520)
    assert data["thumbnail_url"].startswith("http://testserver/media/")
    iframe = BeautifulSoup(data["html"], "html.parser").select_one("iframe")
    assert iframe["src"] == "http://testserver/historier/elgen/embed/"
    assert iframe["width"] == "600"
    assert iframe["title"] == "Elgen kjenner ingen grenser"
    assert client.get(urlsplit(iframe["src"]).path).status_code == 200


def test_an_english_story_is_answered_in_english(client, content):
    data = oembed(client, url="http://testserver/en/stories/the-moose/").json()

    assert data["title"] == "The moose knows no borders"
    assert data["provider_name"] == "Interreg Stories"
    assert data["provider_url"] == "http://testserver/en/"
    assert "/en/stories/the-moose/embed/" in data["html"]


def test_a_project_is_a_rich_oembed_too(client, content):
    data = oembed(client, url="http://testserver/prosjekter/grensevilt/").json()

    assert data["type"] == "rich"
    assert data["title"] == "Grenseløs viltforvaltning"
    assert "author_name" not in data
    assert "/prosjekter/grensevilt/embed/" in data["html"]


def test_maxwidth_and_maxheight_make_the_frame_smaller(client, content):
    data = oembed(client, url=STORY, maxwidth="400", maxheight="300").json()

    assert (data["width"], data["height"]) == (400, 300)
    assert 'width="400"' in data["html"]
    assert 'height="300"' in data["html"]


def test_a_larger_maxwidth_keeps_the_cards_own_width(client, content):
    data = oembed(client, url=STORY, maxwidth="2000").json()

    assert data["width"] == 600


@pytest.mark.parametrize(
    "address",
    [
        "https://example.com/historier/elgen/",  # another site
        "http://evil.testserver.example/historier/elgen/",
        "http://testserver/historier/",  # a page without a card
        "http://testserver/",
        "http://testserver/historier/finnes-ikke/",
        "http://testserver/en/stories/elgen/",  # a Norwegian slug under /en/
    ],
)
def test_addresses_that_are_no_story_or_project_here_are_404(client, content, address):
    response = oembed(client, url=address)

    assert response.status_code == 404
    assert "message" in response.json()


def test_a_draft_is_404(client, content):
    content["story"].unpublish()

    assert oembed(client, url=STORY).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"url": ""},
        {"url": "not an address"},
        {"url": "ftp://testserver/historier/elgen/"},
        {"url": "http://[::1/historier/"},
        {"url": STORY, "maxwidth": "wide"},
        {"url": STORY, "maxheight": "-5"},
    ],
)
def test_malformed_requests_are_400(client, content, params):
    response = oembed(client, **params)

    assert response.status_code == 400
    assert "message" in response.json()


def test_formats_other_than_json_are_501(client, content):
    assert oembed(client, url=STORY, format="xml").status_code == 501


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("/historier/elgen/", STORY),
        ("/en/stories/the-moose/", "http://testserver/en/stories/the-moose/"),
        ("/prosjekter/grensevilt/", "http://testserver/prosjekter/grensevilt/"),
    ],
)
def test_story_and_project_pages_announce_their_oembed(
    client, html, content, page, expected
):
    link = html(client.get(page)).select_one(
        "link[rel=alternate][type='application/json+oembed']"
    )

    address = urlsplit(link["href"])
    assert address.path == "/oembed/"
    assert parse_qs(address.query) == {"url": [expected], "format": ["json"]}
    assert client.get(f"{address.path}?{address.query}").status_code == 200
