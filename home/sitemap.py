"""/sitemap.xml with every public page in both languages and hreflang alternates,
and /robots.txt pointing to it."""

from collections import defaultdict

from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from .frame import public


def public_pages(site):
    """Live pages without view restrictions under the site's root in every language."""
    roots = [site.root_page, *site.root_page.get_translations()]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return public(pages.live()).select_related("locale").order_by("path")


def sitemap(request):
    site = Site.find_for_request(request)
    pages = list(public_pages(site)) if site else []
    by_key = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    urls = []
    for page in pages:
        location = request.build_absolute_uri(page.get_url(request))
        alternates = [
            {
                "hreflang": other.locale.language_code,
                "href": request.build_absolute_uri(other.get_url(request)),
            }
            for other in by_key[page.translation_key]
        ]
        urls.append(
            {
                "location": location,
                "lastmod": page.last_published_at or page.latest_revision_created_at,
                "alternates": alternates if len(alternates) > 1 else [],
            }
        )
    return TemplateResponse(
        request, "sitemap.xml", {"urls": urls}, content_type="application/xml"
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
