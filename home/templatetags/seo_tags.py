from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from home import seo
from home.frame import find_site

register = template.Library()


@register.inclusion_tag("components/seo_meta.html", takes_context=True)
def seo_meta(context):
    """Canonical address, description, Open Graph, Twitter card and JSON-LD."""
    request = context["request"]
    page = context.get("page")
    site = find_site(request)
    from home.models import SiteSettings

    site_settings = SiteSettings.for_request(request) if site else None
    site_name = site_settings.name_for(get_language()) if site_settings else ""
    result = {"site_name": site_name, "site_settings": site_settings, "page": page}
    if not isinstance(page, Page):
        return result
    image = seo.share_image(page, site_settings)
    result.update(
        {
            "canonical": seo.absolute(request, page.get_url(request)),
            "description": seo.description(page),
            "title": page.seo_title or page.title,
            "image": image,
            "image_url": seo.absolute(request, image.url) if image else "",
            "og_type": "article" if hasattr(page, "byline") else "website",
            "locale": {"nb": "nb_NO", "en": "en_GB"}.get(get_language(), "nb_NO"),
            "json_ld": mark_safe(  # noqa: S308 - escaped by as_json_ld
                seo.as_json_ld(
                    seo.structured_data(
                        page,
                        request,
                        site_name,
                        image,
                        site_settings.licence if site_settings else None,
                    )
                )
            ),
        }
    )
    return result
