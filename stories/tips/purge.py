"""Retention: anonymise the personal data of closed tips after a while."""

import datetime

from django.db import transaction
from django.utils import timezone

from stories.models import Tip
from stories.models.tips import PERSONAL_FIELDS

ANONYMISED = ""


@transaction.atomic
def purge_tips(days, now=None):
    """Anonymise closed tips unchanged for `days` days; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    tips = Tip.objects.select_for_update().filter(
        status__in=Tip.CLOSED, updated_at__lt=cutoff, anonymised_at__isnull=True
    )
    count = 0
    for tip in tips:
        for field in PERSONAL_FIELDS:
            setattr(tip, field, ANONYMISED)
            if field in tip.form_data:
                tip.form_data[field] = ANONYMISED
        tip.anonymised_at = timezone.now()
        # updated_at must not move, or the retention clock would restart.
        Tip.objects.filter(pk=tip.pk).update(
            form_data=tip.form_data,
            anonymised_at=tip.anonymised_at,
            sender_hash="",
            **dict.fromkeys(PERSONAL_FIELDS, ANONYMISED),
        )
        # What the outbox holds of the tip (addresses, the tip's text) goes too.
        tip.emails.update(recipient="", reply_to="", body="")
        count += 1
    return count
