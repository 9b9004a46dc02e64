"""Who sent a tip, as far as the abuse rules need to know: a keyed hash of the
client's address, never the address itself; and which submission it was."""

import hashlib
import hmac

from django.conf import settings


def client_address(request):
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def sender_hash(request):
    """A keyed hash of the client's address: the same for the same address, and
    no use to anyone without the site's SECRET_KEY."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()[:32]


def submission_digest(key):
    """What is kept of a submission's key: a digest (None for no key)."""
    if not key:
        return None
    return hashlib.sha256(key.encode()).hexdigest()
