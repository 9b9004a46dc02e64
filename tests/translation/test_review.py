"""Translators translate and send for review; moderators approve and publish."""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState
from wagtail_localize.models import StringTranslation, Translation

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_draft(content, english):
    """A new Norwegian story, translated into English but not yet published."""
    from home.translations import translate

    story = StoryPageFactory(
        parent=content["story_index"], title="Ny historie", slug="ny"
    )
    return translate(story, english, {}, publish=False).specific


def test_a_translator_may_edit_but_not_publish_translations(people, english_draft):
    permissions = english_draft.permissions_for_user(people["translator"])

    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_a_translator_cannot_publish_from_the_translation_editor(
    client, people, english_draft
):
    client.force_login(people["translator"])

    # A synced translation's edit view is wagtail-localize's translation editor.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[english_draft.pk]),
        {"action": "publish"},
    )

    # Wagtail's admin answers a refused action with a redirect to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert not Page.objects.get(pk=english_draft.pk).live


def test_translation_goes_through_review_to_publication(
    client, people, english_draft, english
):
    translation = Translation.objects.get(
        source__object_id=english_draft.translation_key, target_locale=english
    )
    segment = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=english,
        context=segment.context,
        data="A new story",
        translation_type="manual",
    )
    client.force_login(people["translator"])

    submitted = client.post(
        reverse("stories_submit_translation", args=[english_draft.pk])
    )

    assert submitted.status_code == 302
    page = Page.objects.get(pk=english_draft.pk)
    assert page.workflow_in_progress
    assert not page.live
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk))

    client.force_login(people["moderator"])
    approved = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )

    assert approved.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.title == "A new story"
    assert client.get(page.url).status_code == 200


def test_only_translations_with_a_workflow_can_be_sent_for_review(
    client, people, content
):
    client.force_login(people["translator"])

    response = client.get(
        reverse("stories_submit_translation", args=[content["story"].pk])
    )

    assert response.status_code == 302
    assert not Page.objects.get(pk=content["story"].pk).workflow_in_progress
