"""What a story or project is when it travels: its card, and the iframe for it."""

from urllib.parse import quote, urlsplit

from django.utils.html import format_html

from stories.images import may_be_shared
from stories.localization import localize_all
from stories.models import ProjectPage, StoryPage

EMBED_WIDTH = 600
EMBED_HEIGHT = 520
MIN_WIDTH = 200
MIN_HEIGHT = 200


def site_host(request):
    """The site's host name as readers know it ("interreg.no")."""
    return (urlsplit(request.build_absolute_uri("/")).hostname or "").removeprefix(
        "www."
    )


def embeddable(page):
    """Whether `page` has a card others may embed."""
    return isinstance(page, StoryPage | ProjectPage)


def embed_url(page, request):
    """The card's absolute address: the page's, followed by `embed/`."""
    return request.build_absolute_uri(page.get_url(request) + "embed/")


def shareable_image(page):
    image = page.hero_image
    return image if image is not None and may_be_shared(image) else None


def card_text(page):
    """The lead shown on the card: a story's intro, a project's summary."""
    return page.intro if isinstance(page, StoryPage) else page.summary


def programmes(page):
    """The programmes the card names, in the page's language."""
    if isinstance(page, ProjectPage):
        programme = page.localized_programme
        return [programme] if programme else []
    found = []
    for project in page.projects:
        programme = project.localized_programme
        if programme and programme not in found:
            found.append(programme)
    for programme in localize_all(page.programmes.all(), page.locale_id):
        if programme not in found:
            found.append(programme)
    return found


def iframe(page, request, width=EMBED_WIDTH, height=EMBED_HEIGHT):
    """The HTML others paste (or an oEmbed consumer inserts) to show the card."""
    return iframe_html(embed_url(page, request), page.title, width, height)


def iframe_html(card_url, title, width=EMBED_WIDTH, height=EMBED_HEIGHT):
    """An iframe of the card at `card_url` (absolute)."""
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>',
        card_url,
        width,
        height,
        title,
    )


def share_links(url, title):
    """(name, address) of the places a reader can share `url` with one click."""
    encoded = quote(url, safe="")
    return [
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={encoded}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}"),
        (
            "X",
            f"https://x.com/intent/post?url={encoded}&text={quote(title, safe='')}",
        ),
    ]
