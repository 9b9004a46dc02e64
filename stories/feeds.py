"""Atom feeds of the latest stories, per language, tag and programme, and of
the stories about one project (for the project's own website).

Each feed and entry carries the licence the stories may be republished under
(`<rights>` and an RFC 4946 `<link rel="license">`)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

from home import licences
from home.frame import public
from home.models import SiteSettings
from home.renditions import rendition
from home.views import route
from stories.filtering import filter_stories
from stories.forms import StoryFilterForm
from stories.images import FEED, attach_images
from stories.models import ProjectPage, StoryIndexPage, StoryPage

FEED_LENGTH = 30


class LicensedAtomFeed(Atom1Feed):
    """Atom with each entry's licence as a link (RFC 4946), besides `<rights>`."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("licence_url"):
            handler.addQuickElement(
                "link", "", {"rel": "license", "href": item["licence_url"]}
            )


class StoryFeed(Feed):
    """The newest stories of one story index, narrowed by ?tag= or ?programme=."""

    feed_type = LicensedAtomFeed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.site_licence = SiteSettings.for_request(request).licence
        self.form = StoryFilterForm(
            request.GET, locale_id=self.index.locale_id, years=list
        )
        self.filters = self.form.cleaned_data if self.form.is_valid() else None
        return self.index

    def title(self, index):
        parts = [index.title]
        if self.filters and self.filters.get("tag"):
            parts.append(f"#{self.filters['tag']}")
        if self.filters and self.filters.get("programme"):
            parts.append(self.filters["programme"])
        return " – ".join(parts)

    def link(self, index):
        return index.get_url(self.request)

    def feed_url(self, index):
        return self.request.get_full_path()

    def subtitle(self, index):
        return index.intro or _("The latest stories")

    def items(self, index):
        stories = public(StoryPage.objects.live().child_of(index))
        if self.filters is None:
            return stories.none()
        items = list(
            self.form.filter(stories)
            .prefetch_related("tags")
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )
        attach_images((items, {FEED}))
        return items

    def feed_copyright(self, index):
        return licence_statement(licences.get(self.site_licence))

    def item_copyright(self, story):
        return licence_statement(story.licence_under(self.site_licence))

    def item_extra_kwargs(self, story):
        return {"licence_url": story.licence_under(self.site_licence).url}

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.intro

    def item_link(self, story):
        return story.get_url(self.request)

    def item_pubdate(self, story):
        return timezone.make_aware(
            datetime.datetime.combine(story.date, datetime.time(8))
        )

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        return story.byline or None

    def item_categories(self, story):
        return [tag.name for tag in story.tags.all()]

    def item_enclosures(self, story):
        from django.utils.feedgenerator import Enclosure

        if not story.hero_image:
            return []
        image = rendition(story.hero_image, FEED)
        return [
            Enclosure(
                self.request.build_absolute_uri(image.url),
                str(image.file.size if image.file else 0),
                "image/jpeg",
            )
        ]

    def __call__(self, request, *args, **kwargs):
        # The feed's language is the index's: Django takes it from the active one.
        with override(self.index.locale.language_code):
            return super().__call__(request, *args, **kwargs)


class ProjectStoryFeed(StoryFeed):
    """The newest stories about one project, in the project page's language."""

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.site_licence = SiteSettings.for_request(request).licence
        return self.index

    def title(self, project):
        return _("Stories about %(project)s") % {"project": project.title}

    def subtitle(self, project):
        return project.summary or self.title(project)

    def items(self, project):
        stories = public(StoryPage.objects.live()).filter(locale_id=project.locale_id)
        items = list(
            filter_stories(stories, project_key=project.translation_key)
            .prefetch_related("tags")
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )
        attach_images((items, {FEED}))
        return items


def licence_statement(licence):
    """The Atom `<rights>` text: the licence's name and address."""
    return _("%(licence)s – free to share: %(url)s") % {
        "licence": licence.name,
        "url": licence.url,
    }


FEEDS = {StoryIndexPage: StoryFeed, ProjectPage: ProjectStoryFeed}


def page_feed(request, path):
    """`<story index address>feed/`: the index's Atom feed; `<project
    address>feed/`: the stories about the project. In the page's language.

    A feed is a view of the page, not a page: it is found by the page's path like
    the page itself (home/views.py), and a page behind a view restriction has no
    public feed.
    """
    result = route(request, path)
    page = result.page if result is not None else None
    feed = FEEDS.get(type(page))
    if feed is None or page.get_view_restrictions():
        raise Http404
    return feed(page)(request)
