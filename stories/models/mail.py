"""The outbox: every e-mail about a tip, kept until it has been delivered once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tips import Tip


class OutgoingEmail(models.Model):
    """One e-mail the site sends about a tip, with its own delivery state.

    Each message is written when the tip (or the story made from it) is
    committed, and at most one of each kind exists per tip, so nothing is sent
    twice however often delivery is retried. Delivery claims the message with
    a conditional update and holds no database lock while it talks to the mail
    server (stories/tips/outbox.py).
    """

    class Kind(models.TextChoices):
        EDITORS = "editors", _("Notification to the editors")
        CONFIRMATION = "confirmation", _("Confirmation to the sender")
        PUBLISHED = "published", _("Story published, to the sender")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    tip = models.ForeignKey(
        Tip, verbose_name=_("tip"), on_delete=models.CASCADE, related_name="emails"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    recipient = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    message_id = models.CharField(_("message id"), max_length=255)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tip", "kind"], name="one_email_per_kind")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"
