"""A full-page cache for anonymous readers, in the shared cache (Redis).

Pages are cached whole, by host and path, for PAGE_CACHE_SECONDS. Any publish,
unpublish, move or delete bumps a generation number that is part of every key,
so the next request after a change renders afresh everywhere at once (a story
appears on the home page, its index, its project and related stories together).
CDNs in front are purged the same way through wagtail.contrib.frontend_cache.

Only plain GET/HEAD requests without a session, whose responses are 200, set no
cookies and do not ask not to be stored, are cached: forms with CSRF tokens,
previews, the admin and the API never are.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
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
)
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Link")


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate(**kwargs):
    """Forget every cached page (called when published content changes)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIP_PREFIXES)
    )


def cache_key(prefix, request):
    """A short key for this request's host and full path, in this generation."""
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.md5(address.encode()).hexdigest()  # noqa: S324 - not security
    return f"{prefix}:{generation()}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = cache_key("pagecache", request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            kept = [name for name in KEPT_HEADERS if name in response]
            # Browsers revalidate (ETag, 304) so a change shows at once; shared
            # caches (a CDN) keep it until purged on publish.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
            headers = {name: response[name] for name in [*kept, "Cache-Control"]}
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.PAGE_CACHE_SECONDS,
            )
            response[HEADER] = "miss"
        return response

    @staticmethod
    def _cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )
