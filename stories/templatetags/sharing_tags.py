"""Template tags for sharing: the licence, republishing, embedding, feeds."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from home.models import SiteSettings
from stories.sharing import embed
from stories.sharing.republish import republish_html

register = template.Library()


def _licence(request, page):
    return page.licence_under(SiteSettings.for_request(request).licence)


@register.simple_tag(takes_context=True)
def page_licence(context, page):
    """`{% page_licence page as licence %}`: the licence the story may be
    republished under (the site's, or the story's narrower one)."""
    return _licence(context["request"], page)


@register.inclusion_tag("stories/sharing/oembed_link.html", takes_context=True)
def oembed_link(context, page):
    """oEmbed discovery for a story or project page (in the page's <head>)."""
    request = context["request"]
    url = page.get_url(request)
    if not url:
        return {}
    query = urlencode({"url": request.build_absolute_uri(url), "format": "json"})
    return {
        "href": request.build_absolute_uri(f"{reverse('oembed')}?{query}"),
        "title": page.title,
    }


@register.inclusion_tag("stories/sharing/republish_panel.html", takes_context=True)
def republish_panel(context, story):
    """ "Republish this story": the article as HTML to copy, and its card."""
    request = context["request"]
    if not story.get_url(request):
        return {}
    licence = _licence(request, story)
    return {
        "story": story,
        "licence": licence,
        "html": republish_html(story, request, licence),
        "embed_code": embed.iframe(story, request),
    }


@register.inclusion_tag("stories/sharing/project_channels.html", takes_context=True)
def project_channels(context, project):
    """A project's stories for its own website: the card, the feed, JSON."""
    request = context["request"]
    url = project.get_url(request)
    if not url:
        return {}
    query = urlencode(
        {
            "type": "stories.StoryPage",
            "project": project.pk,
            "locale": project.locale.language_code,
            "fields": "intro,date,hero_image,licence",
            "order": "-date",
        }
    )
    return {
        "project": project,
        "feed_url": request.build_absolute_uri(f"{url}feed/"),
        "json_url": request.build_absolute_uri(f"/api/v2/pages/?{query}"),
        "embed_code": embed.iframe(project, request),
    }
