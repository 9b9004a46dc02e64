"""What the story and project index pages list: filtered, paginated, prefetched."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.utils.functional import SimpleLazyObject
from taggit.models import Tag
from wagtail.images import get_image_model

from stories.forms import ProjectFilterForm, StoryFilterForm
from stories.localization import localize_all
from stories.models import ProjectPage, StoryPage

STORIES_PER_PAGE = 12
PROJECTS_PER_PAGE = 24
POPULAR_TAGS = 20


def with_images(queryset):
    """`queryset` with hero images and all their renditions in two queries."""
    return queryset.prefetch_related(
        Prefetch("hero_image", queryset=get_image_model().objects.prefetch_renditions())
    )


def _page_of(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def story_listing(index, request):
    stories = StoryPage.objects.live().public().child_of(index)

    def years():
        return [d.year for d in stories.dates("date", "year", order="DESC")]

    form = StoryFilterForm(request.GET, locale_id=index.locale_id, years=years)
    # An invalid filter lists nothing; the form says what was wrong.
    stories = form.filter(stories) if form.is_valid() else stories.none()
    stories = with_images(stories.order_by("-date", "-pk"))
    tags = (
        Tag.objects.filter(
            stories_storytag_items__content_object__in=StoryPage.objects.live()
            .public()
            .child_of(index)
        )
        .annotate(uses=Count("stories_storytag_items"))
        .order_by("-uses", "name")[:POPULAR_TAGS]
    )
    return {
        "filter_form": form,
        # Lazy: a cached fragment of the page needs no query at all.
        "stories": SimpleLazyObject(
            lambda: _page_of(request, stories, STORIES_PER_PAGE)
        ),
        "popular_tags": tags,
        "active_tag": form.cleaned_data.get("tag") if form.is_valid() else "",
    }


def project_listing(index, request):
    projects = ProjectPage.objects.live().public().child_of(index)
    form = ProjectFilterForm(request.GET, locale_id=index.locale_id)
    projects = form.filter(projects) if form.is_valid() else projects.none()
    projects = with_images(
        projects.select_related("programme").order_by("-start_date", "title")
    )

    def page_of_projects():
        page = _page_of(request, projects, PROJECTS_PER_PAGE)
        programmes = localize_all({p.programme for p in page}, index.locale_id)
        by_key = {programme.translation_key: programme for programme in programmes}
        for project in page:
            # Fill the cached property so the template needs no query per card.
            project.localized_programme = by_key[project.programme.translation_key]
        return page

    return {"filter_form": form, "projects": SimpleLazyObject(page_of_projects)}
