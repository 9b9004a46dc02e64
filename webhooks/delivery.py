"""Sending one delivery: a signed POST with bounded time-outs, every attempt
recorded, retries with exponential backoff up to WEBHOOK_MAX_ATTEMPTS."""

import datetime
import hashlib
import hmac
import logging

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WebhookAttempt, WebhookDelivery

logger = logging.getLogger(__name__)

# The first retry comes a minute after a failure, each next one twice as late.
RETRY_SECONDS = 60
CONNECT_TIMEOUT = 5
USER_AGENT = "InterregStories-Webhooks/1.0"


def signature(body, secret):
    """`sha256=<hex HMAC-SHA256 of the raw body>`, as X-Interreg-Signature."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def post(delivery):
    """POST the delivery's body once. Returns (response code or None, error)."""
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Interreg-Signature": signature(body, settings.WEBHOOK_SECRET),
        "X-Interreg-Delivery": str(delivery.pk),
    }
    timeout = (min(CONNECT_TIMEOUT, settings.WEBHOOK_TIMEOUT), settings.WEBHOOK_TIMEOUT)
    try:
        # stream: only the status line and headers are awaited, never the body.
        with requests.post(
            delivery.url,
            data=body,
            headers=headers,
            timeout=timeout,
            allow_redirects=False,
            stream=True,
        ) as response:
            code = response.status_code
    except requests.RequestException as error:
        return None, describe(error, timeout)
    if 200 <= code < 300:
        return code, ""
    return code, f"HTTP {code}"


def describe(error, timeout):
    """A short account of a failed request, for the admin and the log."""
    connect, read = timeout
    if isinstance(error, requests.ConnectTimeout):
        return f"ConnectTimeout: no connection within {connect} s"
    if isinstance(error, requests.ReadTimeout):
        return f"ReadTimeout: no answer within {read} s"
    reason = error
    while reason.__cause__ or reason.__context__:
        reason = reason.__cause__ or reason.__context__
    return f"{type(error).__name__}: {reason}"[:1000]


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed attempt."""
    return datetime.timedelta(seconds=RETRY_SECONDS * 2 ** (attempts - 1))


def attempt_delivery(delivery_id):
    """Try to deliver once, if the delivery is waiting and due (and no other
    worker has it). Returns the attempt, or None when there was nothing to do."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(
                pk=delivery_id,
                status=WebhookDelivery.Status.PENDING,
                next_attempt_at__lte=timezone.now(),
            )
            .first()
        )
        if delivery is None:
            return None
        started = timezone.now()
        code, error = post(delivery)
        delivery.attempt_count += 1
        delivery.last_response_code = code
        delivery.last_error = error
        if not error:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = timezone.now()
            delivery.next_attempt_at = None
        elif delivery.attempt_count < settings.WEBHOOK_MAX_ATTEMPTS:
            delivery.next_attempt_at = timezone.now() + retry_delay(
                delivery.attempt_count
            )
        else:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = None
        delivery.save()
        attempt = WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempt_count,
            attempted_at=started,
            succeeded=not error,
            response_code=code,
            error=error,
            next_attempt_at=delivery.next_attempt_at,
        )
    if error:
        logger.warning(
            "Webhook delivery %s to %s failed (attempt %s): %s",
            delivery.pk,
            delivery.url,
            delivery.attempt_count,
            error,
        )
    return attempt


def due_deliveries():
    """Ids of the deliveries waiting for an attempt that is due now."""
    return WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
