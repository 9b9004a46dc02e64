import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from home.translations import translate
from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator_client(client, people):
    client.force_login(people["translator"])
    return client


def statuses(client, html, **filters):
    response = client.get(reverse("stories_translation_status"), filters)
    assert response.status_code == 200
    rows = html(response).select("tr[data-status]")
    return {row.td.text.strip(): row["data-status"] for row in rows}


def republish_with_changes(story):
    story = StoryPage.objects.get(pk=story.pk)
    story.date = datetime.date(2026, 1, 15)
    story.intro = "Nå følger forskerne også ulven."
    story.save_revision().publish()
    return story


def test_status_shows_live_missing_and_draft_translations(
    translator_client, html, content, english
):
    StoryPageFactory(parent=content["story_index"], title="Bare norsk")
    draft_source = StoryPageFactory(parent=content["story_index"], title="Utkast")
    translate(draft_source, english, {}, publish=False)

    found = statuses(translator_client, html, type="stories")

    assert found == {
        "Elgen kjenner ingen grenser": "live",
        "Bare norsk": "missing",
        "Utkast": "draft",
    }


def test_status_filters_by_type_and_status(translator_client, html, content):
    assert set(statuses(translator_client, html, type="projects")) == {
        "Grenseløs viltforvaltning"
    }
    assert statuses(translator_client, html, status="missing") == {}


def test_a_republished_source_marks_its_translation_outdated(
    translator_client, html, content
):
    republish_with_changes(content["story"])

    assert statuses(translator_client, html, status="outdated") == {
        "Elgen kjenner ingen grenser": "outdated"
    }


def test_syncing_brings_synced_values_and_keeps_translated_text(
    translator_client, html, content, english
):
    story = republish_with_changes(content["story"])
    source = TranslationSource.objects.get(
        object_id=story.translation_key, locale=story.locale
    )
    admin = User.objects.create_superuser("admin", "a@example.no", "pw")
    translator_client.force_login(admin)

    response = translator_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )

    assert response.status_code == 302
    english_story = story.get_translation(english)
    assert english_story.date == datetime.date(2026, 1, 15)
    assert english_story.title == "The moose knows no borders"
    # The changed intro is new source text: it waits for a translator, shown in
    # the source language until then.
    assert english_story.intro == "Nå følger forskerne også ulven."
    assert statuses(translator_client, html, status="outdated") == {}
