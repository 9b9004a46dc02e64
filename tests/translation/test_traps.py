"""Translation without traps: slugs follow translated titles, the editor says on
which tab strings are missing, and names, credits, numbers and codes are never
offered for translation."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.translations import translate
from stories.models import StoryPage
from tests.factories import ContactFactory, ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_story(content, english):
    """A Norwegian story just submitted for translation into English."""
    story = StoryPageFactory(
        parent=content["story_index"],
        title="Ulven følger elgen",
        slug="ulven-folger-elgen",
        seo_title="Ulv og elg over grensen",
    )
    story.save_revision().publish()
    translate(story, english, {}, publish=False)
    return story


def editor_translation(story, english):
    return Translation.objects.get(
        source__object_id=story.translation_key, target_locale=english
    )


def translate_string(client, translation, path, text):
    """What the translation editor sends when a translator saves one string."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


@pytest.fixture
def publish_from_editor(client, django_capture_on_commit_callbacks):
    """Press "Publish in English" in the translation editor."""

    def publish(page):
        # wagtail-localize publishes when the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                {"action": "publish"},
            )

    return publish


def test_a_translation_gets_its_slug_from_its_translated_title(
    client, people, new_story, english, publish_from_editor
):
    translation = editor_translation(new_story, english)
    client.force_login(people["editor"])
    translate_string(client, translation, "title", "The wolf follows the moose")

    publish_from_editor(new_story.get_translation(english))

    english_story = Page.objects.get(pk=new_story.get_translation(english).pk)
    assert english_story.live
    assert english_story.slug == "the-wolf-follows-the-moose"
    assert english_story.url == "/en/stories/the-wolf-follows-the-moose/"


def test_a_slug_the_translator_writes_is_kept(client, people, new_story, english):
    translation = editor_translation(new_story, english)
    client.force_login(people["translator"])
    translate_string(client, translation, "slug", "wolf-and-moose")
    translate_string(client, translation, "title", "The wolf follows the moose")
    translate_string(client, translation, "title", "Wolf follows moose")

    translation.save_target(publish=True)

    assert new_story.get_translation(english).slug == "wolf-and-moose"


def test_the_slug_follows_the_title_until_the_translation_is_published(
    client, people, new_story, english, publish_from_editor
):
    translation = editor_translation(new_story, english)
    client.force_login(people["editor"])
    translate_string(client, translation, "title", "A wolf")
    translate_string(client, translation, "title", "The wolf follows the moose")
    publish_from_editor(new_story.get_translation(english))

    translate_string(client, translation, "title", "Wolves follow moose")
    publish_from_editor(new_story.get_translation(english))

    english_story = Page.objects.get(pk=new_story.get_translation(english).pk)
    assert english_story.title == "Wolves follow moose"
    assert english_story.slug == "the-wolf-follows-the-moose"


def test_a_published_translation_keeps_its_address_when_the_source_slug_changes(
    content, english
):
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.slug = "elgen-uten-grenser"
    story.save_revision().publish()

    translate(story, english, {})

    assert story.get_translation(english).slug == "the-moose"


def test_the_editor_says_on_which_tab_strings_are_missing(
    client, people, new_story, english, publish_from_editor
):
    translation = editor_translation(new_story, english)
    client.force_login(people["editor"])
    body = StringSegment.objects.get(
        source=translation.source, context__path__startswith="body."
    )
    for path in ("title", "intro", body.context.path):
        translate_string(client, translation, path, f"English {path}")

    response = publish_from_editor(new_story.get_translation(english))
    shown = client.get(response["Location"])

    messages = [str(message) for message in shown.context["messages"]]
    assert "Ikke oversatt ennå: 1 tekst på fanen «Fremhev»." in messages


def test_the_review_screen_says_what_is_left_to_translate(
    client, people, new_story, english, html
):
    client.force_login(people["translator"])

    page = html(
        client.get(
            reverse(
                "stories_submit_translation",
                args=[new_story.get_translation(english).pk],
            )
        )
    )

    warning = page.select_one(".help-warning").get_text(" ", strip=True)
    # Content: title, intro, body; Promote: the slug and the SEO title.
    assert warning == (
        "Ikke oversatt ennå: 3 tekster på fanen «Innhold» og "
        "2 tekster på fanen «Fremhev»."
    )


def test_names_credits_numbers_and_codes_are_never_offered_for_translation(
    content,
):
    photo = ImageFactory()
    story = StoryPageFactory(
        parent=content["story_index"],
        title="Alt i én historie",
        byline="Ola Nordmann",
        hero_image=photo,
        hero_credit="Even Hagen",
        contact=ContactFactory(name="Kari Nordmann", phone="+47 22 00 00 00"),
        body=[
            {
                "type": "image",
                "value": {
                    "image": photo.pk,
                    "alt_text": "Elg i skogen",
                    "caption": "",
                    "credit": "Even Hagen",
                },
            },
            {
                "type": "gallery",
                "value": {
                    "title": "",
                    "images": [
                        {
                            "type": "item",
                            "id": f"g{number}",
                            "value": {
                                "image": photo.pk,
                                "alt_text": "Reinsdyr",
                                "caption": "",
                                "credit": "Tone Mykland",
                            },
                        }
                        for number in (1, 2)
                    ],
                },
            },
            {
                "type": "key_figures",
                "value": {
                    "title": "",
                    "figures": [
                        {
                            "type": "item",
                            "id": "f1",
                            "value": {"value": "3 400 000", "label": "kroner"},
                        }
                    ],
                },
            },
        ],
    )
    project = content["project"]
    never = {
        "Ola Nordmann",
        "Even Hagen",
        "Tone Mykland",
        "3 400 000",
        "Kari Nordmann",
        "+47 22 00 00 00",
        project.acronym,
        project.lead_partner,
        "Karlstads universitet",
        content["theme"].code,
        content["programme"].slug,
    }

    offered = set()
    for instance in (story, project, story.contact, content["theme"]):
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        offered |= set(
            StringSegment.objects.filter(source=source).values_list(
                "string__data", flat=True
            )
        )

    assert {"Elg i skogen", "Reinsdyr", "kroner"} <= offered
    assert not never & offered
