"""What the site's lists show: the story and project indexes, the home page's
stories and a project's stories. Filtered, paginated, and with their images
fetched in one query (stories/images.py).

These sit above the models: the templates ask for them with the tags in
`stories/templatetags/listing_tags.py`, so the page models never import them.
"""

import functools
from collections import namedtuple

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.utils.functional import SimpleLazyObject
from taggit.models import Tag

from home.compiled import Literal, compiled
from home.frame import PAGE_TIMES, frame_for, public
from home.models import HomeFeaturedStory
from stories.filtering import filter_stories
from stories.forms import ProjectFilterForm, StoryFilterForm
from stories.images import CARD, attach_images
from stories.models import (
    ProjectPage,
    StoryIndexPage,
    StoryPage,
    StoryProject,
    TipFormPage,
)

STORIES_PER_PAGE = 12
PROJECTS_PER_PAGE = 24
POPULAR_TAGS = 20
LATEST_STORIES = 6


def _page_of(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def story_listing(index, request):
    """The story index: filter form, one page of stories, popular tags."""
    here = (index.path, index.depth + 1)
    facets = SimpleLazyObject(lambda: _index_facets(*here))
    form = StoryFilterForm(
        request.GET, locale_id=index.locale_id, years=lambda: facets.years
    )
    # An invalid filter lists nothing; the form says what was wrong.
    listed = _StoryList(here, form.filters(), facets) if form.is_valid() else []
    page = _page_of(request, listed, STORIES_PER_PAGE)
    attach_images((page.object_list, CARD))
    return {
        "filter_form": form,
        "stories": page,
        # Read when shown (a cached fragment shows them without reading them).
        "popular_tags": SimpleLazyObject(lambda: facets.tags),
        "active_tag": form.cleaned_data.get("tag") if form.is_valid() else "",
    }


Facets = namedtuple("Facets", "count years tags")


def _index_facets(index_path, depth):
    """How many stories the index holds, the years they are from (newest
    first) and its most used tags (with `uses`).

    On PostgreSQL in one query that finds the index's stories once (at 10,000
    stories, finding them is most of the work; three queries found them three
    times); elsewhere in three."""
    if connection.vendor != "postgresql":
        return Facets(
            _filtered_stories(index_path, depth).count(),
            [day.year for day in _story_years(index_path, depth)],
            _popular_tags(index_path, depth),
        )
    with connection.cursor() as cursor:
        cursor.execute(*_facets_sql(index_path, depth))
        rows = cursor.fetchall()
    count, years = rows[0][:2]
    tags = []
    for *_facets, pk, name, slug, uses in rows:
        if pk is not None:
            tag = Tag(pk=pk, name=name, slug=slug)
            tag.uses = uses
            tags.append(tag)
    return Facets(count, years, tags)


@functools.lru_cache(maxsize=256)
def _facets_sql(index_path, depth):
    """The facets query's SQL and parameters for one index, which Django writes
    once per process, as `@compiled` does: they depend on the index alone, and
    writing them took 1.1 ms a request (7% of a worker's time on the story
    index under load). Only SQL text is kept; every call reads the database."""
    stories = _index_stories(index_path, depth).order_by().values("pk", "date")
    stories_sql, params = stories.query.sql_with_params()
    return _FACETS_SQL.format(stories=stories_sql), tuple(params)


# The popular tags as `_popular_tags` orders them; a row per tag (one row
# with no tag when none is used), each with the count and the years. Only
# Django's SQL for the stories and a constant are written into it; values
# are parameters.
#
# The tags are counted by id first and named after (25 rows, not 15,000),
# and the stories' tags are read from the (story, tag) index with the
# stories' ids as an array: joined to the stories instead, PostgreSQL hashed
# every tagging of both languages (30,000 rows) on every request. 9.3 → 7.1
# ms at 10,000 stories (`pgbench -T 6`, make bench's database).
_FACETS_SQL = f"""
WITH stories (id, date) AS MATERIALIZED ({{stories}}),
counted AS (
    SELECT used.tag_id, COUNT(*) AS uses
    FROM stories_storytag used
    WHERE used.content_object_id = ANY(ARRAY(SELECT id FROM stories))
    GROUP BY used.tag_id
),
popular AS (
    SELECT tag.id, tag.name, tag.slug, counted.uses
    FROM counted JOIN taggit_tag tag ON tag.id = counted.tag_id
    ORDER BY counted.uses DESC, tag.name
    LIMIT {POPULAR_TAGS}
)
SELECT
    (SELECT COUNT(*) FROM stories),
    ARRAY(
        SELECT DISTINCT EXTRACT(YEAR FROM date)::integer FROM stories ORDER BY 1 DESC
    ),
    popular.*
FROM (SELECT 1) AS one LEFT JOIN popular ON TRUE
ORDER BY popular.uses DESC, popular.name
"""  # noqa: S608


def _index_stories(index_path, depth):
    """The live, public stories of the story index at `index_path`."""
    return public(
        StoryPage.objects.live().filter(path__startswith=index_path, depth=depth)
    )


class _StoryList:
    """A filtered story index as the paginator reads it: its count, and a page
    of it as cards (without bodies), newest first, with the query compiled
    once per page number (a slice's bounds are written into the SQL)."""

    def __init__(self, here, filters, facets):
        self.args = (*here, *filters)
        self.facets = None if any(filters) else facets

    def count(self):
        if self.facets is not None:  # unfiltered: every story of the index
            return self.facets.count
        return _filtered_stories(*self.args).count()

    def __getitem__(self, page):
        if page.start >= page.stop:  # the one page of an empty list
            return []
        return _story_cards(*self.args, Literal(page.start), Literal(page.stop))


def _filtered_stories(index_path, depth, *filters):
    return filter_stories(_index_stories(index_path, depth), *filters)


# A page of an index's cards reads its stories: PostgreSQL's best plan depends
# on which index (a prefix of its path), so it is planned on every request, not
# as a prepared statement (prepared with the years and tags, before those went
# into `_index_facets`, the story index took 35 → 50 ms).
@compiled(prepare=False)
def _story_cards(index_path, depth, *filters_and_bounds):
    *filters, start, stop = filters_and_bounds
    return (
        _filtered_stories(index_path, depth, *filters)
        .defer_streamfields()
        .defer(*PAGE_TIMES)
        .order_by("-date", "-pk")[start:stop]
    )


# The years and popular tags on SQLite (PostgreSQL: `_index_facets`).
@compiled
def _story_years(index_path, depth):
    return _index_stories(index_path, depth).dates("date", "year", order="DESC")


@compiled
def _popular_tags(index_path, depth):
    return (
        Tag.objects.filter(
            stories_storytag_items__content_object__in=_index_stories(index_path, depth)
        )
        .annotate(uses=Count("stories_storytag_items"))
        .order_by("-uses", "name")[:POPULAR_TAGS]
    )


def project_listing(index, request):
    """The project index: filter form and one page of projects."""
    projects = public(ProjectPage.objects.live().child_of(index))
    form = ProjectFilterForm(request.GET, locale_id=index.locale_id)
    listed = form.filter(projects) if form.is_valid() else projects.none()
    listed = ProjectPage.with_display_relations(listed.order_by("-start_date", "title"))
    return {
        "filter_form": form,
        "projects": _page_of(request, listed, PROJECTS_PER_PAGE),
    }


def project_stories(project):
    """Live stories about `project`, in its language, newest first."""
    stories = _stories_about(project.translation_key, project.locale_id)
    attach_images((stories, CARD))
    return stories


@compiled
def _stories_about(translation_key, locale_id):
    about_it = StoryProject.objects.filter(
        project__translation_key=translation_key
    ).values("page_id")
    return (
        public(StoryPage.objects.live())
        .filter(locale_id=locale_id, pk__in=about_it)
        .defer_streamfields()
        .defer(*PAGE_TIMES)
        .order_by("-date", "-pk")
    )


def home_sections(home, request):
    """What the home page shows besides itself: the featured stories (in the
    editors' order), the latest others, and the story index and tip form."""
    if getattr(request, "is_preview", False):
        # The draft's own choice, as the page holds it.
        keys = list(
            home.featured_stories.order_by("sort_order").values_list(
                "story__translation_key", flat=True
            )
        )
    else:
        keys = [key for (key,) in _featured_keys(home.pk)]
    featured = sorted(
        _live_stories_with(keys, home.locale_id) if keys else [],
        key=lambda story: keys.index(story.translation_key),
    )
    latest = _latest_stories_without(keys, home.locale_id)
    attach_images(([*featured, *latest], CARD))
    frame = frame_for(request, home)
    return {
        "featured": featured,
        "latest": latest,
        "story_index": _section(frame, home, StoryIndexPage),
        "tip_page": _section(frame, home, TipFormPage),
    }


@compiled
def _featured_keys(home_id):
    return (
        HomeFeaturedStory.objects.filter(page_id=home_id)
        .order_by("sort_order")
        .values_list("story__translation_key")
    )


def _live_stories(locale_id):
    return (
        public(StoryPage.objects.live())
        .filter(locale_id=locale_id)
        .defer_streamfields()
        .defer(*PAGE_TIMES)
    )


@compiled
def _live_stories_with(translation_keys, locale_id):
    return _live_stories(locale_id).filter(translation_key__any_of=translation_keys)


@compiled
def _latest_stories_without(translation_keys, locale_id):
    return (
        _live_stories(locale_id)
        .exclude(translation_key__any_of=translation_keys)
        .order_by("-date", "-pk")[:LATEST_STORIES]
    )


def _section(frame, home, model):
    if frame is not None:
        return frame.section(model)
    return model.objects.child_of(home).live().first()
