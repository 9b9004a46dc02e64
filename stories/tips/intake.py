"""Receiving a tip, from the web form or the JSON API, by the same rules.

A valid tip is stored in one transaction; the editors' notification is queued to
run after the commit, so a failing mail server or task worker can never lose or
block a tip. Spam is refused before anything is stored.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from stories.models.taxonomy import Programme, in_default_locale

from .forms import HONEYPOT, STARTED

RATE_WINDOW_SECONDS = 60 * 60


def client_address(request):
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request):
    # Only a hash of the address is kept, and only for the rate window.
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    ).hexdigest()
    return f"tips:rate:{digest[:32]}"


def rate_limited(request):
    """True when this address has sent its quota of tips in the last hour."""
    return cache.get(_rate_key(request), 0) >= settings.TIP_RATE_LIMIT


def count_submission(request):
    key = _rate_key(request)
    if not cache.add(key, 1, RATE_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, RATE_WINDOW_SECONDS)


def _programme(value):
    if not value:
        return None
    match = Programme.objects.filter(name__iexact=value).first() or (
        Programme.objects.filter(short_name__iexact=value).first()
    )
    if match is None:
        return None
    # Tips, like pages, point at the canonical (default-language) programme.
    return (
        Programme.objects.filter(
            in_default_locale(), translation_key=match.translation_key
        ).first()
        or match
    )


def store_tip(page, form):
    """Store a valid tip and queue the notification for after the commit."""
    from stories.models import Tip

    from .notifications import queue_notification

    data = {
        key: value
        for key, value in form.cleaned_data.items()
        if key not in (HONEYPOT, STARTED)
    }
    with transaction.atomic():
        tip = Tip.objects.create(
            page=page,
            form_data=data,
            language=get_language() or settings.LANGUAGE_CODE,
            name=data.get("name", ""),
            email=data.get("email", ""),
            organisation=data.get("organisation", ""),
            project=data.get("project", ""),
            programme=_programme(data.get("programme", "")),
            consent_version=page.consent_version,
            consent_text=page.consent_text,
        )
        transaction.on_commit(lambda: queue_notification(tip.pk))
    return tip


def receive_tip(page, request, data):
    """(tip or None, form, HTTP status) for a submission of `data` to `page`."""
    form = page.get_form(data, page=page, user=request.user)
    if rate_limited(request):
        form.is_valid()
        form.add_error(
            None,
            _("You have sent several tips in a short time. Please try again later."),
        )
        return None, form, 429
    count_submission(request)
    if not form.is_valid():
        return None, form, 400
    return page.process_form_submission(form), form, 201


def serve_tip_form(page, request, *args, **kwargs):
    if request.method == "POST":
        tip, form, status = receive_tip(page, request, request.POST)
        if tip is not None:
            return page.render_landing_page(request, tip, *args, **kwargs)
        # The form comes back with its errors; only a rate limit changes the status.
        status = 429 if status == 429 else 200
    else:
        form, status = page.get_form(page=page, user=request.user), 200
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)
