from functools import cached_property, partial

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale

from home.frame import public_by_path
from stories.filtering import filter_projects, filter_stories
from stories.models import ProjectPage, StoryPage

from .backend import backend_for_language, hits_and_count
from .forms import SearchForm

RESULTS_PER_PAGE = 10
RESULTS_PER_GROUP = 5
MAX_OFFSET = 2**31
TYPES = {"stories": StoryPage, "projects": ProjectPage}


def searchable(request, model, locale, programme, theme):
    """Live, public pages of `model` in `locale`, narrowed by programme and theme.

    Search backends filter only on indexed fields, so the filters become a
    filter on page ids, and view restrictions a filter on paths.
    """
    # Without their bodies: PostgreSQL ranks every match and sorts them whole,
    # and a hit shows only title, lead and date.
    pages = public_by_path(
        model.objects.live().filter(locale=locale).defer_streamfields(), request
    )
    if programme or theme:
        narrow = filter_stories if model is StoryPage else filter_projects
        narrowed = narrow(model.objects.all(), programme=programme, theme=theme)
        pages = pages.filter(id__in=narrowed.values("pk"))
    return pages


class Group:
    """One type's first hits and how many there are, read when the template
    first asks (a fragment-cache hit reads nothing), both with one ranking."""

    def __init__(self, type, results):
        self.type = type
        self._results = results

    @cached_property
    def _first(self):
        return hits_and_count(self._results, 0, RESULTS_PER_GROUP)

    @property
    def hits(self):
        return self._first[0]

    @property
    def count(self):
        return self._first[1]


def _page(results, number):
    """Page `number` of `results`, its hits and the count from one ranking;
    past the last page, the last page (as `Paginator.get_page`)."""
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * RESULTS_PER_PAGE
    # Further on, the page is past any count (and PostgreSQL's bigint).
    if start < MAX_OFFSET:
        hits, count = hits_and_count(results, start, start + RESULTS_PER_PAGE)
        if hits or number == 1:
            paginator.count = count
            return paginator._get_page(hits, number, paginator)
    return paginator.get_page(number)


def search(request):
    """Search stories and projects in the reader's language."""
    locale = Locale.get_active()
    form = SearchForm(request.GET or None, locale_id=locale.pk)
    context = {"form": form, "search_query": "", "groups": [], "results": None}
    if form.is_bound and form.is_valid() and form.cleaned_data["query"]:
        data = form.cleaned_data
        backend = backend_for_language(locale.language_code)
        context["search_query"] = data["query"]
        # Lazy: results the template finds in the fragment cache cost no query.
        for name in [data["type"]] if data["type"] else list(TYPES):
            pages = searchable(
                request, TYPES[name], locale, data["programme"], data["theme"]
            )
            results = backend.search(data["query"], pages)
            if data["type"]:
                context["results"] = SimpleLazyObject(
                    partial(_page, results, request.GET.get("page"))
                )
            else:
                context["groups"].append(Group(name, results))
    return TemplateResponse(request, "search/search.html", context)
