import pytest

from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

STORIES = "/api/v2/pages/?type=stories.StoryPage"


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def titles(client, url):
    return [item["title"] for item in items(client, url)]


def test_a_story_detail_carries_the_contracted_fields(client, content, validate):
    story = content["story"].get_translations().get().specific

    data = client.get(f"/api/v2/pages/{story.pk}/").json()

    validate(data, "StoryPage")
    assert data["meta"]["locale"] == "en"
    assert data["title"] == "The moose knows no borders"
    assert data["intro"] == "Researchers on both sides of the border follow the moose."
    assert data["body"][0] == {
        "type": "paragraph",
        "value": "<p>The cooperation paid off.</p>",
        "id": data["body"][0]["id"],
    }
    assert data["projects"][0]["acronym"] == "GRENSEVILT"
    assert data["projects"][0]["title"] == "Wildlife management without borders"
    assert data["projects"][0]["programme"]["name"] == "Interreg Sweden-Norway"
    assert data["themes"] == [{"code": "PO2", "name": "A greener, low-carbon Europe"}]
    assert data["contact"]["role"] == "Journalist and editor"
    assert data["translations"] == [
        {
            "locale": "nb",
            "id": content["story"].pk,
            "html_url": "http://testserver/historier/elgen/",
        }
    ]
    assert data["meta"]["html_url"] == "http://testserver/en/stories/the-moose/"


def test_images_come_as_renditions_in_several_widths_and_webp(client, content):
    data = client.get(f"/api/v2/pages/{content['story'].pk}/").json()

    renditions = data["hero_image"]["renditions"]
    assert {r["format"] for r in renditions} == {"webp", "jpeg"}
    assert sorted({r["width"] for r in renditions}) == [480, 800, 1200]
    assert all(r["url"].startswith("http://testserver/media/") for r in renditions)


def test_rich_text_links_point_to_page_urls(client, content, english):
    story = StoryPage.objects.get(pk=content["story"].pk)
    project = content["project"]
    story.body = [
        {
            "type": "paragraph",
            "value": f'<p>Les om <a linktype="page" id="{project.pk}">prosjektet</a>.</p>',
        }
    ]
    story.save_revision().publish()

    body = client.get(f"/api/v2/pages/{story.pk}/").json()["body"]

    assert (
        body[0]["value"]
        == '<p>Les om <a href="/prosjekter/grensevilt/">prosjektet</a>.</p>'
    )
    assert "linktype" not in body[0]["value"]


def test_a_project_detail_validates_against_the_schema(client, content, validate):
    data = client.get(f"/api/v2/pages/{content['project'].pk}/").json()

    validate(data, "ProjectPage")
    assert data["programme"]["slug"] == "sverige-norge"
    assert data["total_budget_eur"] == 2000000
    assert [p["organisation"] for p in data["partners"]] == [
        "Høgskolen i Innlandet",
        "Karlstads universitet",
    ]


def test_listings_validate_and_filter_by_locale(client, content, validate):
    response = client.get(f"{STORIES}&fields=*&locale=en")

    for item in response.json()["items"]:
        validate(item, "StoryPageItem")
    assert [item["meta"]["locale"] for item in response.json()["items"]] == ["en"]


def test_translation_of_finds_the_other_language(client, content):
    found = items(client, f"/api/v2/pages/?translation_of={content['story'].pk}")

    assert [item["title"] for item in found] == ["The moose knows no borders"]


def test_stories_filter_by_tag_project_programme_and_theme(client, content):
    other = StoryPageFactory(parent=content["story_index"], title="Annen historie")
    other.tags.add("annet")
    other.save_revision().publish()
    project_id = content["project"].pk

    assert titles(client, f"{STORIES}&locale=nb&tags=vilt") == [
        "Elgen kjenner ingen grenser"
    ]
    assert titles(client, f"{STORIES}&locale=nb&project={project_id}") == [
        "Elgen kjenner ingen grenser"
    ]
    english_project = content["project"].get_translations().get().pk
    assert titles(client, f"{STORIES}&project={english_project}&locale=en") == [
        "The moose knows no borders"
    ]
    assert titles(client, f"{STORIES}&programme=sverige-norge&locale=nb") == [
        "Elgen kjenner ingen grenser"
    ]
    assert titles(client, f"{STORIES}&theme=PO2&locale=en") == [
        "The moose knows no borders"
    ]
    assert titles(client, f"{STORIES}&theme=PO9") == []


def test_projects_filter_by_programme_period_theme_county_and_status(client, content):
    from stories.models import County, ProjectPage

    project = ProjectPage.objects.get(pk=content["project"].pk)
    project.counties.set([County.objects.get(number="34")])
    project.save_revision().publish()
    base = "/api/v2/pages/?type=stories.ProjectPage&locale=nb"

    assert titles(client, f"{base}&programme=sverige-norge") == [
        "Grenseløs viltforvaltning"
    ]
    assert titles(client, f"{base}&period=2021-2027") == ["Grenseløs viltforvaltning"]
    assert titles(client, f"{base}&period=2014-2020") == []
    assert titles(client, f"{base}&theme=PO2") == ["Grenseløs viltforvaltning"]
    assert titles(client, f"{base}&county=34") == ["Grenseløs viltforvaltning"]
    assert titles(client, f"{base}&county=03") == []
    assert titles(client, f"{base}&status=active") == ["Grenseløs viltforvaltning"]
    assert titles(client, f"{base}&status=completed") == []


def test_search_and_order(client, content):
    StoryPageFactory(
        parent=content["story_index"], title="Aaa først", intro="Om elgen."
    )

    ordered = titles(client, f"{STORIES}&locale=nb&order=title")
    found = titles(client, f"{STORIES}&locale=nb&search=elgen")

    assert ordered == sorted(ordered)
    assert "Elgen kjenner ingen grenser" in found
