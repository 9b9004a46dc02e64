"""Every cache shows a published change at once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from stories.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def fragment_cache(settings):
    settings.FRAGMENT_CACHE = True


@pytest.fixture
def api_cache(settings):
    settings.API_CACHE_SECONDS = 600


def headers_of(response):
    """Every header but the one that says hit or miss."""
    return {
        name: value
        for name, value in response.headers.items()
        if name != "X-Page-Cache"
    }


SECURITY_AND_CACHING = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Content-Language",
    "Vary",
    "Cache-Control",
    "ETag",
)


@pytest.mark.parametrize("path", ["/historier/elgen/", "/en/stories/the-moose/", "/"])
def test_a_page_from_the_page_cache_has_exactly_the_headers_of_a_fresh_render(
    client, content, page_cache, path
):
    miss = client.get(path)
    hit = client.get(path)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert headers_of(hit) == headers_of(miss)
    assert all(name in hit for name in SECURITY_AND_CACHING)
    assert hit["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]


def test_an_api_response_from_the_cache_has_exactly_the_headers_of_a_fresh_one(
    client, content, api_cache
):
    path = f"/api/v2/pages/{content['story'].pk}/"
    miss = client.get(path)
    hit = client.get(path)

    assert headers_of(hit) == headers_of(miss)
    assert hit.content == miss.content
    assert all(name in hit for name in ("ETag", "Vary", "Cache-Control", "Allow"))


@pytest.mark.parametrize(
    "path", ["/historier/elgen/", "/api/v2/pages/?type=stories.StoryPage"]
)
def test_if_none_match_gets_a_304_from_a_miss_and_from_a_hit(
    client, content, page_cache, api_cache, path, django_assert_num_queries
):
    etag = client.get(path)["ETag"]
    cache.clear()

    from_a_miss = client.get(path, HTTP_IF_NONE_MATCH=etag)
    with django_assert_num_queries(0):  # a hit renders nothing
        from_a_hit = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert from_a_miss.status_code == 304
    assert from_a_hit.status_code == 304
    assert from_a_hit["ETag"] == etag


def test_a_cdn_keeps_a_page_no_later_than_midnight(client, content, page_cache):
    with time_machine.travel(
        datetime.datetime(2026, 3, 2, 23, 55, tzinfo=ZoneInfo("Europe/Oslo")),
        tick=False,
    ):
        response = client.get("/historier/elgen/")

    assert "s-maxage=300" in response["Cache-Control"]


def retitle(content, title):
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.title = title
    story.save_revision().publish()


def test_anonymous_readers_get_cached_pages(client, content, page_cache):
    # At noon: in the last ten minutes before midnight (Oslo) the lifetime is
    # shorter, on purpose (the test above), and CI once ran then.
    noon = datetime.datetime.combine(
        timezone.localdate(), datetime.time(12), tzinfo=ZoneInfo("Europe/Oslo")
    )
    with time_machine.travel(noon):
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
    client, html, content, fragment_cache
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


def test_a_published_change_shows_at_once_in_the_api(client, content, api_cache):
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


def test_previews_are_never_served_from_the_fragment_cache(
    client, html, content, fragment_cache
):
    client.get("/historier/elgen/")
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.title = "Forhåndsvisning"
    revision = story.save_revision()

    preview = revision.as_object().make_preview_request()
    live = client.get("/historier/elgen/")

    assert preview.status_code == 200
    assert html(preview).select_one("h1").text == "Forhåndsvisning"
    assert html(live).select_one("h1").text == "Elgen kjenner ingen grenser"


PROJECT_STATUS_ADDRESSES = ["/prosjekter/grensevilt/", "/prosjekter/"]


@pytest.mark.parametrize("caches", ["page", "fragment", "api"])
def test_a_project_shows_as_completed_the_day_after_it_ends_with_every_cache_warm(
    client, html, content, settings, caches
):
    settings.PAGE_CACHE_SECONDS = 600 if caches == "page" else 0
    settings.FRAGMENT_CACHE = caches == "fragment"
    settings.API_CACHE_SECONDS = 600 if caches == "api" else 0
    project = content["project"]
    api = f"/api/v2/pages/{project.pk}/"
    last_day = project.end_date
    oslo = ZoneInfo("Europe/Oslo")

    with time_machine.travel(
        datetime.datetime.combine(last_day, datetime.time(23, 59), tzinfo=oslo)
    ):
        pages = [client.get(path) for path in PROJECT_STATUS_ADDRESSES]
        assert all("Aktivt" in page.content.decode() for page in pages)
        assert client.get(api).json()["status"] == "active"
    with time_machine.travel(
        datetime.datetime.combine(
            last_day + datetime.timedelta(days=1), datetime.time(0, 1), tzinfo=oslo
        )
    ):
        pages = [client.get(path) for path in PROJECT_STATUS_ADDRESSES]
        assert all("Avsluttet" in page.content.decode() for page in pages)
        assert "Aktivt" not in pages[0].content.decode()
        assert client.get(api).json()["status"] == "completed"
