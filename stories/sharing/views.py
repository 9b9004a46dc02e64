"""The views that let stories travel: the embeddable card and oEmbed.

The card, at `<story or project address>embed/`, is the one page of the site
any other site may frame (`frame-ancestors *`, no X-Frame-Options); everything
else keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY`. It sets no
cookies and runs no script. `/oembed/` answers oEmbed 1.0 (type `rich`) for the
address of a story or project on this site, so that a CMS that understands
oEmbed embeds the card from the address alone.
"""

from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Site

from home.models import SiteSettings
from home.renditions import rendition
from home.views import route, serve
from stories.api.routing import split_language
from stories.images import EMBED, attach_images
from stories.models import StoryPage
from stories.models.projects import prime_projects
from stories.models.stories import prime_stories

from . import embed

CACHE_AGE = 3600


def _embeddable_page(request, path):
    """The live, public story or project at `path` (active language), or None."""
    result = route(request, path)
    page = result.page if result is not None else None
    if not embed.embeddable(page) or page.get_view_restrictions():
        return None
    return page


def _prime(page):
    if isinstance(page, StoryPage):
        prime_stories([page], partners=False)
    else:
        prime_projects([page])
    attach_images(([page], {EMBED}))


def page_embed(request, path):
    """`<page address>embed/`: the page's card, to be framed by other sites."""
    page = _embeddable_page(request, path)
    if page is None:
        # Not a card: perhaps a page whose slug is "embed", served as usual.
        return serve(request, f"{path}embed/")
    return _card(request, page)


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def _card(request, page):
    _prime(page)
    site_settings = SiteSettings.for_request(request)
    context = {
        "page": page,
        "image": embed.shareable_image(page),
        "text": embed.card_text(page),
        "programmes": embed.programmes(page),
        "url": request.build_absolute_uri(page.get_url(request)),
        "site_name": site_settings.name_for(page.locale.language_code),
        "host": embed.site_host(request),
    }
    return TemplateResponse(request, "stories/sharing/embed.html", context)


def _dimension(request, name, default):
    """`?maxwidth=` or `?maxheight=`: the largest size the consumer allows."""
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit():
        return None
    return min(default, int(raw))


def _same_site(request, parts):
    """Whether the address is on this site: its host is the host the request
    came to, or one of the hosts Wagtail's sites answer to."""
    if parts.netloc == request.get_host():
        return True
    return Site.objects.filter(hostname=parts.hostname).exists()


def _error(message, status):
    return JsonResponse({"message": message}, status=status)


@require_safe
def oembed(request):
    """`/oembed/?url=<address>&format=json&maxwidth=&maxheight=`: oEmbed 1.0.

    Answers as the oEmbed specification (section 2.3.5) says: a `rich` response
    with the card in an iframe; 404 for an address that is not a story or
    project on this site; 501 for a format other than JSON; 400 for a missing
    address or a size that is no number.
    """
    address = request.GET.get("url", "").strip()
    if request.GET.get("format", "json") != "json":
        return _error("Only format=json is supported.", 501)
    if not address:
        return _error("Give the address of a story or project in url=.", 400)
    width = _dimension(request, "maxwidth", embed.EMBED_WIDTH)
    height = _dimension(request, "maxheight", embed.EMBED_HEIGHT)
    if width is None or height is None:
        return _error("maxwidth and maxheight must be whole numbers.", 400)
    try:
        parts = urlsplit(address)
    except ValueError:
        return _error("url is not an address.", 400)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _error("url is not an address.", 400)
    if not _same_site(request, parts):
        return _error("Not an address on this site.", 404)
    language, path, _prefixed = split_language(parts.path or "/")
    with translation.override(language):
        page = _embeddable_page(request, path.lstrip("/"))
        if page is None:
            return _error("No story or project at this address.", 404)
        return JsonResponse(_oembed_data(request, page, language, width, height))


def _oembed_data(request, page, language, width, height):
    attach_images(([page], {EMBED}))
    width = max(embed.MIN_WIDTH, width)
    height = max(embed.MIN_HEIGHT, height)
    site_settings = SiteSettings.for_request(request)
    data = {
        "version": "1.0",
        "type": "rich",
        "title": page.title,
        "provider_name": site_settings.name_for(language),
        "provider_url": request.build_absolute_uri(
            "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
        ),
        "html": str(embed.iframe(page, request, width, height)),
        "width": width,
        "height": height,
        "cache_age": CACHE_AGE,
    }
    if getattr(page, "byline", ""):
        data["author_name"] = page.byline
    image = embed.shareable_image(page)
    if image is not None:
        thumbnail = rendition(image, EMBED)
        data.update(
            thumbnail_url=request.build_absolute_uri(thumbnail.url),
            thumbnail_width=thumbnail.width,
            thumbnail_height=thumbnail.height,
        )
    return data
