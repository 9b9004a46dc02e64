"""What happened to which page, recorded as one delivery for every receiver.

The payload is built while the page is still there (a deleted page's address and
locale are read before its row goes), stored as the exact body every attempt
sends, and handed to the task queue only once the change is committed: a change
that rolls back notifies no one, and publishing never waits for a receiver.
"""

import json
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import WebhookDelivery
from .tasks import queue


def page_type(page):
    """The page's type as the API names it, e.g. `stories.StoryPage`."""
    model = page.specific_class or type(page)
    return f"{model._meta.app_label}.{model.__name__}"


def addresses(page):
    """The page's absolute address on the site and in the API: on
    WAGTAILAPI_BASE_URL when it is set, otherwise on the page's site."""
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    api_path = reverse("wagtailapi:pages:detail", args=[page.pk])
    parts = page.get_url_parts()
    if parts is None:
        return None, base + api_path
    _site_id, root_url, page_path = parts
    base = base or root_url
    return base + page_path, base + api_path


def payload(event, page, occurred_at):
    html_url, api_url = addresses(page)
    return {
        "event": event,
        "id": page.pk,
        "type": page_type(page),
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "html_url": html_url,
        "api_url": api_url,
        "occurred_at": occurred_at.isoformat(),
    }


def record(event, page):
    """One delivery of `event` about `page` for every receiver in WEBHOOK_URLS,
    queued when the current transaction commits."""
    if not settings.WEBHOOK_URLS:
        return []
    now = timezone.now()
    body = json.dumps(payload(event, page, now), ensure_ascii=False)
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            event=event,
            url=url,
            page_id=page.pk,
            page_title=page.title[:255],
            body=body,
            created_at=now,
            next_attempt_at=now,
        )
        for url in settings.WEBHOOK_URLS
    )
    for delivery in deliveries:
        # robust: a queue that is down must not undo a committed publish; the
        # delivery stays due and `send_webhooks` sends it.
        transaction.on_commit(partial(queue, delivery.pk), robust=True)
    return deliveries
