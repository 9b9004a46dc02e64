"""Template tags for the parts every page shares: navigation and language switching."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language
from wagtail.models import Page

from home.frame import frame_for

register = template.Library()


def _translation_url(page, code, request):
    """(URL, exact) of `page` in the language `code`, or of its nearest ancestor
    that has one; `exact` says whether the URL is the page's own translation.

    The frame (home/frame.py) holds every page along the path in every
    language; a page served some other way (a preview) costs a query.
    """
    frame = frame_for(request, page)
    if frame is not None:
        lineage = [*frame.ancestors(page), page]
        for ancestor in reversed(lineage):
            translation = frame.translation(ancestor, code)
            if translation is not None:
                return translation.get_url(request), ancestor is page
        return None, False
    lineage = [*page.get_ancestors().filter(depth__gt=1), page]
    candidates = {
        p.translation_key: p
        for p in Page.objects.live()
        .filter(
            locale__language_code=code,
            translation_key__in=[p.translation_key for p in lineage],
        )
        .only("id", "url_path", "translation_key", "locale_id", "depth")
    }
    for ancestor in reversed(lineage):
        translation = candidates.get(ancestor.translation_key)
        if translation is not None:
            return translation.get_url(request), ancestor is page
    return None, False


def _own_name(code, name):
    """The language's name in that language ("Norsk bokmål", "English")."""
    with translation.override(code):
        return capfirst(str(name))


def _with_query(url, request, page, code):
    """`url` with the reader's query string: search words, filters, page number.

    A page may say how its filters read in another language (`query_in`: the
    story index translates its tag); elsewhere the query stays as it is.
    """
    query = request.GET
    if not query or url is None:
        return url
    if hasattr(page, "query_in") and code != get_language():
        query = page.query_in(query, code)
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
        exact = True
        if code == current:
            url = request.path
        elif isinstance(page, Page):
            url, exact = _translation_url(page, code, request)
        else:
            url = translate_url(request.path, code)
        if exact:
            # The reader keeps their place; a section elsewhere starts afresh.
            url = _with_query(url, request, page, code)
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
    page = context.get("page")
    frame = frame_for(request, page if isinstance(page, Page) else None)
    if frame is None:
        frame = frame_for(request)
    current_path = page.path if isinstance(page, Page) else ""
    items = [
        {"page": child, "is_current": current_path.startswith(child.path)}
        for child in (frame.menu if frame else [])
    ]
    return {"home": frame.home if frame else None, "items": items, "request": request}
