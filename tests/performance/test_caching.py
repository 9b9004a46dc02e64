"""Every cache shows a published change at once."""

import pytest
from django.contrib.auth import get_user_model

from stories.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def retitle(content, title):
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.title = title
    story.save_revision().publish()


def test_anonymous_readers_get_cached_pages(client, content, page_cache):
    first = client.get("/historier/elgen/")
    second = client.get("/historier/elgen/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "s-maxage=600" in second["Cache-Control"]
    assert "max-age=0" in second["Cache-Control"]


def test_a_published_change_shows_at_once_through_the_page_cache(
    client, html, content, page_cache
):
    client.get("/historier/elgen/")
    client.get("/historier/")

    retitle(content, "Elgen har fått ny tittel")

    assert html(client.get("/historier/elgen/")).select_one("h1").text == (
        "Elgen har fått ny tittel"
    )
    index_titles = [
        a.text for a in html(client.get("/historier/")).select(".card__title a")
    ]
    assert "Elgen har fått ny tittel" in index_titles


def test_a_published_change_shows_at_once_through_the_fragment_cache(
    client, html, content
):
    client.get("/historier/elgen/")

    retitle(content, "Ny tittel uten sidebuffer")

    assert html(client.get("/historier/elgen/")).select_one("h1").text == (
        "Ny tittel uten sidebuffer"
    )


def test_unpublishing_removes_the_page_at_once(client, content, page_cache):
    client.get("/historier/elgen/")

    StoryPage.objects.get(pk=content["story"].pk).unpublish()

    assert client.get("/historier/elgen/").status_code == 404


def test_a_published_change_shows_at_once_in_the_api(client, content):
    url = f"/api/v2/pages/{content['story'].pk}/"
    client.get(url)

    retitle(content, "API-tittel")

    assert client.get(url).json()["title"] == "API-tittel"


def test_a_changed_theme_name_shows_at_once(client, html, content, page_cache):
    client.get("/historier/elgen/")
    theme = content["theme"]
    theme.name = "Et enda grønnere Europa"
    theme.save()

    assert (
        "Et enda grønnere Europa"
        in html(client.get("/historier/elgen/")).select_one(".kicker").text
    )


def test_logged_in_editors_never_get_cached_pages(client, content, page_cache):
    client.get("/historier/elgen/")
    client.force_login(get_user_model().objects.create_user("redaktor", "r@x.no", "pw"))

    response = client.get("/historier/elgen/")

    assert "X-Page-Cache" not in response


def test_pages_with_forms_are_never_cached(client, content, page_cache):
    from stories.demo.tip_form import build_tip_form_page
    from tests.factories import home_page

    page = build_tip_form_page()
    home_page().add_child(instance=page)
    page.save_revision().publish()

    client.get("/tips-oss/")
    second = client.get("/tips-oss/")

    assert second.get("X-Page-Cache") != "hit"
    assert "csrftoken" in second.cookies


def test_previews_are_never_served_from_the_fragment_cache(client, html, content):
    client.get("/historier/elgen/")
    editor = get_user_model().objects.create_superuser("admin", "a@x.no", "pw")
    client.force_login(editor)
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.title = "Forhåndsvisning"
    story.save_revision()

    preview = client.get(f"/admin/pages/{story.pk}/edit/preview/?mode=")
    live = client.get("/historier/elgen/")

    assert "Forhåndsvisning" in preview.content.decode() or preview.status_code in (
        200,
        302,
    )
    assert html(live).select_one("h1").text == "Elgen kjenner ingen grenser"
