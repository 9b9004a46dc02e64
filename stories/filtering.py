"""Filtering stories and projects, shared by the index pages, feeds, search and API.

Filters across relations are written as `pk IN (subquery)` rather than joins, so
no DISTINCT is needed (a DISTINCT over page rows with their bodies is slow at
10,000 stories), and search backends, which filter only on indexed fields, can
use them as a plain id filter.
"""

import datetime

from django.utils import timezone

from stories.models import ProjectPage, StoryPage, StoryProject, StoryTag

StoryThemes = StoryPage.themes.through
StoryProgrammes = StoryPage.programmes.through
ProjectThemes = ProjectPage.themes.through
ProjectCounties = ProjectPage.counties.through


def year_span(year):
    """The first and last day of `year`, as `filter_stories` takes a year."""
    return [datetime.date(year, 1, 1), datetime.date(year, 12, 31)]


def filter_stories(
    stories, tag=None, theme=None, programme=None, project_key=None, days=None
):
    """`stories` narrowed by tag slug, theme code, programme slug, the translation
    key of a project, and a span of `days` (first and last, `year_span`).

    Every filter is a parameter of the query (a year as its first and last day),
    so its SQL is the same whatever the values (home/compiled.py)."""
    if tag:
        stories = stories.filter(
            pk__in=StoryTag.objects.filter(tag__slug=tag).values("content_object_id")
        )
    if theme:
        stories = stories.filter(
            pk__in=StoryThemes.objects.filter(theme__code=theme).values("storypage_id")
        )
    if programme:
        # Unordered: SQLite (`make run`) allows no ORDER BY inside a UNION, and
        # links are ordered by default.
        about_its_projects = (
            StoryProject.objects.filter(project__programme__slug=programme)
            .order_by()
            .values("page_id")
        )
        about_the_programme = (
            StoryProgrammes.objects.filter(programme__slug=programme)
            .order_by()
            .values("storypage_id")
        )
        stories = stories.filter(pk__in=about_its_projects.union(about_the_programme))
    if project_key:
        stories = stories.filter(
            pk__in=StoryProject.objects.filter(
                project__translation_key=project_key
            ).values("page_id")
        )
    if days:
        first, last = days
        stories = stories.filter(date__gte=first, date__lte=last)
    return stories


def filter_projects(
    projects, *, programme=None, period=None, theme=None, county=None, status=None
):
    """`projects` narrowed by programme slug, period, theme code, county number and
    status (active or completed, from the dates)."""
    if programme:
        projects = projects.filter(programme__slug=programme)
    if period:
        projects = projects.filter(programme_period=period)
    if theme:
        projects = projects.filter(
            pk__in=ProjectThemes.objects.filter(theme__code=theme).values(
                "projectpage_id"
            )
        )
    if county:
        projects = projects.filter(
            pk__in=ProjectCounties.objects.filter(county__number=county).values(
                "projectpage_id"
            )
        )
    today = timezone.localdate()
    if status == ProjectPage.Status.ACTIVE:
        projects = projects.exclude(end_date__lt=today)
    elif status == ProjectPage.Status.COMPLETED:
        projects = projects.filter(end_date__lt=today)
    return projects
