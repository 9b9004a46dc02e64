"""What search engines and social media see of a page: description, share image,
canonical address and schema.org structured data."""

import json

from django.utils.html import strip_tags
from django.utils.text import Truncator

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
    return image.get_rendition(SHARE_IMAGE_SPEC) if image else None


def breadcrumbs(page, request):
    trail = [*page.get_ancestors().filter(depth__gt=1).specific(), page]
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


def structured_data(page, request, site_name, image):
    """schema.org objects for the page: the article or project, and breadcrumbs."""
    from stories.models import ProjectPage, StoryPage

    url = absolute(request, page.get_url(request))
    data = []
    publisher = {"@type": "Organization", "name": site_name}
    if isinstance(page, StoryPage):
        article = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "description": description(page),
            "datePublished": page.date.isoformat(),
            "dateModified": (
                page.last_published_at or page.latest_revision_created_at
            ).isoformat()
            if (page.last_published_at or page.latest_revision_created_at)
            else page.date.isoformat(),
            "inLanguage": page.locale.language_code,
            "mainEntityOfPage": url,
            "url": url,
            "publisher": publisher,
            "author": [{"@type": "Person", "name": page.byline}]
            if page.byline
            else [publisher],
            "keywords": [tag.name for tag in page.tag_list],
        }
        if image:
            article["image"] = [absolute(request, image.url)]
        data.append(article)
    elif isinstance(page, ProjectPage):
        programme = page.localized_programme
        project = {
            "@context": "https://schema.org",
            "@type": "Project",
            "name": page.title,
            "alternateName": page.acronym,
            "description": description(page),
            "url": url,
            "inLanguage": page.locale.language_code,
            "funder": [{"@type": "Organization", "name": "European Union"}],
            "member": [
                {
                    "@type": "Organization",
                    "name": partner.organisation,
                    "address": {
                        "@type": "PostalAddress",
                        "addressCountry": partner.country.code,
                    },
                }
                for partner in page.partners.all()
            ],
        }
        if programme:
            project["parentOrganization"] = {
                "@type": "Organization",
                "name": programme.name,
            }
        if page.website:
            project["sameAs"] = [page.website]
        if image:
            project["image"] = absolute(request, image.url)
        data.append(project)
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
