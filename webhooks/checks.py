"""System checks: receivers are configured with a secret and usable addresses."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error


def check_webhook_settings(app_configs=None, **kwargs):
    errors = []
    if settings.WEBHOOK_URLS and not settings.WEBHOOK_SECRET:
        errors.append(
            Error(
                "WEBHOOK_URLS is set but WEBHOOK_SECRET is empty: receivers "
                "could not verify the X-Interreg-Signature header.",
                hint="Set WEBHOOK_SECRET to a long random string shared with "
                "the receivers.",
                id="webhooks.E001",
            )
        )
    for url in settings.WEBHOOK_URLS:
        address = urlsplit(url)
        if address.scheme not in ("http", "https") or not address.netloc:
            errors.append(
                Error(
                    f"WEBHOOK_URLS has {url!r}, which is not an http(s) address.",
                    id="webhooks.E002",
                )
            )
    return errors
