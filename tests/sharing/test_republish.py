"""'Republish this story': the article as clean HTML to copy, with byline,
licence, link back and the photo credits, without pictures that may not be
shared, in the story's language."""

import pytest
from bs4 import BeautifulSoup

from stories.models import ImageReuse
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def image_block(image, credit, caption=""):
    return {
        "type": "image",
        "value": {
            "image": image.pk,
            "alt_text": f"Bilde av {credit}",
            "caption": caption,
            "credit": credit,
        },
    }


@pytest.fixture
def story(content):
    story = content["story"]
    story.hero_credit = "Hanne Hovedbilde"
    story.hero_caption = "Elgen på vei over grensen."
    story.body = [
        {"type": "paragraph", "value": '<p>Les <a href="/historier/">flere</a>.</p>'},
        image_block(ImageFactory(), "Siri Delbar", "En elgku."),
        image_block(ImageFactory(), "Per Privat"),
        {"type": "quote", "value": {"quote": "Det nytter.", "attribution": "Ola"}},
    ]
    story.save_revision().publish()
    return story


def republished(client, html, address):
    panel = html(client.get(address)).select_one("details.republish")
    text = panel.select_one("textarea#republish-html").text
    return panel, BeautifulSoup(text, "html.parser")


def test_the_story_page_offers_the_article_as_html(client, html, story):
    panel, article = republished(client, html, "/historier/elgen/")

    assert panel.select_one("summary").text == "Publiser historien på nytt"
    assert article.select_one("h1").text == "Elgen kjenner ingen grenser"
    assert (
        article.select_one("p strong").text
        == "Forskere på begge sider av grensen følger elgen."
    )
    assert "Av Ola Nordmann" in article.text
    assert article.select("script, style, [class], [style]") == []
    back = article.select_one("footer a[href='http://testserver/historier/elgen/']")
    assert back.text == "Elgen kjenner ingen grenser"
    licence = article.select_one("footer a[rel=license]")
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert licence.text == "CC BY 4.0"


def test_addresses_in_the_html_are_absolute(client, html, story):
    _panel, article = republished(client, html, "/historier/elgen/")

    assert article.select_one("a[href$='/historier/']")["href"] == (
        "http://testserver/historier/"
    )
    assert all(
        img["src"].startswith("http://testserver/media/")
        for img in article.select("img")
    )


def test_every_picture_comes_with_its_credit(client, html, story):
    _panel, article = republished(client, html, "/historier/elgen/")

    captions = [figure.text for figure in article.select("figcaption")]
    assert captions == [
        "Elgen på vei over grensen. Foto: Hanne Hovedbilde",
        "En elgku. Foto: Siri Delbar",
        "Foto: Per Privat",
    ]
    assert "Foto: Hanne Hovedbilde; Siri Delbar; Per Privat" in article.text


def test_a_picture_that_may_not_be_shared_is_left_out_with_its_credit(
    client, html, story
):
    private = story.body[2].value["image"]
    ImageReuse.objects.create(image=private, may_be_shared=False)

    page = html(client.get("/historier/elgen/"))
    _panel, article = republished(client, html, "/historier/elgen/")

    assert len(article.select("img")) == 2
    assert "Per Privat" not in article.text
    assert "Bilde av Per Privat" not in str(article)
    assert "Det nytter." in article.text  # the text around it stays
    # the story itself still shows it
    assert page.select_one("img[alt='Bilde av Per Privat']") is not None


def test_the_english_story_is_republished_in_english(client, html, story, english):
    from wagtail_localize.models import TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(story)
    source.update_from_db()
    for translation in source.translations.all():
        translation.save_target(publish=True)

    panel, article = republished(client, html, "/en/stories/the-moose/")

    assert panel.select_one("summary").text == "Republish this story"
    assert "By Ola Nordmann" in article.text
    assert "Photo: Siri Delbar" in article.text
    assert "This article was first published on testserver:" in article.text
    assert article.select_one("footer a")["href"] == (
        "http://testserver/en/stories/the-moose/"
    )


def test_the_panel_gives_the_card_to_embed_too(client, html, story):
    panel = html(client.get("/historier/elgen/")).select_one("details.republish")
    code = BeautifulSoup(panel.select_one("textarea#embed-code").text, "html.parser")

    assert code.select_one("iframe")["src"] == (
        "http://testserver/historier/elgen/embed/"
    )
