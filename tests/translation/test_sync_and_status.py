import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from home.translations import string_pairs, translate
from stories.models import StoryPage
from tests.content import translated
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator_client(client, people):
    client.force_login(people["translator"])
    return client


@pytest.fixture
def fully_translated(content, english):
    """The story's English translation with its tags translated too: nothing
    is left waiting for a translator."""
    translated(
        content["story"], english, ("vilt", "wildlife"), ("samarbeid", "cooperation")
    )
    return content


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


def test_status_shows_live_missing_and_unfinished_translations(
    translator_client, html, fully_translated, english
):
    content = fully_translated
    StoryPageFactory(parent=content["story_index"], title="Bare norsk")
    unfinished = StoryPageFactory(parent=content["story_index"], title="Utkast")
    translate(unfinished, english, {}, publish=False)

    found = statuses(translator_client, html, type="stories")

    assert found == {
        "Elgen kjenner ingen grenser": "live",
        "Bare norsk": "missing",
        "Utkast": "waiting",
    }


def test_status_filters_by_type_and_status(translator_client, html, content):
    assert set(statuses(translator_client, html, type="projects")) == {
        "Grenseløs viltforvaltning"
    }
    assert statuses(translator_client, html, status="missing") == {}


def test_a_republished_source_marks_its_translation_outdated(
    translator_client, html, fully_translated
):
    republish_with_changes(fully_translated["story"])

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


def test_the_status_report_agrees_with_wagtail_localizes_on_every_page(
    client, html, content, english, people
):
    index = content["story_index"]

    def story(title, **texts):
        page = StoryPageFactory(parent=index, title=title, intro=f"{title} intro")
        page.save_revision().publish()
        return page

    def complete(title):
        return {
            title: f"{title} (en)",
            f"{title} intro": "Intro",
            **string_pairs("<p>Samarbeidet ga resultater.</p>", "<p>It worked.</p>"),
        }

    story("Ikke oversatt")
    translate(story("Venter, utkast"), english, {}, publish=False)
    for title, publish in (("Ferdig utkast", False), ("Ferdig og publisert", True)):
        translate(story(title), english, complete(title), publish=publish)
    outdated = story("Eldre enn kilden")
    translate(outdated, english, complete("Eldre enn kilden"))
    republish_with_changes(outdated)

    editor = people["editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    ours = {
        int(row.a["href"].split("/")[3]): row["data-status"]
        for row in html(
            client.get(reverse("stories_translation_status"), {"target": english.pk})
        ).select("tr[data-status]")
    }
    localize_page = html(
        client.get(
            reverse("wagtail_localize:translations_report"),
            {"source_locale": "nb", "target_locale": "en"},
        )
    )
    theirs = {
        int(cells[1].a["href"].split("/")[3]): cells[3].get_text(strip=True)
        for cells in (row.select("td") for row in localize_page.select("tbody tr"))
        if "/pages/" in cells[1].a["href"]
    }

    assert set(ours.values()) == {"missing", "waiting", "draft", "live", "outdated"}
    for page_id, status in ours.items():
        expected = {
            "missing": None,
            "waiting": "Waiting for translations",
        }.get(status, "Up to date")
        assert theirs.get(page_id) == expected, (Page.objects.get(pk=page_id), status)
