"""Page addresses without a language switch and a `reverse()` per link.

Wagtail's `Page.get_url_parts` activates the page's language, reverses the
`wagtail_serve` URL for the page's path and deactivates the language again, for
every link: an API list of twenty stories, with their projects and
translations, asks for some sixty addresses, and that took a quarter of its
time. The address of a page is the address of `wagtail_serve`'s root in the
page's language (a function of the URLconf, worked out once per language and
script prefix) followed by the page's path below its site's root, quoted as
`reverse()` quotes it. `get_url_parts` is the method Wagtail documents for
overriding; anything unusual (a page under no site or several sites) is left
to Wagtail's own.
"""

import functools
from urllib.parse import quote

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import (
    WAGTAIL_APPEND_SLASH,
    get_supported_content_language_variant,
)

SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


@functools.cache
def _serve_root(language_code, script_prefix):
    with translation.override(language_code):
        return reverse("wagtail_serve", args=("",))


def serve_root(language_code):
    """The address of the site root in `language_code` ("/" or "/en/")."""
    return _serve_root(language_code, get_script_prefix())


def relative_url(url_path, root_path, language_code):
    """The address of the page at `url_path` under a site root at `root_path`
    in `language_code`, as Wagtail's `get_url_parts` gives it (raises
    NoReverseMatch when `wagtail_serve` is not routed)."""
    active = translation.get_language()
    try:
        if get_supported_content_language_variant(active) == language_code:
            language_code = active
    except LookupError:
        pass
    root = serve_root(language_code)
    path = root + quote(url_path[len(root_path) :], safe=SAFE)
    if not WAGTAIL_APPEND_SLASH and path != "/":
        path = path.rstrip("/")
    return path


class PageUrlMixin:
    """Wagtail's page addresses, worked out without reversing a URL per page."""

    def get_url_parts(self, request=None):
        possible = self._get_relevant_site_root_paths(request)
        if len({root.site_id for root in possible}) != 1:
            return super().get_url_parts(request)
        site_id, root_path, root_url, language_code = possible[0]
        try:
            path = relative_url(self.url_path, root_path, language_code)
        except NoReverseMatch:
            return (site_id, None, None)
        return (site_id, root_url, path)
