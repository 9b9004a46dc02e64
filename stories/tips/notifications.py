"""E-mail about new tips: to the editorial address, and a confirmation to the sender.

Sending runs as a Django task after the tip is committed. If the mail server is
down the tip stays stored, the error is recorded on it (and shown in the admin),
and sending is retried: by a deferred task where the task backend can defer
(the database worker), and by `manage.py send_tip_notifications`, which sends
everything still pending and is safe to run as often as you like.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Site

from home.models import SiteSettings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def notify_on_new_tip(sender, instance, created, raw=False, **kwargs):
    """A new tip's e-mail is queued once the tip is committed (post_save)."""
    if created and not raw:
        tip_id = instance.pk
        transaction.on_commit(lambda: queue_notification(tip_id))


def queue_notification(tip_id):
    try:
        notify_editors.enqueue(tip_id)
    except Exception:
        # The worker queue being unavailable must not fail the request: the tip
        # is stored, and send_tip_notifications picks it up.
        logger.exception("Could not queue the notification for tip %s", tip_id)


def editorial_settings():
    """The default site's settings: the editorial office's address and choices."""
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def _tip_url(tip):
    return f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/stories/tip/edit/{tip.pk}/"


def build_messages(tip, editorial):
    """The editors' notification and, if asked for, the sender's confirmation."""
    context = {"tip": tip, "fields": tip.labelled_data(), "admin_url": _tip_url(tip)}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(
            "stories/tips/email/notification_subject.txt", context
        )
        messages = [
            EmailMessage(
                subject=" ".join(subject.split()),
                body=render_to_string("stories/tips/email/notification.txt", context),
                to=[editorial.editorial_email],
                reply_to=[tip.email] if tip.email else None,
            )
        ]
    if editorial.send_confirmation and tip.email:
        with translation.override(tip.language):
            subject = render_to_string(
                "stories/tips/email/confirmation_subject.txt", context
            )
            messages.append(
                EmailMessage(
                    subject=" ".join(subject.split()),
                    body=render_to_string(
                        "stories/tips/email/confirmation.txt", context
                    ),
                    to=[tip.email],
                    reply_to=[editorial.editorial_email],
                )
            )
    return messages


def send_notification(tip_id):
    """Send the e-mail for one tip unless it went already. True when sent."""
    from stories.models import Tip

    with transaction.atomic():
        tip = (
            Tip.objects.select_for_update(skip_locked=True)
            .filter(pk=tip_id, notified_at__isnull=True)
            .first()
        )
        if tip is None:
            return True
        try:
            for message in build_messages(tip, editorial_settings()):
                message.send()
        except Exception as error:  # noqa: BLE001 - any mail failure is recorded
            tip.notification_attempts += 1
            tip.notification_error = f"{type(error).__name__}: {error}"[:1000]
            tip.save(update_fields=["notification_attempts", "notification_error"])
            logger.warning(
                "Notification for tip %s failed: %s", tip.pk, type(error).__name__
            )
            return False
        tip.notified_at = timezone.now()
        tip.notification_error = ""
        tip.save(update_fields=["notified_at", "notification_error"])
        return True


@task()
def notify_editors(tip_id, attempt=1):
    if send_notification(tip_id) or attempt >= MAX_ATTEMPTS:
        return
    if notify_editors.get_backend().supports_defer:
        delay = datetime.timedelta(minutes=2**attempt)
        notify_editors.using(run_after=timezone.now() + delay).enqueue(
            tip_id, attempt + 1
        )


def send_pending_notifications():
    """Try every tip whose notification has not gone out. Returns (sent, failed)."""
    from stories.models import Tip

    sent = failed = 0
    for tip_id in Tip.objects.filter(notified_at__isnull=True).values_list(
        "pk", flat=True
    ):
        if send_notification(tip_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
