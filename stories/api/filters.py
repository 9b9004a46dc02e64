"""API filters: the project's own, and Wagtail's field filter made safe."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from search.backend import backend_for_language
from stories.filtering import filter_projects, filter_stories
from stories.models import ProjectPage, StoryPage
from stories.models.taxonomy import PROGRAMME_PERIODS

STORY_FILTERS = ("project", "programme", "theme")
PROJECT_FILTERS = ("programme", "period", "theme", "county", "status")
OWN_FILTERS = frozenset(STORY_FILTERS + PROJECT_FILTERS)


class SafeFieldsFilter(FieldsFilter):
    """Wagtail's field filter, answering a value of the wrong kind with a 400."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError, OverflowError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


def _text(request, name):
    value = request.GET[name].strip()
    if not value or len(value) > 100 or "\x00" in value:
        raise BadRequestError(f"{name}: give a value of at most 100 characters")
    return value


def _page_id(request, name):
    try:
        value = int(request.GET[name])
    except ValueError as error:
        raise BadRequestError(f"{name}: give the id of a project page") from error
    if not 0 < value < 2**31:
        raise BadRequestError(f"{name}: give the id of a project page")
    return value


class StoryAndProjectFilter(BaseFilterBackend):
    """Stories by project, programme and theme; projects by programme, period,
    theme, county and status. These need `type=` to say which."""

    def filter_queryset(self, request, queryset, view):
        used = [name for name in OWN_FILTERS if name in request.GET]
        if not used:
            return queryset
        model = queryset.model
        allowed = {StoryPage: STORY_FILTERS, ProjectPage: PROJECT_FILTERS}.get(
            model, ()
        )
        for name in used:
            if name not in allowed:
                raise BadRequestError(
                    f"the {name} filter needs type=stories.StoryPage or "
                    "type=stories.ProjectPage (see /api/v2/openapi.json)"
                )
        narrowed = (
            self.filter_stories(request, model.objects.all())
            if model is StoryPage
            else self.filter_projects(request, model.objects.all())
        )
        # Search backends filter only on indexed fields: narrow by page ids.
        return queryset.filter(id__in=narrowed.values("pk"))

    def filter_stories(self, request, queryset):
        project_key = None
        if "project" in request.GET:
            project = ProjectPage.objects.filter(
                pk=_page_id(request, "project")
            ).first()
            # An unknown project matches no story.
            project_key = project.translation_key if project else uuid.uuid4()
        return filter_stories(
            queryset,
            programme=_text(request, "programme")
            if "programme" in request.GET
            else None,
            theme=_text(request, "theme") if "theme" in request.GET else None,
            project_key=project_key,
        )

    def filter_projects(self, request, queryset):
        period = _text(request, "period") if "period" in request.GET else None
        if period and period not in dict(PROGRAMME_PERIODS):
            raise BadRequestError(
                f"period: one of {', '.join(dict(PROGRAMME_PERIODS))}"
            )
        status = request.GET.get("status")
        if status is not None and status not in ProjectPage.Status.values:
            raise BadRequestError("status: active or completed")
        return filter_projects(
            queryset,
            programme=_text(request, "programme")
            if "programme" in request.GET
            else None,
            period=period,
            theme=_text(request, "theme") if "theme" in request.GET else None,
            county=_text(request, "county") if "county" in request.GET else None,
            status=status,
        )


class KnownLocaleFilter(LocaleFilter):
    """Wagtail's ?locale filter, with a 400 (not a 404) for a language we lack."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is not None and not Locale.objects.filter(language_code=code).exists():
            languages = ", ".join(
                Locale.objects.values_list("language_code", flat=True)
            )
            raise BadRequestError(f"locale: one of {languages}")
        return super().filter_queryset(request, queryset, view)


MAX_SEARCH_LENGTH = 200


class LanguageSearchFilter(BaseFilterBackend):
    """`?search=` with the language's own rules, within that language only.

    The language is `?locale=` or, without it, the site's default language: a
    Norwegian query is stemmed as Norwegian and never returns English pages, and
    the reverse. Must be the last filter (search results cannot be filtered).
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError(
                "filtering by tag with a search query is not supported"
            )
        query = request.GET["search"]
        if len(query) > MAX_SEARCH_LENGTH or "\x00" in query:
            raise BadRequestError(f"search: at most {MAX_SEARCH_LENGTH} characters")
        code = request.GET.get("locale") or settings.LANGUAGE_CODE
        if "locale" not in request.GET:
            queryset = queryset.filter(locale=Locale.objects.get(language_code=code))
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator: and or or")
        try:
            return backend_for_language(code).search(
                query,
                queryset,
                operator=operator,
                order_by_relevance="order" not in request.GET,
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(
                f"cannot combine this with search: {error}"
            ) from error
