"""API filters: the project's own, and Wagtail's field filter made safe."""

import datetime

from django.core.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

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
        if model is StoryPage:
            return self.filter_stories(request, queryset)
        return self.filter_projects(request, queryset)

    def filter_stories(self, request, queryset):
        if "project" in request.GET:
            project = ProjectPage.objects.filter(
                pk=_page_id(request, "project")
            ).first()
            key = project.translation_key if project else None
            queryset = queryset.filter(project_links__project__translation_key=key)
        if "programme" in request.GET:
            queryset = queryset.filter(
                project_links__project__programme__slug=_text(request, "programme")
            )
        if "theme" in request.GET:
            queryset = queryset.filter(themes__code=_text(request, "theme"))
        return queryset.distinct()

    def filter_projects(self, request, queryset):
        if "programme" in request.GET:
            queryset = queryset.filter(programme__slug=_text(request, "programme"))
        if "period" in request.GET:
            period = _text(request, "period")
            if period not in dict(PROGRAMME_PERIODS):
                raise BadRequestError(
                    f"period: one of {', '.join(dict(PROGRAMME_PERIODS))}"
                )
            queryset = queryset.filter(programme_period=period)
        if "theme" in request.GET:
            queryset = queryset.filter(themes__code=_text(request, "theme"))
        if "county" in request.GET:
            queryset = queryset.filter(counties__number=_text(request, "county"))
        if "status" in request.GET:
            status = request.GET["status"]
            today = datetime.date.today()
            if status == ProjectPage.Status.ACTIVE:
                queryset = queryset.exclude(end_date__lt=today)
            elif status == ProjectPage.Status.COMPLETED:
                queryset = queryset.filter(end_date__lt=today)
            else:
                raise BadRequestError("status: active or completed")
        return queryset.distinct()


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
