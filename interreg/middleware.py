"""Middleware of the project's own."""

import logging
from urllib.parse import unquote, urlsplit

import django_otp
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.middleware import (
    RedirectMiddleware as WagtailRedirectMiddleware,
)
from wagtail_2fa.middleware import VerifyUserMiddleware

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    """A lost database connection is a 503 with Retry-After, not a 500.

    While PostgreSQL restarts or fails over, readers and front ends get a clear
    "try again shortly" and nothing is half-done: every write runs in a
    transaction, so a request that failed here committed nothing. Django's
    connection health checks reconnect by themselves when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable: %s", type(exception).__name__)
        message = _("The service is briefly unavailable. Please try again shortly.")
        if request.path.startswith("/api/") or request.path == "/healthz":
            response = JsonResponse({"message": message}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class OptionalTwoFactorMiddleware(VerifyUserMiddleware):
    """Two-factor login for the admin, for those who turn it on.

    A user who has added an authenticator device (admin → account → "Manage
    2FA") must give a code after the password; users without one log in with
    the password only.
    """

    def process_request(self, request):
        response = super().process_request(request)
        if request.user.is_authenticated:
            # wagtail-2fa's admin menu hook shows only "2FA setup" to users it
            # expects to enrol; here enrolment is the user's own choice.
            request.user.enable_2fa = django_otp.user_has_device(
                request.user, confirmed=True
            )
        return response

    def _require_verified_user(self, request):
        return super()._require_verified_user(request) and django_otp.user_has_device(
            request.user, confirmed=True
        )


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects, never to the address asked for.

    Wagtail creates a redirect from a page's old address whenever its slug
    changes, drafts included, and removes one only when a new redirect takes
    its address. A draft whose slug is changed and changed back is left with a
    redirect from its own address to itself: while it is a draft (a 404), a
    reader would be sent round in circles until the browser gives up. Such a
    redirect is ignored and the 404 stands.
    """

    def process_response(self, request, response):
        redirected = super().process_response(request, response)
        if redirected is not response:
            target = urlsplit(redirected.get("Location", ""))
            if unquote(target.path) == unquote(request.path):
                return response
        return redirected
