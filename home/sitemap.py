"""/sitemap.xml with every public page in both languages and hreflang alternates,
and /robots.txt pointing to it.

A crawler meets the sitemap cold after every publish, and it lists every page
(12,000 at `make bench`'s volume): it reads one row of plain values per page and
writes the XML itself, with the addresses `PageUrlMixin` gives the pages. Page
objects, Wagtail's `get_url` (a `reverse()` per address) and a template loop
over 30,000 elements took over two seconds there.
"""

from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from django.http import HttpResponse
from django.urls import NoReverseMatch
from django.utils import timezone
from wagtail.models import Page

from .frame import find_site, public, site_root_paths
from .page_urls import relative_url

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def public_pages(site):
    """Live pages without view restrictions under the site's root in every language."""
    roots = [site.root_page, *site.root_page.get_translations()]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return public(pages.live()).order_by("path")


def page_addresses(request, site):
    """[(address, translation key, language, last modified)] of the site's
    public pages, in tree order."""
    roots = [root for root in site_root_paths(request) if root.site_id == site.pk]
    base = request.build_absolute_uri("/")[:-1]
    found = []
    for url_path, key, language, published, revised in public_pages(site).values_list(
        "url_path",
        "translation_key",
        "locale__language_code",
        "last_published_at",
        "latest_revision_created_at",
    ):
        root = next((r for r in roots if url_path.startswith(r.root_path)), None)
        if root is None:
            continue
        try:
            path = relative_url(url_path, root.root_path, root.language_code)
        except NoReverseMatch:
            continue
        found.append((base + path, key, language, published or revised))
    return found


def sitemap(request):
    site = find_site(request)
    pages = page_addresses(request, site) if site else []
    by_key = defaultdict(list)
    for address, key, language, _modified in pages:
        by_key[key].append(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(language)}'
            f" href={quoteattr(address)}/>"
        )
    lines = [HEAD]
    for address, key, _language, modified in pages:
        lastmod = (
            f"<lastmod>{timezone.localtime(modified).isoformat()}</lastmod>"
            if modified
            else ""
        )
        alternates = by_key[key]
        lines.append(
            f"<url><loc>{escape(address)}</loc>{lastmod}"
            f"{''.join(alternates) if len(alternates) > 1 else ''}</url>\n"
        )
    lines.append("</urlset>\n")
    return HttpResponse("".join(lines), content_type="application/xml")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
