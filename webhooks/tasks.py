"""Deliveries run as Django tasks: on the database worker in production."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .delivery import attempt_delivery
from .models import WebhookDelivery


@task()
def deliver_webhook(delivery_id):
    """Try a delivery once, if it is due. A failure schedules the next try: a
    deferred task where the backend can defer (the database worker); otherwise
    `manage.py send_webhooks` sends it when it is due."""
    attempt = attempt_delivery(delivery_id)
    retry_at = attempt.next_attempt_at if attempt is not None else None
    if retry_at is not None and deliver_webhook.get_backend().supports_defer:
        deliver_webhook.using(run_after=retry_at).enqueue(delivery_id)


def queue(delivery_id):
    """Hand a delivery to the task queue."""
    deliver_webhook.enqueue(str(delivery_id))


def resend(delivery, user):
    """Queue a delivery to be sent again now, with the same id and body (a
    receiver that has it already can drop it)."""
    now = timezone.now()
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at=now,
            resent_at=now,
            resent_by=user,
        )
        transaction.on_commit(partial(queue, delivery.pk), robust=True)
