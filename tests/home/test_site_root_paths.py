"""A request reads Wagtail's site root paths with its site (home/frame.py's
`find_site`), not from the shared cache: the same list Wagtail's
`Site.get_site_root_paths()` makes, for several sites, and never stale."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Page, Site

from home.frame import find_site
from home.models import HomePage
from tests.factories import home_page

pytestmark = pytest.mark.django_db


def wagtails():
    cache.clear()
    return Site.get_site_root_paths()


def read_with_the_site(host):
    request = RequestFactory().get("/", HTTP_HOST=host)
    find_site(request)
    return request._wagtail_cached_site_root_paths


@pytest.fixture
def several_sites(content, settings):
    settings.ALLOWED_HOSTS = ["*"]
    default = Site.objects.get(is_default_site=True)
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Annen", slug="annen")
    )
    Site.objects.create(hostname="annen.example", port=8080, root_page=other_home)
    # A second hostname for the default site's home page, and a site whose
    # root lies below the default site's home page (the most specific first).
    Site.objects.create(hostname="alias.example", port=443, root_page=default.root_page)
    section = content["story_index"]
    Site.objects.create(hostname="seksjon.example", port=80, root_page=section)
    return default


@pytest.mark.parametrize(
    "host",
    ["localhost", "annen.example:8080", "alias.example:443", "seksjon.example"],
)
def test_the_root_paths_are_wagtails_own_for_every_site(several_sites, host):
    assert len(wagtails()) >= 5
    assert read_with_the_site(host) == wagtails()


def test_a_renamed_home_page_is_seen_on_the_next_request(several_sites):
    english_home = home_page("en")
    before = read_with_the_site("localhost")
    assert english_home.url_path in [path.root_path for path in before]
    english_home.slug = "the-stories"
    english_home.save_revision().publish()

    paths = read_with_the_site("localhost")
    assert "/the-stories/" in [path.root_path for path in paths]
    assert english_home.url_path not in [path.root_path for path in paths]
    assert paths == wagtails()
