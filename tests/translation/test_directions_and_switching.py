import pytest
from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource

from stories.models import StoryPage
from tests.content import translated
from tests.factories import ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def test_an_english_story_can_be_translated_into_norwegian(
    client, html, content, english
):
    english_index = content["story_index"].get_translation(english)
    story = StoryPageFactory(
        parent=english_index,
        title="Written in English",
        slug="written-in-english",
        intro="An English original.",
        body=[{"type": "paragraph", "value": "<p>Told in English first.</p>"}],
    )
    story.tags.add("fisheries")
    story.save_revision().publish()
    norwegian = Locale.objects.get(language_code="nb")

    translated(
        story,
        norwegian,
        ("Written in English", "Skrevet på engelsk"),
        ("written-in-english", "skrevet-pa-engelsk"),
        ("An English original.", "En engelsk original."),
        ("<p>Told in English first.</p>", "<p>Først fortalt på engelsk.</p>"),
        ("fisheries", "fiskeri"),
    )

    page = html(client.get("/historier/skrevet-pa-engelsk/"))
    assert page.html["lang"] == "nb"
    assert page.select_one("h1").text.strip() == "Skrevet på engelsk"
    assert "Først fortalt på engelsk." in page.select_one(".story__body").text
    assert [a.text for a in page.select(".tags__list a")] == ["fiskeri"]
    switch = page.select_one("nav.language-switcher a[hreflang=en]")
    assert switch["href"] == "/en/stories/written-in-english/"


def test_alt_text_and_captions_reach_translators_but_numbers_and_links_do_not(content):
    image = ImageFactory()
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.body = [
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "Elg i skogen",
                "caption": "Elgen på vei over grensen",
                "credit": "Foto: Kari",
            },
        },
        {
            "type": "key_figures",
            "value": {
                "title": "Nøkkeltall",
                "figures": [
                    {
                        "type": "item",
                        "value": {"value": "35", "label": "merkede dyr"},
                        "id": "f1",
                    }
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "text": "Les rapporten",
                "description": "",
                "page": None,
                "url": "https://interreg.no/rapport",
            },
        },
    ]
    story.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(story)

    strings = set(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    )
    overridable = set(
        OverridableSegment.objects.filter(source=source).values_list(
            "data_json", flat=True
        )
    )

    assert {
        "Elg i skogen",
        "Elgen på vei over grensen",
        "merkede dyr",
        "Les rapporten",
    } <= strings
    assert "35" not in strings
    assert not any("interreg.no/rapport" in text for text in strings)
    assert any("interreg.no/rapport" in data for data in overridable)


def test_a_page_without_translation_switches_to_the_other_languages_section(
    client, html, content
):
    StoryPageFactory(
        parent=content["story_index"], title="Bare norsk", slug="bare-norsk"
    )

    page = html(client.get("/historier/bare-norsk/"))

    assert (
        page.select_one("nav.language-switcher a[hreflang=en]")["href"]
        == "/en/stories/"
    )
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {"nb": "http://testserver/historier/bare-norsk/"}


def test_translated_pages_have_hreflang_alternates_both_ways(client, html, content):
    norwegian = html(client.get("/historier/elgen/"))
    english = html(client.get("/en/stories/the-moose/"))

    def alternates(page):
        return {
            link["hreflang"]: link["href"]
            for link in page.select("link[rel=alternate][hreflang]")
        }

    expected = {
        "nb": "http://testserver/historier/elgen/",
        "en": "http://testserver/en/stories/the-moose/",
    }
    assert alternates(norwegian) == expected
    assert alternates(english) == expected


def test_english_pages_show_no_norwegian_interface_text(client, html, content):
    page = html(client.get("/en/stories/the-moose/"))

    interface = " ".join(
        element.get_text(" ")
        for element in page.select(
            "header, footer, .story__meta, .share, .contact-box h2, .fact-box--project dt"
        )
    )
    norwegian_words = {
        "Historier",
        "Søk",
        "Del",
        "Kontakt",
        "minutt",
        "Hovedpartner",
        "Hopp",
    }
    assert not {word for word in norwegian_words if word in interface}
