"""The licence for reuse: chosen in Site settings, narrowed per story, and shown
on the story, in its JSON-LD, in the API and in the feeds."""

import json

import feedparser
import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from home.models import SiteSettings

pytestmark = pytest.mark.django_db

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC_BY_NC = "https://creativecommons.org/licenses/by-nc/4.0/"
CC_BY_NC_ND = "https://creativecommons.org/licenses/by-nc-nd/4.0/"


def site_licence(code):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.licence = code
    settings.save()


def narrow(story, code):
    story.licence = code
    story.save_revision().publish()


def json_ld_article(html, response):
    for script in html(response).select("script[type='application/ld+json']"):
        for item in json.loads(script.string):
            if item.get("@type") == "NewsArticle":
                return item
    raise AssertionError("no NewsArticle")


def test_stories_are_cc_by_by_default_on_the_page(client, html, content):
    line = html(client.get("/historier/elgen/")).select_one(".story__licence")

    assert "Fritt til deling under lisensen CC BY 4.0." in line.text
    assert line.select_one("a[rel=license]")["href"] == CC_BY


def test_the_english_story_says_it_in_english(client, html, content):
    line = html(client.get("/en/stories/the-moose/")).select_one(".story__licence")

    assert "Free to share under the licence CC BY 4.0." in line.text


def test_the_licence_is_in_the_json_ld(client, html, content):
    response = client.get("/historier/elgen/")

    assert json_ld_article(html, response)["license"] == CC_BY


def test_the_licence_is_in_the_api(client, content):
    story = content["story"]

    detail = client.get(f"/api/v2/pages/{story.pk}/").json()

    assert detail["licence"] == {"code": "cc-by-4.0", "name": "CC BY 4.0", "url": CC_BY}


def test_the_licence_is_in_the_feed(client, content):
    feed = feedparser.parse(client.get("/historier/feed/").content)

    assert not feed.bozo
    assert CC_BY in feed.feed.rights
    [entry] = feed.entries
    assert entry.license == CC_BY
    assert "CC BY 4.0" in entry.rights


def test_editors_change_the_sites_licence_everywhere(client, html, content):
    site_licence("cc-by-nc-4.0")

    page = client.get("/historier/elgen/")
    api = client.get(f"/api/v2/pages/{content['story'].pk}/").json()
    feed = feedparser.parse(client.get("/historier/feed/").content)

    assert "CC BY-NC 4.0" in html(page).select_one(".story__licence").text
    assert json_ld_article(html, page)["license"] == CC_BY_NC
    assert api["licence"]["url"] == CC_BY_NC
    assert feed.entries[0].license == CC_BY_NC


def test_a_story_can_narrow_the_licence(client, html, content):
    narrow(content["story"], "cc-by-nc-nd-4.0")

    page = client.get("/historier/elgen/")
    api = client.get(f"/api/v2/pages/{content['story'].pk}/").json()
    feed = feedparser.parse(client.get("/historier/feed/").content)

    assert json_ld_article(html, page)["license"] == CC_BY_NC_ND
    assert api["licence"]["code"] == "cc-by-nc-nd-4.0"
    assert feed.entries[0].license == CC_BY_NC_ND
    assert feed.feed.rights.endswith(CC_BY)  # the feed as a whole keeps the site's


def test_a_story_cannot_widen_the_sites_licence(content):
    site_licence("cc-by-nc-4.0")
    story = content["story"]
    story.licence = "cc-by-sa-4.0"

    with pytest.raises(ValidationError) as error:
        story.full_clean()

    assert "licence" in error.value.message_dict
    story.licence = "cc-by-nc-sa-4.0"
    story.full_clean()


def test_a_story_narrowed_before_the_site_was_narrowed_further_gets_the_sites(
    client, content
):
    narrow(content["story"], "cc-by-sa-4.0")
    site_licence("cc-by-nc-4.0")

    api = client.get(f"/api/v2/pages/{content['story'].pk}/").json()

    assert api["licence"]["code"] == "cc-by-nc-4.0"


def test_the_translation_keeps_the_sources_licence(client, content, english):
    from wagtail_localize.models import TranslationSource

    story = content["story"]
    narrow(story, "cc-by-nd-4.0")
    source, _created = TranslationSource.get_or_create_from_instance(story)
    source.update_from_db()
    for translation in source.translations.all():
        translation.save_target(publish=True)
    english_story = story.get_translation(english)

    api = client.get(f"/api/v2/pages/{english_story.pk}/").json()

    assert api["licence"]["code"] == "cc-by-nd-4.0"
