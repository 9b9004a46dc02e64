"""Pages by their address on the site, in either language (`find/?html_path=`).

The site serves Norwegian at `/…` and English at `/en/…` (`i18n_patterns`
without a prefix for the default language), and Wagtail serves each path within
the home page of the language the prefix activates. Wagtail's own `find/` routes
every path in the API's active language only, so English paths were not found.
Here the language comes from the path exactly as on the site: its prefix is
stripped, and the rest is routed by Wagtail (`Page.find_for_request`) with that
language active. An address that is no page may be a redirect
(`wagtail.contrib.redirects`, looked up as its middleware does); `/nb/…` is the
permanent redirect the site answers with (`interreg/urls.py`).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from .schema import BOOLEAN, INTEGER, URI_REFERENCE, named, nullable, obj

# The answer for an address that redirects (see `redirect_data`).
REDIRECT = named(
    "Redirect",
    obj(
        {
            "redirect": obj(
                {
                    "location": URI_REFERENCE,
                    "is_permanent": BOOLEAN,
                    "page": nullable(obj({"id": INTEGER, "detail_url": URI_REFERENCE})),
                }
            )
        }
    ),
)


@dataclass
class Redirection:
    """Where an address leads: a path on this site or an address elsewhere."""

    location: str
    is_permanent: bool
    page: Page | None


@dataclass
class Found:
    """What an address is: a live, public page, a redirect, or neither."""

    page: Page | None = None
    redirect: Redirection | None = None


def split_language(path):
    """The language of a path on the site, the path without its prefix, and
    whether it had one."""
    first = path.lstrip("/").split("/", 1)[0]
    if first in dict(settings.LANGUAGES):
        return first, "/" + path.lstrip("/")[len(first) :].lstrip("/"), True
    return settings.LANGUAGE_CODE, path, False


def find(request, html_path, queryset):
    """What `html_path` is on the request's site, among the pages in `queryset`."""
    address = urlsplit(html_path)
    language, path, prefixed = split_language(address.path)
    if prefixed and language == settings.LANGUAGE_CODE:
        # The site redirects /nb/… to /… for good.
        page = _page_at(request, language, path, queryset)
        if page is None:
            return Found()
        location = path + (f"?{address.query}" if address.query else "")
        return Found(redirect=Redirection(location, True, page))
    page = _page_at(request, language, path, queryset)
    if page is not None:
        return Found(page=page)
    return Found(redirect=_redirect_at(request, html_path, queryset))


def _page_at(request, language, path, queryset):
    with translation.override(language):
        page = Page.find_for_request(request, path)
    if page is None or not queryset.filter(pk=page.pk).exists():
        return None
    return page


def _redirect_at(request, html_path, queryset):
    """The redirect the site would answer for this address, as the redirects
    middleware finds it (with, then without, the query string)."""
    path = Redirect.normalise_path(html_path, decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None and urlsplit(path).path != path:
        redirect = get_redirect(request, urlsplit(path).path)
    if redirect is None or redirect.link is None:
        return None
    if redirect.redirect_page_id is None:
        return Redirection(redirect.link, redirect.is_permanent, None)
    # A redirect to a draft or private page leads nowhere a reader may go.
    if not queryset.filter(pk=redirect.redirect_page_id).exists():
        return None
    return Redirection(redirect.link, redirect.is_permanent, redirect.redirect_page)


def redirect_data(redirection, detail_url):
    """The JSON answer for a redirect; `detail_url` gives a page's API address."""
    page = redirection.page
    return {
        "redirect": {
            "location": redirection.location,
            "is_permanent": redirection.is_permanent,
            "page": {"id": page.pk, "detail_url": detail_url(page)}
            if page is not None
            else None,
        }
    }
