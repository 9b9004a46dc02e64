import json

import pytest
from wagtail.models import Site

from home.models import SiteSettings
from stories.models import StoryPage
from tests.factories import ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def json_ld(page):
    blocks = [
        json.loads(tag.string)
        for tag in page.select("script[type='application/ld+json']")
    ]
    assert len(blocks) == 1
    return {item["@type"]: item for item in blocks[0]}


def test_a_story_has_news_article_and_breadcrumb_data(client, html, content):
    data = json_ld(html(client.get("/en/stories/the-moose/")))

    article = data["NewsArticle"]
    assert article["headline"] == "The moose knows no borders"
    assert article["inLanguage"] == "en"
    assert article["datePublished"] == "2025-05-01"
    assert article["dateModified"]
    assert article["author"] == [{"@type": "Person", "name": "Ola Nordmann"}]
    assert article["image"][0].startswith("http://testserver/media/")
    assert article["mainEntityOfPage"] == "http://testserver/en/stories/the-moose/"
    crumbs = [item["name"] for item in data["BreadcrumbList"]["itemListElement"]]
    assert crumbs == ["Interreg Stories", "Stories", "The moose knows no borders"]


def test_a_project_has_project_data(client, html, content):
    data = json_ld(html(client.get("/prosjekter/grensevilt/")))

    project = data["Project"]
    assert project["name"] == "Grenseløs viltforvaltning"
    assert project["alternateName"] == "GRENSEVILT"
    assert project["parentOrganization"]["name"] == "Interreg Sverige-Norge"
    assert {member["name"] for member in project["member"]} == {
        "Høgskolen i Innlandet",
        "Karlstads universitet",
    }


def test_pages_have_canonical_open_graph_and_twitter_tags(client, html, content):
    page = html(client.get("/historier/elgen/"))

    def meta(selector):
        return page.select_one(selector)["content"]

    assert (
        page.select_one("link[rel=canonical]")["href"]
        == "http://testserver/historier/elgen/"
    )
    assert meta("meta[property='og:title']") == "Elgen kjenner ingen grenser"
    assert meta("meta[property='og:type']") == "article"
    assert meta("meta[property='og:image:width']") == "1200"
    assert meta("meta[property='og:image:height']") == "630"
    assert meta("meta[name='twitter:card']") == "summary_large_image"


def test_the_description_falls_back_to_the_intro(client, html, content):
    page = html(client.get("/historier/elgen/"))

    assert page.select_one("meta[name=description]")["content"] == (
        "Forskere på begge sider av grensen følger elgen."
    )


def test_an_seo_description_wins_over_the_intro(client, html, content):
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.search_description = "Skrevet for søkemotorer."
    story.save_revision().publish()

    page = html(client.get("/historier/elgen/"))

    assert (
        page.select_one("meta[name=description]")["content"]
        == "Skrevet for søkemotorer."
    )


def test_a_page_without_an_image_shares_the_default_image(client, html, content):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.share_image = ImageFactory(file__width=1600, file__height=900)
    site_settings.name = "Interreg-historier (test)"
    site_settings.x_handle = "interregno"
    site_settings.save()
    StoryPageFactory(parent=content["story_index"], slug="uten-bilde")

    page = html(client.get("/historier/uten-bilde/"))

    assert page.select_one("meta[property='og:image']")["content"].startswith(
        "http://testserver/media/"
    )
    assert (
        page.select_one("meta[property='og:site_name']")["content"]
        == "Interreg-historier (test)"
    )
    assert page.select_one("meta[name='twitter:site']")["content"] == "@interregno"


def test_a_moved_page_keeps_its_old_address(
    client, content, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.slug = "elgen-ny"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    response = client.get("/historier/elgen/")

    assert response.status_code == 301
    assert response["Location"].endswith("/historier/elgen-ny/")


def test_share_links_need_no_third_party_script(client, html, content):
    page = html(client.get("/historier/elgen/"))

    share = page.select_one(".share")
    hrefs = [a["href"] for a in share.select("a")]
    assert any(href.startswith("mailto:") for href in hrefs)
    assert any("linkedin.com" in href for href in hrefs)
    assert any("facebook.com" in href for href in hrefs)
    assert any("x.com" in href for href in hrefs)
    scripts = [script.get("src", "") for script in page.select("script[src]")]
    assert all(src.startswith("/static/") for src in scripts)
