"""Delivering the outbox (stories.OutgoingEmail): every message exactly once.

A message is delivered by claiming it with one conditional UPDATE (only one
worker can win it, and no lock is held afterwards), talking to the mail server
with a bounded time-out (EMAIL_TIMEOUT), then marking it sent. A failure puts
it back with a growing delay, up to MAX_ATTEMPTS, after which it is marked
failed, shows on the tip in the admin, and an editor can resend it.

A worker that dies while sending leaves its claim, which runs out after
OUTBOX_CLAIM_SECONDS; `manage.py send_tip_notifications` (on worker start and
from cron) queues every message not yet sent, and a delivery that finds a live
claim is put off until the claim runs out. The message keeps one Message-ID for every
attempt, so a mail server that saw the first attempt can recognise a retry.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from stories.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
Status = OutgoingEmail.Status


def backoff(attempts):
    """The wait after `attempts` failed attempts: OUTBOX_RETRY_SECONDS (a minute),
    then twice as long each time, at most 6 hours."""
    seconds = settings.OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1)
    return datetime.timedelta(seconds=min(seconds, 6 * 60 * 60))


def claim(email_id):
    """Take the message for sending, if it is due and nobody else has it."""
    now = timezone.now()
    due = Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_until__lt=now
    )
    taken = OutgoingEmail.objects.filter(due, pk=email_id).update(
        status=Status.SENDING,
        claimed_until=now + datetime.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS),
        attempts=F("attempts") + 1,
    )
    return OutgoingEmail.objects.get(pk=email_id) if taken else None


def _send(email):
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        to=[email.recipient],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id},
    )
    with get_connection(timeout=settings.EMAIL_TIMEOUT) as connection:
        connection.send_messages([message])


def deliver(email_id):
    """Send one message unless it went already. True when it went now, False when
    it failed (and will be retried), None when it was not this call's to send."""
    email = claim(email_id)
    if email is None:
        _put_off_while_claimed(email_id)
        return None
    try:
        _send(email)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server
        _record_failure(email, error)
        return False
    OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
    )
    return True


def _record_failure(email, error):
    gave_up = email.attempts >= MAX_ATTEMPTS
    retry_at = timezone.now() + backoff(email.attempts)
    OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(
        status=Status.FAILED if gave_up else Status.PENDING,
        next_attempt_at=retry_at,
        claimed_until=None,
        last_error=f"{type(error).__name__}: {error}"[:1000],
    )
    logger.warning(
        "E-mail %s (%s) failed, attempt %s: %s",
        email.pk,
        email.kind,
        email.attempts,
        type(error).__name__,
    )
    if not gave_up:
        queue(email.pk, at=retry_at)


def _put_off_while_claimed(email_id):
    """A message another worker claimed is looked at again when the claim runs
    out, in case that worker died on it."""
    claimed = (
        OutgoingEmail.objects.filter(pk=email_id, status=Status.SENDING)
        .values_list("claimed_until", flat=True)
        .first()
    )
    if claimed is not None:
        queue(email_id, at=claimed + datetime.timedelta(seconds=1))


@task()
def deliver_email(email_id):
    deliver(email_id)


def queue(email_id, at=None):
    """Ask the task worker to deliver the message (at `at`, where it can wait)."""
    backend = deliver_email.get_backend()
    if at is not None and not backend.supports_defer:
        return  # send_tip_notifications retries what is due
    try:
        (deliver_email.using(run_after=at) if at else deliver_email).enqueue(email_id)
    except Exception:
        # The message is stored either way; send_tip_notifications finds it.
        logger.exception("Could not queue e-mail %s", email_id)


def queue_after_commit(emails):
    for email in emails:
        email_id = email.pk
        transaction.on_commit(lambda email_id=email_id: queue(email_id))


def unsent():
    """The messages not yet sent and not given up on."""
    return OutgoingEmail.objects.filter(status__in=[Status.PENDING, Status.SENDING])


def deliver_due():
    """Send every message that is due now. Returns (sent, failed)."""
    now = timezone.now()
    due = unsent().filter(
        Q(status=Status.PENDING, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, claimed_until__lt=now)
    )
    sent = failed = 0
    for email_id in due.values_list("pk", flat=True):
        result = deliver(email_id)
        sent += result is True
        failed += result is False
    return sent, failed


def queue_unsent():
    """Queue every message not yet sent (on worker start: any it may have
    dropped). Returns how many."""
    ids = list(unsent().values_list("pk", flat=True))
    for email_id in ids:
        queue(email_id)
    return len(ids)


def resend(email):
    """Send a message again from the start (an editor's choice, after it failed)."""
    OutgoingEmail.objects.filter(pk=email.pk).exclude(status=Status.SENT).update(
        status=Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        claimed_until=None,
    )
    queue(email.pk)
