"""Every receiver gets a signed POST when a page is published, unpublished, moved
or deleted, and when a translation is published; nothing else sends anything."""

import datetime
import uuid

import pytest
from django.db import transaction
from wagtail.models import Page, PageViewRestriction

from tests.content import translated
from tests.factories import StoryIndexPageFactory, StoryPageFactory, home_page
from tests.webhooks.conftest import SECRET
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

FIELDS = {
    "event",
    "id",
    "type",
    "locale",
    "translation_key",
    "html_url",
    "api_url",
    "occurred_at",
}


def test_publishing_posts_a_signed_page_published_event(receivers, story, committed):
    receiver = receivers.answering(200)

    committed(story.save_revision().publish)

    [request] = receiver.received
    assert request.payload == {
        "event": "page.published",
        "id": story.pk,
        "type": "stories.StoryPage",
        "locale": "nb",
        "translation_key": str(story.translation_key),
        "html_url": "http://localhost/historier/elgen/",
        "api_url": f"http://localhost/api/v2/pages/{story.pk}/",
        "occurred_at": request.payload["occurred_at"],
    }
    occurred = datetime.datetime.fromisoformat(request.payload["occurred_at"])
    assert occurred.utcoffset() == datetime.timedelta(0)
    assert request.headers["Content-Type"] == "application/json"
    assert request.signed_with(SECRET)
    assert not request.signed_with("another secret")
    delivery = WebhookDelivery.objects.get()
    assert request.delivery_id == str(delivery.pk)
    assert delivery.status == WebhookDelivery.Status.DELIVERED


def test_addresses_use_the_api_base_url_when_set(receivers, story, committed, settings):
    settings.WAGTAILAPI_BASE_URL = "https://interreg.no"
    receiver = receivers.answering(200)

    committed(story.save_revision().publish)

    payload = receiver.received[0].payload
    assert payload["html_url"] == "https://interreg.no/historier/elgen/"
    assert payload["api_url"] == f"https://interreg.no/api/v2/pages/{story.pk}/"


def test_publishing_a_translation_posts_its_own_event(
    receivers, content, english, committed
):
    receiver = receivers.answering(200)
    story = content["story"]

    committed(translated, story, english, ("elgen", "the-moose-roams"))

    [request] = receiver.received
    english_story = story.get_translation(english)
    assert request.payload["event"] == "page.published"
    assert request.payload["id"] == english_story.pk
    assert request.payload["locale"] == "en"
    assert request.payload["translation_key"] == str(story.translation_key)
    assert request.payload["html_url"] == "http://localhost/en/stories/the-moose-roams/"


def test_unpublishing_posts_page_unpublished(receivers, story, committed):
    receiver = receivers.answering(200)

    committed(story.unpublish)

    [request] = receiver.received
    assert request.payload["event"] == "page.unpublished"
    assert request.payload["id"] == story.pk
    assert set(request.payload) == FIELDS


def test_deleting_posts_page_deleted_for_every_live_page_it_takes(
    receivers, story, committed
):
    receiver = receivers.answering(200)
    index = story.get_parent()
    draft = StoryPageFactory(parent=index, slug="utkast")
    draft.unpublish()
    index_id, story_id = index.pk, story.pk

    committed(Page.objects.get(pk=index_id).delete)

    assert not Page.objects.filter(pk__in=[index_id, story_id]).exists()
    sent = sorted((r.payload["event"], r.payload["id"]) for r in receiver.received)
    assert sent == sorted([("page.deleted", index_id), ("page.deleted", story_id)])
    events = {request.payload["id"]: request.payload for request in receiver.received}
    assert events[story_id]["html_url"] == "http://localhost/historier/elgen/"
    assert events[story_id]["type"] == "stories.StoryPage"
    assert events[story_id]["locale"] == "nb"


def test_moving_posts_page_moved_with_the_new_address(receivers, story, committed):
    archive = StoryIndexPageFactory(parent=home_page(), slug="arkiv")
    receiver = receivers.answering(200)

    committed(story.move, archive, pos="last-child")

    [request] = receiver.received
    assert request.payload["event"] == "page.moved"
    assert request.payload["id"] == story.pk
    assert request.payload["html_url"] == "http://localhost/arkiv/elgen/"


def test_reordering_pages_sends_nothing(receivers, story, committed):
    receiver = receivers.answering(200)
    sibling = StoryPageFactory(parent=story.get_parent(), slug="annen")
    sibling.save_revision().publish()
    receiver.received.clear()

    committed(story.move, sibling, pos="right")

    assert receiver.received == []


def test_drafts_and_saves_without_publishing_send_nothing(receivers, story, committed):
    receiver = receivers.answering(200)

    story.title = "Ny tittel"
    committed(story.save_revision)
    committed(StoryPageFactory, parent=story.get_parent(), live=False, slug="utkast")

    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_publishing_a_private_page_sends_nothing(receivers, story, committed):
    receiver = receivers.answering(200)
    PageViewRestriction.objects.create(page=story, restriction_type="login")

    committed(story.save_revision().publish)

    assert receiver.received == []


def test_a_publish_that_rolls_back_notifies_no_one(receivers, story, committed):
    receiver = receivers.answering(200)

    def publish_then_fail():
        with transaction.atomic():
            story.save_revision().publish()
            transaction.set_rollback(True)

    committed(publish_then_fail)

    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_every_receiver_gets_its_own_delivery(receivers, story, committed):
    first, second = receivers.answering(200), receivers.answering(200)

    committed(story.save_revision().publish)

    [to_first], [to_second] = first.received, second.received
    assert to_first.body == to_second.body
    assert to_first.delivery_id != to_second.delivery_id
    assert {uuid.UUID(r.delivery_id) for r in (to_first, to_second)} == set(
        WebhookDelivery.objects.values_list("pk", flat=True)
    )
