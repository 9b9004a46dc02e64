"""POST /api/tips/: tips from headless front ends, by the web form's rules.

GET describes the form in the requested language (fields, consent text, and the
`started` token the POST must return); POST takes a JSON object of field values
and stores the tip exactly as the web form does: same validation, same abuse
rules (honeypot `website`, minimum fill time, rate limit), same notification.
An `Idempotency-Key` header makes a retried POST return the first answer and
store nothing new.
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from stories.models import TipFormPage

from .forms import HONEYPOT, STARTED, started_token

MAX_BODY_BYTES = 64 * 1024
MAX_KEY_LENGTH = 255


def _language(request):
    code = request.GET.get("lang", settings.LANGUAGE_CODE)
    return code if code in dict(settings.LANGUAGES) else None


def _describe(page):
    return {
        "language": page.locale.language_code,
        "title": page.title,
        "intro": page.intro,
        "consent_text": page.consent_text,
        "consent_version": page.consent_version,
        "fields": [
            {
                "name": field.clean_name,
                "label": field.label,
                "type": field.field_type,
                "required": field.required,
                "help_text": field.help_text,
                "choices": [c.strip() for c in field.choices.splitlines() if c.strip()],
            }
            for field in page.get_form_fields()
        ],
        "honeypot": HONEYPOT,
        STARTED: started_token(),
    }


def _errors(form):
    return {
        ("__all__" if name == "__all__" else name): [
            str(message) for message in messages
        ]
        for name, messages in form.errors.items()
    }


@csrf_exempt
@require_http_methods(["GET", "POST"])
def tips_endpoint(request):
    language = _language(request)
    if language is None:
        return JsonResponse(
            {
                "errors": {
                    "lang": [f"Use one of: {', '.join(dict(settings.LANGUAGES))}."]
                }
            },
            status=400,
        )
    with translation.override(language):
        page = TipFormPage.objects.live().filter(locale__language_code=language).first()
        if page is None:
            return JsonResponse(
                {"errors": {"__all__": [_("There is no tip form.")]}}, status=404
            )
        if request.method == "GET":
            return JsonResponse(_describe(page))
        if request.content_type != "application/json":
            return JsonResponse(
                {
                    "errors": {
                        "__all__": [
                            _("Send the tip as JSON (Content-Type: application/json).")
                        ]
                    }
                },
                status=415,
            )
        if len(request.body) > MAX_BODY_BYTES:
            return JsonResponse(
                {"errors": {"__all__": [_("The tip is too large.")]}}, status=413
            )
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return JsonResponse(
                {"errors": {"__all__": [_("The body is not valid JSON.")]}}, status=400
            )
        if not isinstance(data, dict):
            return JsonResponse(
                {"errors": {"__all__": [_("Send a JSON object of field values.")]}},
                status=400,
            )
        key = request.headers.get("Idempotency-Key", "")
        if len(key) > MAX_KEY_LENGTH or not key.isprintable():
            return JsonResponse(
                {
                    "errors": {
                        "Idempotency-Key": [
                            _("Give at most %(count)d printable characters.")
                            % {"count": MAX_KEY_LENGTH}
                        ]
                    }
                },
                status=400,
            )
        form_data = {name: _as_form_value(value) for name, value in data.items()}
        tip, form, status = page.receive(request, form_data, key=key)
        if tip is None:
            return JsonResponse({"errors": _errors(form)}, status=status)
        # A retry with the same key gets the first answer; nothing new is stored.
        return JsonResponse(
            {"status": "received", "message": page.thank_you_text}, status=201
        )


def _as_form_value(value):
    """JSON values as a form would send them: booleans as on/off, the rest as text."""
    if value is True:
        return "on"
    if value is False or value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)
