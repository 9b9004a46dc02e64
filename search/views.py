from functools import cached_property, partial

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Locale

from home.frame import frame_for, restricted_paths
from stories.models import ProjectPage, StoryPage

from .backend import backend_for_language, hits_and_count
from .forms import SearchForm
from .scope import Scope

RESULTS_PER_PAGE = 10
RESULTS_PER_GROUP = 5
MAX_OFFSET = 2**31
TYPES = {"stories": StoryPage, "projects": ProjectPage}


class Group:
    """One type's first hits and how many there are, read when the template
    first asks (a fragment-cache hit reads nothing), both with one ranking.
    `read(start, stop, ties)` reads them (`hits_and_count`)."""

    def __init__(self, type, read):
        self.type = type
        self._read = read

    @cached_property
    def _first(self):
        # Never paged: matches of equal rank may come in the index's order.
        return self._read(0, RESULTS_PER_GROUP, ties=False)

    @property
    def hits(self):
        return self._first[0]

    @property
    def count(self):
        return self._first[1]


class SearchPaginator(Paginator):
    """Pages of search results, each read with the count from one ranking:
    its object list is a `read(start, stop)` (`hits_and_count`). A page
    number that is no number gives the first page and one past the end the
    last, as `Paginator.get_page` does."""

    def get_page(self, number):
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        # Beyond MAX_OFFSET the page is past any count (and PostgreSQL's bigint).
        hits = self._read(number) if number <= MAX_OFFSET // self.per_page else []
        if not hits and number > 1:
            hits, number = self._read(1), 1
            if self.num_pages > 1:
                number = self.num_pages
                hits = self._read(number)
        return self._get_page(hits, number, self)

    def _read(self, number):
        start = (number - 1) * self.per_page
        hits, self.count = self.object_list(start, start + self.per_page)
        return hits


def _locale(request):
    """The reader's locale: the one of the home page the page's frame (the
    menu) reads anyway, else Wagtail's own query."""
    frame = frame_for(request)
    home = frame.home if frame is not None else None
    if home is not None and home.locale.language_code == get_language():
        return home.locale
    return Locale.get_active()


def search(request):
    """Search stories and projects in the reader's language."""
    locale = _locale(request)
    form = SearchForm(request.GET or None, locale_id=locale.pk)
    context = {"form": form, "search_query": "", "groups": [], "results": None}
    if form.is_bound and form.is_valid() and form.cleaned_data["query"]:
        data = form.cleaned_data
        backend = backend_for_language(locale.language_code)
        context["search_query"] = data["query"]
        # Lazy: results the template finds in the fragment cache cost no query.
        for name in [data["type"]] if data["type"] else list(TYPES):
            scope = Scope(
                TYPES[name],
                locale.pk,
                data["programme"],
                data["theme"],
                tuple(restricted_paths(request)),
            )
            read = partial(hits_and_count, backend, data["query"], scope)
            if data["type"]:
                paginator = SearchPaginator(read, RESULTS_PER_PAGE)
                context["results"] = SimpleLazyObject(
                    partial(paginator.get_page, request.GET.get("page"))
                )
            else:
                context["groups"].append(Group(name, read))
    return TemplateResponse(request, "search/search.html", context)
