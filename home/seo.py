"""What search engines and social media see of a page: description, share image,
canonical address and schema.org structured data."""

import json

from django.utils.html import strip_tags
from django.utils.text import Truncator

from .renditions import rendition

DESCRIPTION_LENGTH = 160
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-85"


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def description(page):
    """The SEO description editors wrote, or the page's own lead."""
    text = page.search_description or next(
        (
            getattr(page, name)
            for name in ("intro", "summary")
            if getattr(page, name, "")
        ),
        "",
    )
    return Truncator(" ".join(strip_tags(text).split())).chars(DESCRIPTION_LENGTH)


def share_image(page, site_settings):
    image = getattr(page, "hero_image", None) or (
        site_settings.share_image if site_settings else None
    )
    return rendition(image, SHARE_IMAGE_SPEC) if image else None


def breadcrumbs(page, request):
    from .frame import frame_for

    frame = frame_for(request, page)
    if frame is not None:
        ancestors = frame.ancestors(page)
    else:
        ancestors = list(page.get_ancestors().filter(depth__gt=1))
    trail = [*ancestors, page]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": absolute(request, crumb.get_url(request)),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def structured_data(page, request, site_name, image, site_licence=None):
    """schema.org objects for the page: what the page is about (each page type
    says, with a `schema_org` method), with the licence it may be reused under
    (a page type that has one says, with `licence_under`), and breadcrumbs."""
    url = absolute(request, page.get_url(request))
    data = []
    if hasattr(page, "schema_org"):
        about = page.schema_org(
            url=url,
            publisher={"@type": "Organization", "name": site_name},
            image_url=absolute(request, image.url) if image else None,
        )
        if hasattr(page, "licence_under"):
            about["license"] = page.licence_under(site_licence).url
        data.append({"@context": "https://schema.org", **about})
    if page.depth > 2:
        data.append(breadcrumbs(page, request))
    return data


def as_json_ld(data):
    """JSON for a <script type="application/ld+json"> block, safe inside HTML."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
