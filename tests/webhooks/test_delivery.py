"""A receiver that is down, failing or hanging is retried with backoff; every
attempt is recorded; retries carry the same delivery id and body."""

import datetime

import pytest

from tests.services.webhooks import HANG
from tests.webhooks.conftest import SECRET, send_due, time_passes
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def test_a_receiver_that_is_down_is_retried_a_minute_later(receivers, story, committed):
    receivers.down()

    committed(story.save_revision().publish)

    delivery = WebhookDelivery.objects.get()
    [attempt] = delivery.attempts.all()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert attempt.response_code is None
    assert "ConnectionError" in attempt.error
    assert "refused" in attempt.error
    assert attempt.next_attempt_at == delivery.next_attempt_at
    assert delivery.next_attempt_at - attempt.attempted_at >= MINUTE


def test_a_receiver_answering_500_is_retried_and_then_gets_it(
    receivers, story, committed
):
    receiver = receivers.answering(500, 200)

    committed(story.save_revision().publish)
    first = WebhookDelivery.objects.get()
    time_passes()
    send_due()

    delivery = WebhookDelivery.objects.get()
    assert first.status == WebhookDelivery.Status.PENDING
    assert first.last_response_code == 500
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.next_attempt_at is None
    assert [
        (a.number, a.response_code, a.succeeded) for a in delivery.attempts.all()
    ] == [(1, 500, False), (2, 200, True)]
    retried, delivered = receiver.received
    assert retried.body == delivered.body
    assert retried.delivery_id == delivered.delivery_id == str(delivery.pk)
    assert delivered.signed_with(SECRET)


def test_a_hanging_receiver_times_out_and_is_retried(receivers, story, committed):
    receiver = receivers.answering(HANG, 200)

    committed(story.save_revision().publish)
    timed_out = WebhookDelivery.objects.get()
    time_passes()
    send_due()

    assert "ReadTimeout" in timed_out.last_error
    assert timed_out.status == WebhookDelivery.Status.PENDING
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.DELIVERED
    # The receiver had the first request all along: it can drop the retry.
    assert len(receiver.received) == 2
    assert len(receiver.unique()) == 1


def test_retries_back_off_exponentially_and_stop_at_the_limit(
    receivers, story, committed, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 4
    receiver = receivers.answering(503)

    committed(story.save_revision().publish)
    for _retry in range(3):
        time_passes()
        send_due()
    time_passes()
    send_due()

    delivery = WebhookDelivery.objects.get()
    attempts = list(delivery.attempts.all())
    waits = [a.next_attempt_at - a.attempted_at for a in attempts[:-1]]
    assert [round(wait / MINUTE) for wait in waits] == [1, 2, 4]
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert attempts[-1].next_attempt_at is None
    assert delivery.attempt_count == 4
    assert len(receiver.received) == 4


def test_a_delivery_is_only_sent_when_due(receivers, story, committed):
    receiver = receivers.answering(500, 200)

    committed(story.save_revision().publish)
    send_due()

    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().attempt_count == 1


def test_a_redirecting_receiver_is_not_followed(receivers, story, committed):
    receiver = receivers.answering(301)

    committed(story.save_revision().publish)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_error == "HTTP 301"
    assert len(receiver.received) == 1
