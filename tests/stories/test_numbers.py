"""Numbers, amounts and reading times written the way each language writes them."""

import pytest

from stories.models import StoryPage
from tests.content import translated

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def text_of(html, response, selector):
    return html(response).select_one(selector).get_text(" ", strip=True)


def test_amounts_read_as_each_language_writes_them(client, html, content):
    norwegian = text_of(html, client.get("/prosjekter/grensevilt/"), ".funding__line")
    english = text_of(
        html,
        client.get("/en/projects/wildlife-management-without-borders/"),
        ".funding__line",
    )

    assert f"3{NBSP}500{NBSP}000{NBSP}kr" in norwegian
    assert f"2{NBSP}000{NBSP}000{NBSP}euro" in norwegian
    assert f"NOK{NBSP}3,500,000" in english
    assert f"EUR{NBSP}2,000,000" in english


def test_reading_time_is_short_in_both_languages(client, html, content):
    norwegian = text_of(html, client.get("/historier/elgen/"), ".story__meta")
    english = text_of(html, client.get("/en/stories/the-moose/"), ".story__meta")

    assert "1 min lesetid" in norwegian
    assert "1 min read" in english


def test_key_figures_group_digits_the_languages_way(client, html, content, english):
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.body = [
        {
            "type": "key_figures",
            "value": {
                "title": "Nøkkeltall",
                "figures": [
                    {"type": "item", "id": f"f{n}", "value": figure}
                    for n, figure in enumerate(
                        [
                            {"value": "340 000", "label": "dyr"},
                            {"value": "4,5", "label": "millioner"},
                            {"value": "2025", "label": "år"},
                            {"value": "2007–2013", "label": "periode"},
                            {"value": "40+", "label": "partnere"},
                        ]
                    )
                ],
            },
        }
    ]
    story.save_revision().publish()
    translated(story, english, ("Nøkkeltall", "Key figures"))

    def figures(url):
        return [dd.text for dd in html(client.get(url)).select(".key-figures dd")]

    assert figures("/historier/elgen/") == [
        f"340{NBSP}000",
        "4,5",
        "2025",
        "2007–2013",
        "40+",
    ]
    assert figures("/en/stories/the-moose/") == [
        "340,000",
        "4.5",
        "2025",
        "2007–2013",
        "40+",
    ]
