"""Template tags for the parts every page shares: navigation and language switching."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _locale(request, code):
    """The Locale for `code`, looked up once per request."""
    locales = request.__dict__.setdefault("_locales", {})
    if code not in locales:
        locales[code] = Locale.objects.get_for_language(code)
    return locales[code]


def _own_name(code, name):
    """The language's name in that language ("Norsk bokmål", "English")."""
    with translation.override(code):
        return capfirst(str(name))


def _translation_url(page, locale, request):
    """(URL, exact) of `page` in `locale`, or of its nearest ancestor that has one.

    `exact` says whether the URL is the page's own translation.
    """
    lineage = [*page.get_ancestors().filter(depth__gt=1), page]
    candidates = {
        p.translation_key: p
        for p in Page.objects.live()
        .filter(locale=locale, translation_key__in=[p.translation_key for p in lineage])
        .only("id", "url_path", "translation_key", "locale_id", "depth")
    }
    for ancestor in reversed(lineage):
        translation = candidates.get(ancestor.translation_key)
        if translation is not None:
            return translation.get_url(request), ancestor is page
    return None, False


def _with_query(url, request, page, locale):
    """`url` with the reader's query string: search words, filters, page number.

    A page may say how its filters read in another language (`query_in`: the
    story index translates its tag); elsewhere the query stays as it is.
    """
    query = request.GET
    if not query or url is None:
        return url
    if locale is not None and hasattr(page, "query_in"):
        query = page.query_in(query, locale)
    return f"{url}?{query.urlencode()}" if query else url


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: its code, own name, URL and whether it is current.

    On a page the URL goes to the page's translation, or to the closest ancestor that
    has one (ultimately the other language's home page). Elsewhere it is the same
    path under the other language's prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    # Asked for by the head and the header; computed once per request.
    memo = request.__dict__.setdefault("_language_links", {})
    memo_key = (getattr(page, "pk", None), request.get_full_path(), current)
    if memo_key in memo:
        return memo[memo_key]
    links = []
    for code, name in settings.LANGUAGES:
        exact, locale = True, None
        if code == current:
            url = request.path
        elif isinstance(page, Page):
            locale = _locale(request, code)
            url, exact = _translation_url(page, locale, request)
        else:
            url = translate_url(request.path, code)
        if exact:
            # The reader keeps their place; a section elsewhere starts afresh.
            url = _with_query(url, request, page, locale)
        links.append(
            {
                "code": code,
                "name": _own_name(code, name),
                "url": url,
                "is_current": code == current,
                # Only the page itself in another language is an hreflang alternate.
                "is_alternate": exact and url is not None,
            }
        )
    memo[memo_key] = links
    return links


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The home page of the current language and its children shown in menus."""
    request = context["request"]
    root = _site_root(request)
    home = root.localized if root else None
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    children = home.get_children().live().in_menu().public() if home else []
    items = [
        {"page": child, "is_current": current_path.startswith(child.path)}
        for child in children
    ]
    return {"home": home, "items": items, "request": request}
