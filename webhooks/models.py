"""Deliveries of change notifications to the configured receivers, and each attempt."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WebhookDelivery(models.Model):
    """One event for one receiver (`WEBHOOK_URLS`): the exact body it is sent,
    signed the same way at every attempt, and where delivering it stands."""

    class Event(models.TextChoices):
        PUBLISHED = "page.published", _("Page published")
        UNPUBLISHED = "page.unpublished", _("Page unpublished")
        DELETED = "page.deleted", _("Page deleted")
        MOVED = "page.moved", _("Page moved")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    # Sent as X-Interreg-Delivery, the same at every attempt, so a receiver can
    # drop a delivery it already has.
    id = models.UUIDField(_("delivery id"), primary_key=True, default=uuid.uuid4)
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    url = models.URLField(_("receiver"), max_length=500)
    # Not a foreign key: the page of a page.deleted event is gone.
    page_id = models.PositiveIntegerField(_("page id"))
    page_title = models.CharField(_("page"), max_length=255)
    body = models.TextField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_response_code = models.PositiveSmallIntegerField(
        _("response code"), null=True, blank=True
    )
    last_error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    resent_at = models.DateTimeField(_("resent"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx"),
            models.Index(fields=["-created_at"], name="webhook_created_idx"),
        ]

    def __str__(self):
        return f"{self.event} {self.page_title} → {self.url}"


class WebhookAttempt(models.Model):
    """One try at delivering: what the receiver answered, and what came next."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    number = models.PositiveIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("attempted"), default=timezone.now)
    succeeded = models.BooleanField(_("delivered"), default=False)
    response_code = models.PositiveSmallIntegerField(
        _("response code"), null=True, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"{self.delivery_id} #{self.number}"
