"""The shared caches' common rules, and the full-page cache for anonymous readers.

A cache may make the site faster, never different (DESIGN.md, "Caches"):

- **Never older than the last publish anywhere.** Every key contains a
  generation number kept in the shared cache (Redis); any publish, unpublish,
  move or delete, in any process, bumps it, so the next request everywhere
  renders afresh. Without Redis there is no shared cache, and the settings turn
  the page, fragment and API caches off (``interreg/settings/base.py``).
- **Nothing date-dependent freezes.** Every key also contains today's date in
  the site's time zone, so a project's status, which depends on the date, is
  right from midnight on, and a CDN is told to keep a page no later than that.
- **The same headers as a fresh render.** A cached response is stored with every
  header the view gave it, and this middleware sits below the ones that add
  security headers, ETags and the language (``MIDDLEWARE`` in the settings), so
  those run on a hit exactly as on a miss, and ``If-None-Match`` gets a 304 on
  both. What a view tells those middlewares with attributes of its response
  (``xframe_options_exempt``, django-csp's per-view policies: the embeddable
  card may be framed anywhere) is stored and replayed with it.

Only plain GET/HEAD requests without a session, whose responses are 200, set no
cookies and do not ask not to be stored, are cached: forms with CSRF tokens,
previews, the admin and the API never are (the API has its own response cache,
``stories/api/views.py``, under the same rules).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/healthz",
    "/static/",
    "/media/",
    "/documents/",
)
# Never stored: cookies belong to one reader, and the marker says hit or miss.
UNSTORED_HEADERS = {"set-cookie", HEADER.lower()}
# What views set on a response for the middleware above this one, which decides
# the X-Frame-Options and Content-Security-Policy headers on a hit as on a miss.
REPLAYED_ATTRIBUTES = (
    "xframe_options_exempt",
    "_csp_exempt",
    "_csp_exempt_ro",
    "_csp_config",
    "_csp_config_ro",
    "_csp_update",
    "_csp_update_ro",
    "_csp_replace",
    "_csp_replace_ro",
)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate(**kwargs):
    """Forget every cached response (called when published content changes)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def seconds_until_tomorrow():
    """Seconds left of today in the site's time zone (at least 1)."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return max(1, int((midnight - now).total_seconds()))


def lifetime(seconds):
    """`seconds`, but never past midnight, when date-dependent content changes."""
    return min(seconds, seconds_until_tomorrow())


def cache_key(prefix, request):
    """A short key for this request's host and full path, in this generation and
    on this date."""
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.md5(address.encode()).hexdigest()  # noqa: S324 - not security
    # "v2": entries with the response's attributes (an older deploy's are skipped).
    return f"{prefix}:v2:{generation()}:{timezone.localdate():%Y%m%d}:{digest}"


def freeze(response):
    """What to store of a rendered response: status, headers, body, and what it
    tells the middleware above."""
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    attributes = {
        name: getattr(response, name)
        for name in REPLAYED_ATTRIBUTES
        if hasattr(response, name)
    }
    return response.status_code, headers, response.content, attributes


def thaw(stored):
    """The response `freeze` stored, with every header and attribute it had."""
    status, headers, content, attributes = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    for name, value in attributes.items():
        setattr(response, name, value)
    return response


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIP_PREFIXES)
    )


def _personal(request):
    """Whether the response is about to carry something of this reader's own,
    which the middleware above this one would add: a CSRF token (a form), a
    session, a message."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
        or getattr(messages, "added_new", False)
    )


def cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = cache_key("pagecache", request)
        stored = cache.get(key)
        if stored is not None:
            response = thaw(stored)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(response) and not _personal(request):
            seconds = lifetime(settings.PAGE_CACHE_SECONDS)
            # Browsers revalidate (ETag, 304) so a change shows at once; shared
            # caches (a CDN) keep it until purged on publish, or midnight.
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
            cache.set(key, freeze(response), seconds)
            response[HEADER] = "miss"
        return response
