"""The embeddable card at `<page>embed/`: what it shows, and that it is the one
route other sites may frame, also when the page cache answers."""

import pytest

from stories.models import ImageReuse

pytestmark = pytest.mark.django_db

EMBEDS = [
    "/historier/elgen/embed/",
    "/en/stories/the-moose/embed/",
    "/prosjekter/grensevilt/embed/",
    "/en/projects/wildlife-management-without-borders/embed/",
]
OTHER_PAGES = [
    "/",
    "/en/",
    "/historier/",
    "/historier/elgen/",
    "/en/stories/the-moose/",
    "/prosjekter/grensevilt/",
    "/historier/feed/",
    "/search/",
]


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    [directive] = [
        part.strip()
        for part in policy.split(";")
        if part.strip().startswith("frame-ancestors")
    ]
    return directive


def assert_frameable_anywhere(response):
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert frame_ancestors(response) == "frame-ancestors *"


def assert_never_framed(response):
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) == "frame-ancestors 'none'"


@pytest.mark.parametrize("address", EMBEDS)
def test_the_card_may_be_framed_by_any_site(client, content, address):
    assert_frameable_anywhere(client.get(address))


@pytest.mark.parametrize("address", OTHER_PAGES)
def test_every_other_page_may_not_be_framed(client, content, address):
    assert_never_framed(client.get(address))


def test_a_cached_card_keeps_its_headers_and_other_pages_keep_deny(
    client, content, page_cache
):
    card = "/historier/elgen/embed/"
    story = "/historier/elgen/"
    assert client.get(card)["X-Page-Cache"] == "miss"
    assert client.get(story)["X-Page-Cache"] == "miss"

    cached_card = client.get(card)
    cached_story = client.get(story)

    assert cached_card["X-Page-Cache"] == "hit"
    assert_frameable_anywhere(cached_card)
    assert cached_story["X-Page-Cache"] == "hit"
    assert_never_framed(cached_story)


def test_the_card_shows_image_title_intro_programme_and_a_link_home(
    client, html, content
):
    response = client.get("/historier/elgen/embed/")
    card = html(response)

    assert card.select_one("html")["lang"] == "nb"
    assert card.select_one(".card__title").text == "Elgen kjenner ingen grenser"
    assert (
        card.select_one(".card__text").text
        == "Forskere på begge sider av grensen følger elgen."
    )
    assert card.select_one(".card__programme").text == "Interreg Sverige-Norge"
    assert card.select_one("img.card__image")["src"].startswith("/media/")
    link = card.select_one("a.card__link")
    assert link["href"] == "http://testserver/historier/elgen/"
    assert "Les hele historien på testserver" in link.text


def test_the_english_card_is_in_english(client, html, content):
    card = html(client.get("/en/stories/the-moose/embed/"))

    assert card.select_one("html")["lang"] == "en"
    assert card.select_one(".card__title").text == "The moose knows no borders"
    assert card.select_one(".card__programme").text == "Interreg Sweden-Norway"
    assert "Read the whole story on testserver" in card.select_one(".card__more").text


def test_the_card_has_no_cookie_no_script_and_is_small(client, html, content):
    from django.contrib.staticfiles import finders

    response = client.get("/historier/elgen/embed/")
    card = html(response)

    assert not response.cookies
    assert card.select("script") == []
    [stylesheet] = card.select("link[rel=stylesheet]")
    css = finders.find(stylesheet["href"].removeprefix("/static/"))
    with open(css, "rb") as file:
        css_size = len(file.read())
    assert len(response.content) + css_size < 30 * 1024


def test_a_picture_that_may_not_be_shared_stays_off_the_card(client, html, content):
    ImageReuse.objects.create(image=content["story"].hero_image, may_be_shared=False)

    card = html(client.get("/historier/elgen/embed/"))

    assert card.select_one(".card__title").text == "Elgen kjenner ingen grenser"
    assert card.select("img") == []


def test_pages_without_a_card_have_no_embed(client, content):
    assert client.get("/historier/embed/").status_code == 404
    assert client.get("/historier/finnes-ikke/embed/").status_code == 404
    assert client.get("/embed/").status_code == 404


def test_a_draft_story_has_no_card(client, content):
    content["story"].unpublish()

    assert client.get("/historier/elgen/embed/").status_code == 404


def test_a_story_whose_slug_is_embed_is_still_served(client, content):
    from tests.factories import StoryPageFactory

    StoryPageFactory(parent=content["story_index"], title="Om innbygging", slug="embed")

    response = client.get("/historier/embed/")

    assert response.status_code == 200
    assert b"Om innbygging" in response.content
    assert response["X-Frame-Options"] == "DENY"
